import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageFrame } from '../../components/PageFrame';
import { hrefOf, navigate } from '../../router';
import type { SectionPageProps } from '../types';
import { IdentityTab } from './IdentityTab';
import { PacksTab } from './PacksTab';
import { ReportTab } from './ReportTab';
import { VerifyTab } from './VerifyTab';

const TABS = ['report', 'packs', 'verify', 'identity'] as const;
type TabKey = (typeof TABS)[number];

/**
 * 报表与验收: `#/reports/<tab>[/…]`. The 月报 editor (text stored, figures computed), the
 * monthly and annual acceptance packs (readiness, schedule, build with progress and cancel,
 * verify, export to USB, print), checking a pack received from others, and the signing identity.
 */
export function ReportsPage({ params }: SectionPageProps) {
  const { t } = useTranslation();
  const tab: TabKey = (TABS as readonly string[]).includes(params[0] ?? '') ? (params[0] as TabKey) : 'report';
  const rest = params.slice(1);
  return (
    <PageFrame title={t('reports.title')} testId="page-reports">
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(hrefOf('reports', k))}
        destroyOnHidden
        items={[
          { key: 'report', label: t('reports.tabs.report'), children: <ReportTab month={rest[0]} /> },
          { key: 'packs', label: t('reports.tabs.packs'), children: <PacksTab /> },
          { key: 'verify', label: t('reports.tabs.verify'), children: <VerifyTab /> },
          { key: 'identity', label: t('reports.tabs.identity'), children: <IdentityTab /> },
        ]}
      />
    </PageFrame>
  );
}
