import { useState } from 'react';
import { Alert, App, Badge, Button, DatePicker, Flex, Input, Modal, Popconfirm, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MonthState, MonthView } from '../../../shared/contract/attendance';
import { addMonths, formatBizDate, formatBizDateTime, formatMonth, isMonth, monthOf } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { PageFrame } from '../../components/PageFrame';
import { FormError } from '../../components/FormError';
import { hrefOf, navigate } from '../../router';
import type { SectionPageProps } from '../types';
import { downloadFile, today, useLoad } from '../faults/common';
import { CalendarPanel } from './CalendarPanel';
import { LeavePanel } from './LeavePanel';
import { MonthGrid } from './MonthGrid';
import { SuggestionsPanel } from './SuggestionsPanel';
import { ViolationsPanel } from './ViolationsPanel';
import './attendance.css';

const STATE_COLOR: Record<MonthState, string> = { open: 'blue', due: 'gold', late: 'red', closed: 'green' };

/**
 * 考勤: `#/attendance` (this month) or `#/attendance/YYYY-MM`. The month sheet filled from the
 * keyboard, its totals and violations, suggestions from the work record, leave requests and
 * approvals, holidays entered by hand, export of the 日常工作考勤表, close and reopen.
 */
export function AttendancePage({ params }: SectionPageProps) {
  const month = params[0] && isMonth(params[0]) ? params[0] : monthOf(today());
  return <MonthPage key={month} month={month} />;
}

function MonthPage({ month }: { month: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const loaded = useLoad(() => invoke('attendance/month', { month }), [month]);
  const project = useLoad(() => invoke('project/get', {}), []);
  const [tab, setTab] = useState('grid');
  const [exporting, setExporting] = useState<'pdf' | 'xlsx' | null>(null);
  const [reopening, setReopening] = useState(false);
  const view = loaded.data;
  const go = (m: string) => navigate(hrefOf('attendance', m));

  const exportAs = async (format: 'pdf' | 'xlsx') => {
    setExporting(format);
    try {
      const file = await invoke('attendance/export', { month, format });
      downloadFile(file);
      void message.success(t('attendance.exported', { name: file.fileName }));
    } catch (e) {
      void message.error(toClientError(e).message);
    } finally {
      setExporting(null);
    }
  };

  const close = async () => {
    try {
      loaded.setData(await invoke('attendance/close', { month }));
      void message.success(t('attendance.closed'));
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };

  const extra = (
    <Space wrap>
      <Button icon={<LeftOutlined />} aria-label={t('attendance.prevMonth')} title={t('attendance.prevMonth')} onClick={() => go(addMonths(month, -1))} />
      <DatePicker
        picker="month"
        allowClear={false}
        aria-label={t('attendance.pickMonth')}
        value={dayjs(`${month}-01`)}
        format="YYYY年M月"
        onChange={(d) => d && go(d.format('YYYY-MM'))}
        data-testid="attendance-month"
      />
      <Button icon={<RightOutlined />} aria-label={t('attendance.nextMonth')} title={t('attendance.nextMonth')} onClick={() => go(addMonths(month, 1))} />
      <Button onClick={() => go(monthOf(today()))}>{t('attendance.thisMonth')}</Button>
      <Button onClick={() => void exportAs('pdf')} loading={exporting === 'pdf'} disabled={!view}>
        {t('attendance.exportPdf')}
      </Button>
      <Button onClick={() => void exportAs('xlsx')} loading={exporting === 'xlsx'} disabled={!view}>
        {t('attendance.exportXlsx')}
      </Button>
      {view && view.status.state !== 'closed' && view.can.write ? (
        <Popconfirm
          title={t('attendance.closeConfirm')}
          description={
            view.violations.length > 0
              ? t('attendance.closeOpenIssues', { errors: view.violations.filter((v) => v.severity === 'error').length, warnings: view.violations.filter((v) => v.severity === 'warning').length })
              : undefined
          }
          onConfirm={() => void close()}
        >
          <Button type="primary" data-testid="attendance-close">
            {t('attendance.close')}
          </Button>
        </Popconfirm>
      ) : null}
      {view && view.status.state === 'closed' && view.can.reopen ? (
        <Button danger onClick={() => setReopening(true)} data-testid="attendance-reopen">
          {t('attendance.reopen')}
        </Button>
      ) : null}
    </Space>
  );

  let body;
  if (loaded.error) body = <Alert type="error" showIcon title={t('attendance.loadFailed', { detail: loaded.error })} />;
  else if (!view) body = <Spin />;
  else body = <MonthBody view={view} onView={loaded.setData} reload={loaded.reload} noticeDays={project.data?.settings.attendance.leaveNoticeDays ?? 1} tab={tab} setTab={setTab} />;

  return (
    <PageFrame title={`${t('attendance.title')} · ${formatMonth(month)}`} extra={extra} testId="page-attendance">
      {body}
      {reopening && view ? (
        <ReopenModal
          view={view}
          onClose={() => setReopening(false)}
          onDone={(v) => {
            setReopening(false);
            loaded.setData(v);
            void message.success(t('attendance.reopened'));
          }}
        />
      ) : null}
    </PageFrame>
  );
}

interface BodyProps {
  view: MonthView;
  onView(v: MonthView): void;
  reload(): void;
  noticeDays: number;
  tab: string;
  setTab(t: string): void;
}

function MonthBody({ view, onView, reload, noticeDays, tab, setTab }: BodyProps) {
  const { t } = useTranslation();
  const s = view.status;
  const writable = view.can.write && s.state !== 'closed';
  const errors = view.violations.filter((v) => v.severity === 'error').length;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Tag color={STATE_COLOR[s.state]} data-testid="attendance-state">
          {t(`attendance.state.${s.state}`)}
        </Tag>
        <Typography.Text type="secondary">{t('attendance.dueDate', { date: formatBizDate(s.dueDate) })}</Typography.Text>
      </Flex>
      {view.overdue.length > 0 ? <OverdueAlert overdue={view.overdue} /> : null}
      {s.reminder ? <Alert type={s.state === 'late' ? 'error' : 'warning'} showIcon title={s.reminder} data-testid="attendance-reminder" /> : null}
      {s.state === 'closed' && s.closedAt ? (
        <Alert type="success" showIcon title={`${t('attendance.closedInfo', { at: formatBizDateTime(s.closedAt), by: s.closedBy ?? '—' })}${s.closedLate ? t('attendance.closedLate') : ''}`} />
      ) : null}
      {s.reopenedAt && s.state !== 'closed' ? <Alert type="info" showIcon title={t('attendance.reopenedInfo', { at: formatBizDateTime(s.reopenedAt), by: s.reopenedBy ?? '—', reason: s.reopenReason ?? '' })} /> : null}
      {!view.calendarKnown ? <Alert type="warning" showIcon title={t('attendance.unknownYear', { year: view.month.slice(0, 4) })} data-testid="attendance-unknown-year" /> : null}
      {!view.can.write ? <Alert type="info" showIcon title={t('attendance.readOnly')} /> : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'grid', label: t('attendance.tabs.grid'), children: <MonthGrid view={view} onView={onView} writable={writable} /> },
          {
            key: 'violations',
            label: (
              <Badge count={errors} size="small" offset={[8, -2]}>
                {t('attendance.tabs.violations')}
              </Badge>
            ),
            children: <ViolationsPanel view={view} />,
          },
          { key: 'suggestions', label: t('attendance.tabs.suggestions'), children: <SuggestionsPanel view={view} onView={onView} writable={writable} /> },
          { key: 'leave', label: t('attendance.tabs.leave'), children: <LeavePanel view={view} onChanged={reload} noticeDays={noticeDays} /> },
          { key: 'calendar', label: t('attendance.tabs.calendar'), children: <CalendarPanel view={view} onView={onView} writable={writable} /> },
        ]}
      />
    </Flex>
  );
}

/** Earlier months still to close (the newest six as links, then how many in all). */
function OverdueAlert({ overdue }: { overdue: MonthView['overdue'] }) {
  const { t } = useTranslation();
  const shown = overdue.slice(-6).reverse();
  return (
    <Alert
      type={overdue.some((o) => o.state === 'late') ? 'error' : 'warning'}
      showIcon
      data-testid="attendance-overdue"
      title={
        <>
          {t('attendance.overdue')}
          {shown.map((o, i) => (
            <span key={o.month}>
              {i > 0 ? '、' : ''}
              <Typography.Link href={hrefOf('attendance', o.month)}>{t('attendance.overdueItem', { month: formatMonth(o.month), state: t(`attendance.state.${o.state}`), date: formatBizDate(o.dueDate) })}</Typography.Link>
            </span>
          ))}
          {overdue.length > shown.length ? `${t('attendance.overdueMore', { count: overdue.length })}` : ''}
        </>
      }
    />
  );
}

function ReopenModal({ view, onClose, onDone }: { view: MonthView; onClose(): void; onDone(v: MonthView): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onOk = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await invoke('attendance/reopen', { month: view.month, reason }));
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('attendance.reopenTitle', { month: formatMonth(view.month) })} onCancel={onClose} onOk={() => void onOk()} okText={t('attendance.reopen')} okButtonProps={{ danger: true }} confirmLoading={busy}>
      <FormError message={error} />
      <Typography.Paragraph type="secondary">{t('attendance.reopenReasonHint')}</Typography.Paragraph>
      <Input.TextArea aria-label={t('attendance.reopenReason')} placeholder={t('attendance.reopenReason')} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
