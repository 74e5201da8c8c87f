import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { VIOLATION_KIND_LABELS, VIOLATION_KINDS, type MonthView, type Violation } from '../../../shared/contract/attendance';
import { formatBizDate } from '../../../shared/time';

/** Days without a mark are many before a sheet is filled: one row per person lists them. */
function grouped(view: MonthView, unmarked: (name: string, count: number, days: string) => string): Violation[] {
  const out: Violation[] = [];
  const byPerson = new Map<string, Violation[]>();
  for (const v of view.violations) {
    if (v.kind !== 'unmarked') {
      out.push(v);
      continue;
    }
    byPerson.set(v.staffId, [...(byPerson.get(v.staffId) ?? []), v]);
  }
  for (const list of byPerson.values()) {
    const first = list[0]!;
    if (list.length === 1) {
      out.push(first);
      continue;
    }
    const days = list.map((v) => `${Number(v.date?.slice(8, 10))}日`).join('、');
    out.push({ ...first, message: unmarked(first.staffName, list.length, days) });
  }
  const order = new Map(view.staff.map((p, i) => [p.id, i]));
  return out.sort((a, b) => (order.get(a.staffId) ?? 1e9) - (order.get(b.staffId) ?? 1e9) || (a.date ?? '').localeCompare(b.date ?? ''));
}

/** Every broken rule of the month, listed (never hidden): 旷工, lates, leave without approval… */
export function ViolationsPanel({ view }: { view: MonthView }) {
  const { t } = useTranslation();
  const errors = view.violations.filter((v) => v.severity === 'error').length;
  if (view.violations.length === 0) return <Typography.Paragraph type="secondary">{t('attendance.violations.none')}</Typography.Paragraph>;
  const rows = grouped(view, (name, count, days) => t('attendance.violations.unmarked', { name, count, days }));
  return (
    <>
      <Typography.Paragraph>{t('attendance.violations.count', { errors, warnings: view.violations.length - errors })}</Typography.Paragraph>
      <Table<Violation>
        size="small"
        data-testid="attendance-violations"
        rowKey={(v) => `${v.kind}|${v.staffId}|${v.date ?? ''}|${v.requestId ?? ''}|${v.message}`}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            key: 'severity',
            title: t('attendance.violations.col.severity'),
            width: 90,
            render: (_x, v) => <Tag color={v.severity === 'error' ? 'red' : 'gold'}>{v.severity === 'error' ? t('attendance.violations.error') : t('attendance.violations.warning')}</Tag>,
            filters: [
              { text: t('attendance.violations.error'), value: 'error' },
              { text: t('attendance.violations.warning'), value: 'warning' },
            ],
            onFilter: (value, v) => v.severity === value,
          },
          {
            // The rule broken, as the contract names it (the one list of kinds and labels).
            key: 'kind',
            title: t('attendance.violations.col.kind'),
            width: 200,
            render: (_x, v) => VIOLATION_KIND_LABELS[v.kind],
            filters: VIOLATION_KINDS.filter((k) => view.violations.some((v) => v.kind === k)).map((k) => ({ text: VIOLATION_KIND_LABELS[k], value: k })),
            onFilter: (value, v) => v.kind === value,
          },
          {
            key: 'person',
            title: t('attendance.violations.col.person'),
            dataIndex: 'staffName',
            width: 100,
            filters: view.staff.map((p) => ({ text: p.name, value: p.id })),
            onFilter: (value, v) => v.staffId === value,
          },
          { key: 'date', title: t('attendance.violations.col.date'), width: 130, render: (_x, v) => (v.date ? formatBizDate(v.date) : '—') },
          { key: 'message', title: t('attendance.violations.col.message'), dataIndex: 'message' },
        ]}
      />
    </>
  );
}
