import { memo, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Input, Select, Space, Tag } from 'antd';
import { BarChartOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Input as ChannelInput } from '../../../shared/contract';
import { FAULT_SEVERITIES, FAULT_STATUSES, SLA_BUCKETS, type FaultRow } from '../../../shared/contract/faults';
import { invoke } from '../../api';
import { PageFrame } from '../../components/PageFrame';
import { PAGE_SIZE, PagedTable, usePagedFilters } from '../../components/PagedTable';
import { hrefOf, navigate } from '../../router';
import { fmtAt, LiveSlaTag, severityColor, useFaultContext, useLoad, type Options } from './common';
import { FaultStats } from './FaultStats';

type Filters = Omit<ChannelInput<'faults/list'>, 'page' | 'pageSize'>;

const KEY = 'owb.faults.filters';

function savedFilters(): Filters {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Filters;
  } catch {
    return {};
  }
}

/** 故障 list: server-side filters and paging; SLA countdowns tick in the browser. */
export function FaultList() {
  const { t } = useTranslation();
  const { sla, options } = useFaultContext();
  const { filters, set, page, setPage } = usePagedFilters<Filters>(savedFilters);
  const [showStats, setShowStats] = useState(false);
  const list = useLoad(() => invoke('faults/list', { ...filters, page, pageSize: PAGE_SIZE }), [JSON.stringify(filters), page]);

  useEffect(() => {
    sessionStorage.setItem(KEY, JSON.stringify(filters));
  }, [filters]);

  // The columns (and so the table) change only with the language and the SLA settings; the
  // countdowns tick inside their own cells.
  const columns = useMemo(() => [
    {
      title: t('faults.col.docNo'),
      dataIndex: 'docNo',
      key: 'docNo',
      width: 140,
      render: (v: string, r: FaultRow) => (
        <a href={hrefOf('faults', r.id)} data-testid="fault-link">
          {v}
        </a>
      ),
    },
    { title: t('faults.col.title'), dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t('faults.col.severity'), dataIndex: 'severity', key: 'severity', width: 100, render: (v: FaultRow['severity']) => <Tag color={severityColor(v)}>{t(`faults.severity.${v}`)}</Tag> },
    { title: t('faults.col.status'), dataIndex: 'status', key: 'status', width: 110, render: (v: FaultRow['status']) => t(`faults.status.${v}`) },
    { title: t('faults.col.reportedAt'), dataIndex: 'reportedAt', key: 'reportedAt', width: 180, render: (v: string) => fmtAt(v) },
    { title: t('faults.col.engineer'), dataIndex: 'engineerName', key: 'engineerName', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('faults.col.sla'),
      key: 'sla',
      width: 230,
      render: (_: unknown, r: FaultRow) => (sla ? <LiveSlaTag fault={r} sla={sla} testId="fault-sla" /> : null),
    },
  ], [t, sla]);

  return (
    <PageFrame
      title={t('faults.title')}
      testId="page-faults"
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('dashboard.refresh')} />
          <Button icon={<BarChartOutlined />} onClick={() => setShowStats(true)} data-testid="fault-stats">
            {t('faults.stats.open')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} href={hrefOf('faults', 'new')} data-testid="fault-new" accessKey="n">
            {t('faults.new')}
          </Button>
        </>
      }
    >
      <FilterBar filters={filters} options={options} set={set} />
      {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} /> : null}
      <Card size="small">
        <PagedTable<FaultRow>
          data-testid="fault-table"
          columns={columns}
          list={list}
          page={page}
          setPage={setPage}
          showTotal={(total) => t('faults.total', { total })}
          locale={{ emptyText: t('faults.empty') }}
          rowClassName={(r) => (r.sla.bucket === 'breached' ? 'owb-row-breached' : '')}
          onRow={(r) => ({ onDoubleClick: () => navigate(hrefOf('faults', r.id)) })}
        />
      </Card>
      {showStats ? <FaultStats onClose={() => setShowStats(false)} /> : null}
    </PageFrame>
  );
}

/**
 * The filters (memoised: a page of rows arriving re-renders the table, not these controls).
 * `set(null)` clears every filter.
 */
const FilterBar = memo(function FilterBar({ filters, options, set }: { filters: Filters; options: Options | null; set: (patch: Partial<Filters> | null) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  return (
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} align="center" data-testid="fault-filters">
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('faults.filters.status')}
            aria-label={t('faults.filters.status')}
            value={filters.status ?? []}
            onChange={(v: Filters['status']) => set({ status: v })}
            options={FAULT_STATUSES.map((s) => ({ value: s, label: t(`faults.status.${s}`) }))}
            data-testid="filter-status"
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('faults.filters.severity')}
            aria-label={t('faults.filters.severity')}
            value={filters.severity}
            onChange={(v) => set({ severity: v })}
            options={FAULT_SEVERITIES.map((s) => ({ value: s, label: t(`faults.severity.${s}`) }))}
            data-testid="filter-severity"
          />
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('faults.filters.sla')}
            aria-label={t('faults.filters.sla')}
            value={filters.slaState}
            onChange={(v) => set({ slaState: v })}
            options={SLA_BUCKETS.map((s) => ({ value: s, label: t(`faults.bucket.${s}`) }))}
            data-testid="filter-sla"
          />
          <DatePicker.RangePicker
            aria-label={t('faults.filters.dates')}
            placeholder={[t('faults.filters.dates'), t('faults.filters.dates')]}
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            placeholder={t('faults.filters.asset')}
            aria-label={t('faults.filters.asset')}
            value={filters.assetId}
            onChange={(v) => set({ assetId: v })}
            options={(options?.assets ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
          <Select
            allowClear
            showSearch
            style={{ width: 130 }}
            placeholder={t('faults.filters.engineer')}
            aria-label={t('faults.filters.engineer')}
            value={filters.engineer}
            onChange={(v) => set({ engineer: v })}
            options={(options?.staff ?? []).map((s) => ({ value: s.name, label: s.name }))}
          />
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('faults.filters.search')}
            aria-label={t('faults.filters.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
          <Space>
            <Button
              onClick={() => {
                setQ('');
                set(null);
              }}
            >
              {t('faults.filters.reset')}
            </Button>
          </Space>
        </Flex>
      </Card>
  );
});
