import { useEffect } from 'react';
import { Button, Flex, Layout, Menu, Result, Space, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { authStore, useAuth } from '../auth';
import { heartbeat, logout } from '../auth/actions';
import { useIdleLock } from '../auth/useIdleLock';
import { hrefOf, navigate, useRoute } from '../router';
import { useAppInfo } from './appInfo';
import { CoreNotices } from './CoreNotices';
import { DamagedAlert } from './DamagedAlert';
import { LockScreen } from './LockScreen';
import { SECTION_DEFS } from './sections';

function NotFound({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      subTitle={t('common.notFoundBody', { path })}
      extra={
        <Button type="primary" href={hrefOf('dashboard')}>
          {t('common.toDashboard')}
        </Button>
      }
    />
  );
}

/** The signed-in app: menu, header (project, user, lock), the current section, the lock. */
export function Shell() {
  const { t } = useTranslation();
  const { info } = useAppInfo();
  const { session, locked } = useAuth();
  const route = useRoute();
  const def = SECTION_DEFS.find((s) => s.key === route.section);
  const sectionTitle = def ? t(`nav.${def.key}`) : t('common.notFound');

  useEffect(() => {
    document.title = `${sectionTitle} - ${t('app.name')}`;
  }, [sectionTitle, t]);

  useIdleLock({
    minutes: session?.idleLockMinutes ?? 10,
    enabled: session !== null && !locked,
    onIdle: () => authStore.lock(),
    onHeartbeat: () => void heartbeat(),
  });

  if (!session) return null;
  const user = session.user;

  return (
    <>
      <Layout className="owb-shell" inert={locked} aria-hidden={locked || undefined}>
        <Layout.Sider width={208} theme="dark" className="owb-sider">
          <div className="owb-brand" title={t('app.name')}>
            {t('app.name')}
          </div>
          <nav aria-label={t('nav.menuLabel')}>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={def ? [def.key] : []}
              onClick={({ key }) => {
                const target = SECTION_DEFS.find((s) => s.key === key);
                if (target) navigate(hrefOf(target.key));
              }}
              items={SECTION_DEFS.map((s) => ({
                key: s.key,
                icon: s.icon,
                label: (
                  <a href={hrefOf(s.key)} data-testid={`nav-${s.key}`}>
                    {t(`nav.${s.key}`)}
                  </a>
                ),
              }))}
            />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header className="owb-header">
            <Flex justify="space-between" align="center" gap={16} style={{ height: '100%' }}>
              <Typography.Text strong className="owb-project" ellipsis title={info.projectName} data-testid="project-name">
                {info.projectName || t('app.name')}
              </Typography.Text>
              <Space size="middle">
                <span data-testid="current-user" aria-label={t('header.user', { name: user.displayName })}>
                  <UserOutlined /> {user.displayName}
                </span>
                {user.roles.map((r) => (
                  <Tag key={r} color="blue">
                    {t(`header.roles.${r}`)}
                  </Tag>
                ))}
                <Tooltip title={t('header.lockTitle')}>
                  <Button icon={<LockOutlined />} onClick={() => authStore.lock()} data-testid="lock-button">
                    {t('header.lock')}
                  </Button>
                </Tooltip>
                <Button icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout-button">
                  {t('header.logout')}
                </Button>
              </Space>
            </Flex>
          </Layout.Header>
          <Layout.Content className="owb-content">
            {info.dbState === 'damaged' ? <DamagedAlert /> : null}
            {def ? <def.Page key={def.key} params={route.params} /> : <NotFound path={route.path} />}
          </Layout.Content>
        </Layout>
      </Layout>
      {locked ? <LockScreen /> : null}
      <CoreNotices />
    </>
  );
}
