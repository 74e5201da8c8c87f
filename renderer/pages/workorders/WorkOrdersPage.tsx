import { Alert, Card, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { PageFrame } from '../../components/PageFrame';
import { hrefOf, navigate } from '../../router';
import type { SectionPageProps } from '../types';
import { useFaultContext, useLoad } from '../faults/common';
import { ProblemsTab } from './ProblemsTab';
import { WorkOrderDetail, WorkOrderForm, WorkOrderList } from './WorkOrderViews';

function WorkOrderRoute({ id, edit }: { id: string; edit: boolean }) {
  const { options } = useFaultContext();
  const order = useLoad(() => invoke('workorders/get', { id }), [id]);
  if (order.error) return <Alert type="error" showIcon title={order.error} />;
  if (!order.data) return <Spin />;
  return edit ? <WorkOrderForm order={order.data} /> : <WorkOrderDetail key={order.data.updatedAt} order={order.data} options={options} />;
}

/**
 * 工单: `#/workorders` (运维实施工单), `#/workorders/problems` (问题单), `#/workorders/new`
 * (`/new/fault/<id>` linked to a fault), `#/workorders/<id>`, `#/workorders/<id>/edit`.
 */
export function WorkOrdersPage({ params }: SectionPageProps) {
  const { t } = useTranslation();
  const [first, second, third] = params;
  let body;
  if (first === 'new') body = <WorkOrderForm key={params.join('/')} {...(second === 'fault' && third ? { faultId: third } : {})} />;
  else if (first && first !== 'problems') body = <WorkOrderRoute key={first} id={first} edit={second === 'edit'} />;
  else {
    body = (
      <Card>
        <Tabs
          activeKey={first === 'problems' ? 'problems' : 'orders'}
          onChange={(k) => navigate(k === 'problems' ? hrefOf('workorders', 'problems') : hrefOf('workorders'))}
          destroyOnHidden
          items={[
            { key: 'orders', label: t('workorders.tabs.orders'), children: <WorkOrderList /> },
            { key: 'problems', label: t('workorders.tabs.problems'), children: <ProblemsTab /> },
          ]}
        />
      </Card>
    );
  }
  return (
    <PageFrame title={t('nav.workorders')} testId="page-workorders">
      {body}
    </PageFrame>
  );
}
