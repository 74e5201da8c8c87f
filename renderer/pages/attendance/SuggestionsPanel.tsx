import { useState } from 'react';
import { Alert, App, Button, Flex, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MonthView, Suggestion } from '../../../shared/contract/attendance';
import { formatBizDate, formatBizDateTime } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useLoad } from '../faults/common';

const keyOf = (s: Pick<Suggestion, 'staffId' | 'date'>) => `${s.staffId}|${s.date}`;

/** Marks suggested by the work record and approved leave; the engineer confirms the ones that are right. */
export function SuggestionsPanel({ view, onView, writable }: { view: MonthView; onView(v: MonthView): void; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useLoad(() => invoke('attendance/suggestions', { month: view.month }), [view.month, view.marks.length]);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const accept = async () => {
    const items = (list.data ?? []).filter((s) => selected.includes(keyOf(s))).map((s) => ({ staffId: s.staffId, date: s.date }));
    if (items.length === 0) return;
    setBusy(true);
    try {
      onView(await invoke('attendance/accept-suggestions', { month: view.month, items }));
      void message.success(t('attendance.suggestions.accepted', { count: items.length }));
      setSelected([]);
    } catch (e) {
      void message.error(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };

  if (list.error) return <Alert type="error" showIcon title={t('attendance.loadFailed', { detail: list.error })} />;
  if (!list.data) return <Spin />;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('attendance.suggestions.intro')}</Typography.Text>
      <Flex gap={8}>
        <Button type="primary" disabled={!writable || selected.length === 0} loading={busy} onClick={() => void accept()} data-testid="attendance-accept">
          {t('attendance.suggestions.accept', { count: selected.length })}
        </Button>
        <Button onClick={list.reload}>{t('attendance.suggestions.refresh')}</Button>
      </Flex>
      <Table<Suggestion>
        size="small"
        data-testid="attendance-suggestions"
        rowKey={keyOf}
        dataSource={list.data}
        locale={{ emptyText: t('attendance.suggestions.none') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowSelection={writable ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
        expandable={{
          expandedRowRender: (s) => (
            <ul style={{ margin: 0 }}>
              {s.evidence.map((e, i) => (
                <li key={`${e.refId}-${i}`}>
                  {t(`attendance.suggestions.evidence.${e.kind}`)}：{e.label}
                  {e.at ? `（${formatBizDateTime(e.at)}）` : ''}
                </li>
              ))}
            </ul>
          ),
        }}
        columns={[
          { key: 'person', title: t('attendance.suggestions.col.person'), dataIndex: 'staffName', width: 100 },
          { key: 'date', title: t('attendance.suggestions.col.date'), width: 130, render: (_x, s) => formatBizDate(s.date) },
          { key: 'mark', title: t('attendance.suggestions.col.mark'), width: 110, render: (_x, s) => `${view.markTypes.find((m) => m.code === s.mark)?.symbol ?? ''} ${s.markLabel}${s.half === 'full' ? '' : `（${t(`attendance.editor.halves.${s.half}`)}）`}` },
          { key: 'hours', title: t('attendance.suggestions.col.hours'), width: 90, render: (_x, s) => s.overtimeHours ?? '' },
          { key: 'reason', title: t('attendance.suggestions.col.reason'), dataIndex: 'reason' },
        ]}
      />
    </Flex>
  );
}
