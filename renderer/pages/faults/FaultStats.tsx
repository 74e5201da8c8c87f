import { Alert, Modal, Table, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { addMonths, toBizDate } from '../../../shared/time';
import { invoke } from '../../api';
import { useLoad } from './common';

type Stats = Output<'faults/stats'>;

/** 超时统计: faults and SLA breaches per month and per engineer (faults/stats, the shared rule). */
export function FaultStats({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const to = toBizDate(new Date().toISOString()).slice(0, 7);
  const stats = useLoad(() => invoke('faults/stats', { from: addMonths(to, -11), to }), [to]);
  const counts = [
    { title: t('faults.stats.faults'), dataIndex: 'faults', key: 'faults', width: 100 },
    { title: t('faults.stats.breaches'), dataIndex: 'breaches', key: 'breaches', width: 100, render: (v: number) => (v ? <strong style={{ color: '#cf1322' }}>{v}</strong> : v) },
    { title: t('faults.stats.breachedFaults'), dataIndex: 'breachedFaults', key: 'breachedFaults', width: 110 },
  ];
  return (
    <Modal open title={t('faults.stats.title')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      {stats.error ? <Alert type="error" showIcon title={stats.error} /> : null}
      <Tabs
        items={[
          {
            key: 'month',
            label: t('faults.stats.byMonth'),
            children: <Table<Stats['months'][number]> rowKey="month" size="small" pagination={false} loading={stats.loading} dataSource={stats.data?.months ?? []} columns={[{ title: t('faults.stats.month'), dataIndex: 'month', key: 'month' }, ...counts]} data-testid="stats-months" />,
          },
          {
            key: 'engineer',
            label: t('faults.stats.byEngineer'),
            children: <Table<Stats['engineers'][number]> rowKey="engineer" size="small" pagination={false} loading={stats.loading} dataSource={stats.data?.engineers ?? []} columns={[{ title: t('faults.stats.engineer'), dataIndex: 'engineer', key: 'engineer' }, ...counts]} />,
          },
        ]}
      />
    </Modal>
  );
}
