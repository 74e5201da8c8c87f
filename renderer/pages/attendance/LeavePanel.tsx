import { useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Radio, Segmented, Select, Space, Spin, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Leave, LeaveStatus, MonthView } from '../../../shared/contract/attendance';
import { formatBizDate, formatBizDateTime } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';
import { AttachmentLink, fileToBase64, useLoad } from '../faults/common';

type Filter = 'month' | 'pending' | 'all';

const STATUS_COLOR: Record<LeaveStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', cancelled: 'default' };

function dates(l: Pick<Leave, 'fromDate' | 'toDate'>): string {
  return l.fromDate === l.toDate ? formatBizDate(l.fromDate) : `${formatBizDate(l.fromDate)} – ${formatBizDate(l.toDate)}`;
}

interface Props {
  view: MonthView;
  /** Called after a change that moves the month's violations (reload the month). */
  onChanged(): void;
  noticeDays: number;
}

/** Leave requests: ask (事假 a day ahead, 病假 with the hospital note), approve or reject (manager), withdraw. */
export function LeavePanel({ view, onChanged, noticeDays }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('month');
  const list = useLoad(
    () => invoke('attendance/leave-list', filter === 'month' ? { month: view.month } : filter === 'pending' ? { status: 'pending' } : {}),
    [filter, view.month],
  );
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<{ leave: Leave; approve: boolean } | null>(null);

  const changed = () => {
    list.reload();
    onChanged();
  };

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      changed();
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };

  const uploadNote = async (leave: Leave, file: File) => {
    await run(
      async () => invoke('attachments/add', { entity: 'leave', entityId: leave.id, role: 'sick_note', name: file.name, mime: file.type || 'application/octet-stream', dataBase64: await fileToBase64(file) }),
      t('attendance.leave.uploaded'),
    );
  };

  const sickCodes = new Set(view.markTypes.filter((m) => m.needsSickNote).map((m) => m.code));

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('attendance.leave.noticeHint', { days: noticeDays })}</Typography.Text>
      <Flex gap={8} justify="space-between" wrap>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={(['month', 'pending', 'all'] as const).map((f) => ({ value: f, label: t(`attendance.leave.filter.${f}`) }))}
        />
        <Button type="primary" onClick={() => setCreating(true)} disabled={!view.can.write} data-testid="leave-new">
          {t('attendance.leave.new')}
        </Button>
      </Flex>
      {list.error ? <Alert type="error" showIcon title={t('attendance.loadFailed', { detail: list.error })} /> : null}
      {!list.data && !list.error ? (
        <Spin />
      ) : (
        <Table<Leave>
          size="small"
          data-testid="leave-list"
          rowKey="id"
          dataSource={list.data ?? []}
          locale={{ emptyText: t('attendance.leave.none') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { key: 'person', title: t('attendance.leave.col.person'), dataIndex: 'staffName', width: 90 },
            { key: 'kind', title: t('attendance.leave.col.kind'), dataIndex: 'kindLabel', width: 80 },
            {
              key: 'dates',
              title: t('attendance.leave.col.dates'),
              render: (_x, l) => (
                <>
                  {dates(l)}
                  {l.half !== 'full' ? ` ${t(`attendance.editor.halves.${l.half}`)}` : ''}
                </>
              ),
            },
            { key: 'reason', title: t('attendance.leave.col.reason'), dataIndex: 'reason' },
            {
              key: 'requestedAt',
              title: t('attendance.leave.col.requestedAt'),
              width: 190,
              render: (_x, l) => (
                <Space size={4}>
                  {formatBizDateTime(l.requestedAt)}
                  {!l.noticeOk ? <Tag color="orange">{t('attendance.leave.shortNotice')}</Tag> : null}
                </Space>
              ),
            },
            {
              key: 'status',
              title: t('attendance.leave.col.status'),
              width: 110,
              render: (_x, l) => (
                <Tooltip title={l.decidedBy && l.decidedAt ? `${t('attendance.leave.decidedBy', { by: l.decidedBy, at: formatBizDateTime(l.decidedAt) })}${l.decisionNote ? `：${l.decisionNote}` : ''}` : undefined}>
                  <Tag color={STATUS_COLOR[l.status]}>{t(`attendance.leave.status.${l.status}`)}</Tag>
                </Tooltip>
              ),
            },
            {
              key: 'note',
              title: t('attendance.leave.col.note'),
              width: 180,
              render: (_x, l) =>
                sickCodes.has(l.kind) ? (
                  <Flex vertical gap={2} align="start">
                    <Tag color={l.hasNote ? 'green' : 'red'}>{l.hasNote ? t('attendance.leave.hasNote') : t('attendance.leave.noNote')}</Tag>
                    {l.hasNote ? <NoteLinks leaveId={l.id} /> : null}
                  </Flex>
                ) : (
                  '—'
                ),
            },
            {
              key: 'actions',
              title: t('attendance.leave.col.actions'),
              width: 260,
              render: (_x, l) => (
                <Space size={4} wrap>
                  {sickCodes.has(l.kind) && view.can.write && (l.status === 'pending' || l.status === 'approved') ? (
                    <Upload
                      accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void uploadNote(l, file);
                        return false;
                      }}
                    >
                      <Button size="small">{t('attendance.leave.uploadNote')}</Button>
                    </Upload>
                  ) : null}
                  {view.can.approve && l.status === 'pending' ? (
                    <>
                      <Button size="small" type="primary" onClick={() => setDeciding({ leave: l, approve: true })}>
                        {t('attendance.leave.approve')}
                      </Button>
                      <Button size="small" danger onClick={() => setDeciding({ leave: l, approve: false })}>
                        {t('attendance.leave.reject')}
                      </Button>
                    </>
                  ) : null}
                  {view.can.write && (l.status === 'pending' || l.status === 'approved') ? (
                    <Popconfirm title={t('attendance.leave.cancelConfirm')} onConfirm={() => void run(() => invoke('attendance/leave-cancel', { id: l.id }), t('attendance.leave.status.cancelled'))}>
                      <Button size="small">{t('attendance.leave.cancel')}</Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
      {creating ? (
        <LeaveRequestModal
          view={view}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            void message.success(t('attendance.leave.submitted'));
            changed();
          }}
        />
      ) : null}
      {deciding ? (
        <DecideModal
          leave={deciding.leave}
          approve={deciding.approve}
          onClose={() => setDeciding(null)}
          onDone={(action) => {
            setDeciding(null);
            void message.success(t('attendance.leave.decided', { action }));
            changed();
          }}
        />
      ) : null}
    </Flex>
  );
}

/** The hospital notes attached to a request: links that download them (the manager reads one before approving). */
function NoteLinks({ leaveId }: { leaveId: string }) {
  const notes = useLoad(() => invoke('attachments/list', { entity: 'leave', entityId: leaveId }), [leaveId]);
  return (
    <>
      {(notes.data ?? [])
        .filter((a) => a.role === 'sick_note')
        .map((a) => (
          <AttachmentLink key={a.linkId} file={{ id: a.id, linkId: a.linkId, name: a.name, addedAt: a.addedAt ?? '' }} testId="leave-note" />
        ))}
    </>
  );
}

interface RequestValues {
  staffId: string;
  kind: string;
  range: [Dayjs, Dayjs];
  half: 'full' | 'am' | 'pm';
  reason: string;
}

function LeaveRequestModal({ view, onClose, onDone }: { view: MonthView; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { form, rules, submit, submitting, formError } = useContractForm<'attendance/leave-request', RequestValues>('attendance/leave-request', {
    toInput: (v) => ({ staffId: v.staffId, kind: v.kind, fromDate: v.range[0].format('YYYY-MM-DD'), toDate: v.range[1].format('YYYY-MM-DD'), half: v.half, reason: v.reason }),
  });
  const range = Form.useWatch('range', form);
  const oneDay = !range || range[0].isSame(range[1], 'day');
  const first = dayjs(`${view.month}-01`);
  const onOk = async () => {
    const values = await form.validateFields();
    if (await submit(values)) onDone();
  };
  return (
    <Modal open title={t('attendance.leave.newTitle')} onCancel={onClose} onOk={() => void onOk()} okText={t('attendance.leave.submit')} confirmLoading={submitting} destroyOnHidden>
      <FormError message={formError} />
      <Form<RequestValues> form={form} layout="vertical" name="leave-request" initialValues={{ half: 'full', range: [first, first] }}>
        <Form.Item name="staffId" label={t('attendance.leave.staff')} rules={rules('staffId')} required>
          <Select options={view.staff.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('attendance.leave.kind')} rules={rules('kind')} required>
          <Select options={view.markTypes.filter((m) => m.needsRequest).map((m) => ({ value: m.code, label: `${m.symbol} ${m.label}` }))} />
        </Form.Item>
        <Form.Item name="range" label={t('attendance.leave.range')} required rules={[{ required: true, message: t('validation.requiredShort') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        {oneDay ? (
          <Form.Item name="half" label={t('attendance.leave.half')}>
            <Radio.Group optionType="button" options={(['full', 'am', 'pm'] as const).map((h) => ({ value: h, label: t(`attendance.editor.halves.${h}`) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('attendance.leave.reason')} rules={rules('reason')} required>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('attendance.leave.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ leave, approve, onClose, onDone }: { leave: Leave; approve: boolean; onClose(): void; onDone(action: string): void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const action = approve ? t('attendance.leave.approve') : t('attendance.leave.reject');
  const onOk = async () => {
    setBusy(true);
    setError(null);
    try {
      await invoke('attendance/leave-decide', { id: leave.id, approve, note });
      onDone(action);
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('attendance.leave.decideTitle', { action, name: leave.staffName, dates: dates(leave) })} onCancel={onClose} onOk={() => void onOk()} okText={action} okButtonProps={{ danger: !approve }} confirmLoading={busy}>
      <FormError message={error} />
      <Typography.Paragraph>
        {leave.kindLabel}：{leave.reason}
      </Typography.Paragraph>
      <Input.TextArea aria-label={t('attendance.leave.decisionNote')} placeholder={t('attendance.leave.decisionNote')} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}
