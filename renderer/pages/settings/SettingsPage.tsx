import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageFrame } from '../../components/PageFrame';
import { hrefOf, navigate } from '../../router';
import type { SectionPageProps } from '../types';
import { AccountTab } from './AccountTab';
import { BackupTab } from './BackupTab';
import { WorkstationTab } from './WorkstationTab';

const TABS = ['workstation', 'backup', 'account'] as const;
type Tab = (typeof TABS)[number];

function isTab(v: string | undefined): v is Tab {
  return v !== undefined && (TABS as readonly string[]).includes(v);
}

/** 设置: workstation settings, 备份与恢复 (`#/settings/backup`), and one's own password. */
export function SettingsPage({ params }: SectionPageProps) {
  const { t } = useTranslation();
  const active: Tab = isTab(params[0]) ? params[0] : 'workstation';
  return (
    <PageFrame title={t('settings.title')} testId="page-settings">
      <Card>
        <Tabs
          activeKey={active}
          onChange={(k) => navigate(hrefOf('settings', k))}
          destroyOnHidden
          items={[
            { key: 'workstation', label: t('settings.tabs.workstation'), children: <WorkstationTab /> },
            { key: 'backup', label: t('settings.tabs.backup'), children: <BackupTab /> },
            { key: 'account', label: t('settings.tabs.account'), children: <AccountTab /> },
          ]}
        />
      </Card>
    </PageFrame>
  );
}
