import type { ReactNode } from 'react';
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/contract/define';
import { useAuth } from '../../auth';
import { PageFrame } from '../../components/PageFrame';
import { hrefOf, navigate } from '../../router';
import type { SectionPageProps } from '../types';
import { AccountTab } from './AccountTab';
import { AuditTab } from './AuditTab';
import { BackupTab } from './BackupTab';
import { ProjectTab } from './ProjectTab';
import { UsersTab } from './UsersTab';
import { WorkstationTab } from './WorkstationTab';

const TABS = ['workstation', 'project', 'users', 'audit', 'backup', 'account'] as const;
type Tab = (typeof TABS)[number];

/** Who sees a tab (the core checks every call again; this only hides what would be refused). */
const SHOWN: Record<Tab, readonly Role[] | 'all'> = {
  workstation: 'all',
  project: 'all',
  users: ['admin'],
  audit: ['auditor'],
  // Shown to all: it tells others that only the administrator restores.
  backup: 'all',
  account: 'all',
};

function isTab(v: string | undefined): v is Tab {
  return v !== undefined && (TABS as readonly string[]).includes(v);
}

/**
 * 设置: workstation settings, 项目与合同 (admin edits), 账号管理 (admin), 审计日志 (auditor),
 * 备份与恢复 (`#/settings/backup`), and one's own password.
 */
export function SettingsPage({ params }: SectionPageProps) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const roles = session?.user.roles ?? [];
  const visible = TABS.filter((k) => SHOWN[k] === 'all' || (SHOWN[k] as readonly Role[]).some((r) => roles.includes(r)));
  const active: Tab = isTab(params[0]) && visible.includes(params[0]) ? params[0] : 'workstation';
  const body: Record<Tab, ReactNode> = {
    workstation: <WorkstationTab />,
    project: <ProjectTab />,
    users: <UsersTab />,
    audit: <AuditTab />,
    backup: <BackupTab />,
    account: <AccountTab />,
  };
  return (
    <PageFrame title={t('settings.title')} testId="page-settings">
      <Card>
        <Tabs
          activeKey={active}
          onChange={(k) => navigate(hrefOf('settings', k))}
          destroyOnHidden
          items={visible.map((k) => ({ key: k, label: k === 'users' || k === 'audit' || k === 'project' ? t(`admin.tabs.${k}`) : t(`settings.tabs.${k}`), children: body[k] }))}
        />
      </Card>
    </PageFrame>
  );
}
