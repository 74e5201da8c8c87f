import { useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MonthView } from '../../../shared/contract/attendance';
import { formatBizDate, WEEKDAY_LABELS } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';

type Kind = 'holiday' | 'workday' | 'none';
type Day = MonthView['days'][number];

/** Holidays and 调休 of the month (from the library), and extra days entered by hand. */
export function CalendarPanel({ view, onView, writable }: { view: MonthView; onView(v: MonthView): void; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [date, setDate] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<Kind>('holiday');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const special = view.days.filter((d) => d.override || d.kind === 'holiday' || d.kind === 'makeup_workday');

  const save = async (d: string, k: Kind, n: string) => {
    setBusy(true);
    try {
      onView(await invoke('attendance/set-day', { date: d, kind: k === 'none' ? null : k, name: n }));
      void message.success(t('attendance.calendar.saved'));
      setDate(null);
      setName('');
    } catch (e) {
      void message.error(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const kindLabel = (d: Day) => t(`attendance.grid.dayKind.${d.kind}`);

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('attendance.calendar.intro')}</Typography.Text>
      {!view.calendarKnown ? <Alert type="warning" showIcon title={t('attendance.unknownYear', { year: view.month.slice(0, 4) })} /> : null}
      <Flex gap={8} wrap align="center">
        <DatePicker
          aria-label={t('attendance.calendar.date')}
          value={date}
          onChange={setDate}
          disabled={!writable}
          defaultPickerValue={dayjs(`${view.month}-01`)}
          disabledDate={(d) => d.format('YYYY-MM') !== view.month}
        />
        <Select<Kind>
          aria-label={t('attendance.calendar.kind')}
          style={{ width: 200 }}
          value={kind}
          onChange={setKind}
          disabled={!writable}
          options={(['holiday', 'workday', 'none'] as const).map((k) => ({ value: k, label: t(`attendance.calendar.kinds.${k}`) }))}
        />
        <Input aria-label={t('attendance.calendar.name')} placeholder={t('attendance.calendar.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} maxLength={40} style={{ width: 180 }} disabled={!writable || kind === 'none'} />
        <Button type="primary" disabled={!writable || !date} loading={busy} onClick={() => date && void save(date.format('YYYY-MM-DD'), kind, kind === 'none' ? '' : name)}>
          {t('attendance.calendar.save')}
        </Button>
      </Flex>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('attendance.calendar.list')}
      </Typography.Title>
      <Table<Day>
        size="small"
        rowKey="date"
        dataSource={special}
        pagination={false}
        locale={{ emptyText: t('attendance.calendar.none') }}
        columns={[
          { key: 'date', title: t('attendance.calendar.col.date'), render: (_x, d) => `${formatBizDate(d.date)} ${WEEKDAY_LABELS[d.weekday]}` },
          { key: 'kind', title: t('attendance.calendar.col.kind'), render: (_x, d) => <Tag color={d.working ? 'orange' : 'red'}>{kindLabel(d)}</Tag> },
          { key: 'name', title: t('attendance.calendar.col.name'), render: (_x, d) => d.name ?? '' },
          { key: 'source', title: t('attendance.calendar.col.source'), render: (_x, d) => (d.override ? t('attendance.calendar.manual') : t('attendance.calendar.fromLibrary')) },
          {
            key: 'actions',
            title: t('attendance.calendar.col.actions'),
            render: (_x, d) =>
              d.override && writable ? (
                <Popconfirm title={t('attendance.calendar.kinds.none')} onConfirm={() => void save(d.date, 'none', '')}>
                  <Button size="small">{t('attendance.calendar.remove')}</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Flex>
  );
}
