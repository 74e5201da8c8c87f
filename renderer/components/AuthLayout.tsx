import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Centered card of the screens before sign-in (setup, login). */
export function AuthLayout({ title, subtitle, projectName, version, top, children, testId }: {
  title: string;
  subtitle?: ReactNode;
  projectName: string;
  version: string;
  top?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <main className="owb-auth" data-testid={testId}>
      <div className="owb-auth-inner">
        {top}
        <div className="owb-auth-brand">
          <Typography.Title level={2} style={{ marginBottom: 4 }}>
            {t('app.name')}
          </Typography.Title>
          {projectName ? <Typography.Text type="secondary">{projectName}</Typography.Text> : null}
        </div>
        <Card className="owb-auth-card">
          <Typography.Title level={3}>{title}</Typography.Title>
          {subtitle ? <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph> : null}
          {children}
        </Card>
        <Typography.Text type="secondary" className="owb-auth-version">
          {t('app.version', { version })}
        </Typography.Text>
      </div>
    </main>
  );
}
