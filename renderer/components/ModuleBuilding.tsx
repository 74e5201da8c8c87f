import { Card, Empty, Typography } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageFrame } from './PageFrame';

/** Placeholder of a section whose channels are not in the contract yet. */
export function ModuleBuilding({ title, testId }: { title: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <PageFrame title={title} testId={testId}>
      <Card>
        <Empty
          image={<ToolOutlined style={{ fontSize: 56, color: '#8c8c8c' }} aria-hidden />}
          description={
            <div role="status" data-testid="module-building">
              <Typography.Title level={4}>{t('module.building')}</Typography.Title>
              <Typography.Text type="secondary">{t('module.buildingBody', { name: title })}</Typography.Text>
            </div>
          }
        />
      </Card>
    </PageFrame>
  );
}
