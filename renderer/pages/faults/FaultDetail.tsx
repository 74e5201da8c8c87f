import { useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Radio, Row, Select, Space, Spin, Tag, Timeline, Typography, Upload } from 'antd';
import { AuditOutlined, CheckCircleOutlined, DeleteOutlined, EditOutlined, FileExcelOutlined, FilePdfOutlined, HistoryOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FAULT_STAMP_LABELS, FAULT_STAMPS, FAULT_STEPS, slaViewOf, type Fault, type FaultStampField, type FaultStep } from '../../../shared/contract/faults';
import type { SlaSettings } from '../../../shared/sla';
import { formatDuration } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { useBusyAction } from '../../components/useBusyAction';
import { PageFrame } from '../../components/PageFrame';
import { hrefOf, navigate } from '../../router';
import { PrintFormButton } from '../../components/PrintFormButton';
import { AttachmentLink, bucketColor, downloadFile, fileToBase64, fmtAt, instantField, severityColor, submitOnCtrlEnter, useNow, type Options } from './common';

/** The step that comes next for a fault's status (null once the report is filed). */
const NEXT_STEP: Partial<Record<Fault['status'], FaultStep>> = { reported: 'respond', responded: 'on_site', on_site: 'resolve', resolved: 'file_report' };
const STEP_STAMP: Record<FaultStep, { at: FaultStampField; by: keyof Fault }> = {
  respond: { at: 'respondedAt', by: 'respondedBy' },
  on_site: { at: 'onSiteAt', by: 'onSiteBy' },
  resolve: { at: 'resolvedAt', by: 'resolvedBy' },
  file_report: { at: 'reportFiledAt', by: 'reportFiledBy' },
};

interface StepValues {
  at?: string;
  by?: string;
  reason?: string;
  solved?: boolean;
  solution?: string;
  causeAnalysis?: string;
  handlingProcess?: string;
  preventiveMeasures?: string;
}

function StepDialog({ fault, step, options, onClose, onDone }: { fault: Fault; step: FaultStep | 'review'; options: Options | null; onClose: () => void; onDone: (f: Fault) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StepValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const staff = (options?.staff ?? []).map((s) => ({ value: s.name }));
  const submit = async (v: StepValues) => {
    setBusy(true);
    setError(null);
    try {
      let out: Fault;
      if (step === 'review') {
        out = await invoke('faults/review', { id: fault.id, ...(v.at ? { at: v.at } : {}), ...(v.by ? { reviewerName: v.by } : {}), ...(v.reason ? { reason: v.reason } : {}) });
      } else {
        const patch =
          step === 'resolve'
            ? { solved: v.solved ?? true, solution: v.solution ?? '' }
            : step === 'file_report'
              ? { solution: v.solution ?? '', causeAnalysis: v.causeAnalysis ?? '', handlingProcess: v.handlingProcess ?? '', preventiveMeasures: v.preventiveMeasures ?? '' }
              : undefined;
        out = await invoke('faults/stamp', { id: fault.id, step, ...(v.at ? { at: v.at } : {}), ...(v.by ? { by: v.by } : {}), ...(v.reason ? { reason: v.reason } : {}), ...(patch ? { patch } : {}) });
      }
      onDone(out);
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const longText = (name: keyof StepValues) => (
    <Form.Item name={name} label={t(`faults.field.${name as 'solution'}`)}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={t(`faults.step.${step}`)}
      okText={t('faults.stepDialog.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ id: 'step-submit' }}
    >
      <FormError message={error} />
      <Form
        form={form}
        name="step"
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
        initialValues={{
          by: step === 'review' ? options?.reviewer || options?.me : options?.me,
          solved: true,
          solution: fault.solution,
          causeAnalysis: fault.causeAnalysis,
          handlingProcess: fault.handlingProcess,
          preventiveMeasures: fault.preventiveMeasures,
        }}
      >
        <Form.Item name="at" label={t('faults.stepDialog.at')} extra={t('faults.stepDialog.atHint')} {...instantField}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="by" label={step === 'review' ? t('faults.field.reviewer') : t('faults.stepDialog.by')}>
          <AutoComplete options={staff} filterOption autoFocus />
        </Form.Item>
        <Form.Item name="reason" label={t('faults.stepDialog.reason')}>
          <Input maxLength={500} />
        </Form.Item>
        {step === 'resolve' ? (
          <>
            <Form.Item name="solved" label={t('faults.field.solved')}>
              <Radio.Group
                options={[
                  { value: true, label: t('faults.solvedYes') },
                  { value: false, label: t('faults.solvedNo') },
                ]}
              />
            </Form.Item>
            {longText('solution')}
          </>
        ) : null}
        {step === 'file_report' ? (
          <>
            {longText('causeAnalysis')}
            {longText('handlingProcess')}
            {longText('solution')}
            {longText('preventiveMeasures')}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

function EditStampDialog({ fault, field, onClose, onDone }: { fault: Fault; field: FaultStampField; onClose: () => void; onDone: (f: Fault) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ field: FaultStampField; at: string; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = FAULT_STAMPS.filter((f) => fault[f]);
  const submit = async (v: { field: FaultStampField; at: string; reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await invoke('faults/edit-stamp', { id: fault.id, field: v.field, at: v.at, reason: v.reason ?? '' }));
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('faults.editStamp.title', { label: FAULT_STAMP_LABELS[field] })} okText={t('faults.editStamp.submit')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <FormError message={error} />
      <Form form={form} name="editStamp" layout="vertical" initialValues={{ field, at: fault[field] ?? undefined }} onFinish={(v) => void submit(v)}>
        <Form.Item name="field" label={t('faults.editStamp.field')}>
          <Select options={set.map((f) => ({ value: f, label: FAULT_STAMP_LABELS[f] }))} />
        </Form.Item>
        <Form.Item name="at" label={t('faults.editStamp.at')} rules={[{ required: true, message: t('validation.requiredShort') }]} {...instantField}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('faults.editStamp.reason')} rules={[{ required: true, min: 2, message: t('validation.tooShort', { min: 2 }) }]}>
          <Input autoFocus maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The manager deletes a mistaken or duplicate report, with a reason (kept in the audit). */
function DeleteDialog({ fault, onClose, onDone }: { fault: Fault; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      await invoke('faults/delete', { id: fault.id, reason: v.reason ?? '' });
      onDone();
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('faults.detail.deleteTitle', { docNo: fault.docNo })} okText={t('faults.detail.deleteSubmit')} okButtonProps={{ danger: true }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Alert type="warning" showIcon title={t('faults.detail.deleteHint')} style={{ marginBottom: 12 }} />
      <FormError message={error} />
      <Form form={form} name="deleteFault" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('faults.detail.deleteReason')} rules={[{ required: true, min: 2, message: t('validation.tooShort', { min: 2 }) }]}>
          <Input autoFocus maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The four SLA clocks with live countdowns (shared/sla.ts, in the browser). */
function SlaClocks({ fault, sla }: { fault: Fault; sla: SlaSettings }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const view = slaViewOf(fault, sla, now);
  return (
    <Row gutter={[12, 12]} data-testid="sla-clocks">
      {view.clocks.map((c) => {
        const remaining = c.deadline && !c.doneAt ? Date.parse(c.deadline) - now.getTime() : null;
        const margin = c.deadline && c.doneAt ? Date.parse(c.deadline) - Date.parse(c.doneAt) : null;
        const state = c.deadline === null && !c.doneAt ? 'notStarted' : c.state;
        const color = c.state === 'breached' || c.state === 'met_late' ? 'red' : c.state === 'due_soon' ? 'gold' : c.state === 'met' && c.doneAt ? 'green' : 'blue';
        return (
          <Col xs={12} lg={6} key={c.key}>
            <Card size="small" data-testid={`clock-${c.key}`} data-state={c.state}>
              <Space orientation="vertical" size={2}>
                <Typography.Text strong>{t(`faults.clock.${c.key}`)}</Typography.Text>
                <Tag color={color}>{t(`faults.clockState.${state}`)}</Tag>
                {remaining !== null ? (
                  <Typography.Text type={remaining < 0 ? 'danger' : undefined} data-testid={`clock-${c.key}-countdown`} aria-live="off">
                    {remaining < 0 ? t('faults.countdown.over', { time: formatDuration(remaining) }) : t('faults.countdown.left', { time: formatDuration(remaining) })}
                  </Typography.Text>
                ) : null}
                {margin !== null ? (
                  <Typography.Text type={margin < 0 ? 'danger' : 'secondary'}>
                    {margin < 0 ? t('faults.countdown.doneLate', { time: formatDuration(margin) }) : t('faults.countdown.doneEarly', { time: formatDuration(margin) })}
                  </Typography.Text>
                ) : null}
                {c.deadline ? <Typography.Text type="secondary">{t('faults.countdown.deadline', { time: fmtAt(c.deadline) })}</Typography.Text> : null}
              </Space>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

/** 故障 detail: the form's fields, the clocks, the timeline, the checklist, the paper loop. */
export function FaultDetail({ fault: initial, sla, options }: { fault: Fault; sla: SlaSettings | null; options: Options | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const roles = session?.user.roles ?? [];
  const canWrite = roles.includes('engineer') || roles.includes('manager');
  const isManager = roles.includes('manager');
  const [fault, setFault] = useState(initial);
  const [dialog, setDialog] = useState<FaultStep | 'review' | null>(null);
  const [editStamp, setEditStamp] = useState<FaultStampField | null>(null);
  const { busy, act } = useBusyAction();
  const [deleting, setDeleting] = useState(false);
  const next = NEXT_STEP[fault.status];
  const locked = fault.status === 'reviewed' && !isManager;

  const exportForm = (format: 'pdf' | 'xlsx') =>
    act(format, async () => {
      const file = await invoke('forms/export', { kind: 'fault', params: { id: fault.id }, format });
      downloadFile(file);
      void message.success(t('faults.detail.exported', { name: file.fileName }));
    });

  const upload = (file: File, role: 'signed_scan' | 'evidence') =>
    act(role, async () => {
      await invoke('attachments/add', { entity: 'fault', entityId: fault.id, role, name: file.name, mime: file.type || 'application/octet-stream', dataBase64: await fileToBase64(file) });
      setFault(await invoke('faults/get', { id: fault.id }));
      void message.success(t(role === 'signed_scan' ? 'faults.detail.scanAdded' : 'faults.detail.attachmentAdded'));
    });

  const tick = async (item: string, done: boolean) => {
    try {
      setFault(await invoke('faults/check-alert', { id: fault.id, item, done }));
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };

  const stampRows: Array<{ field: FaultStampField; by: string | null; label: string }> = [
    { field: 'reportedAt', by: fault.reporterName, label: t('faults.status.reported') },
    ...FAULT_STEPS.map((s) => ({ field: STEP_STAMP[s].at, by: fault[STEP_STAMP[s].by] as string | null, label: t(`faults.step.${s}`) })),
    { field: 'reviewedAt' as const, by: fault.reviewerName, label: t('faults.step.review') },
  ];
  const confirmed = fault.signedScans.length > 0;
  const view = sla ? slaViewOf(fault, sla, new Date()) : null;

  return (
    <PageFrame
      title={`${fault.docNo} ${fault.title}`}
      testId="page-faults"
      extra={
        <>
          <Button href={hrefOf('faults')}>{t('faults.back')}</Button>
          {canWrite && next && !locked ? (
            <Button type="primary" onClick={() => setDialog(next)} data-testid="fault-next-step" accessKey="s">
              {t(`faults.step.${next}`)}
            </Button>
          ) : null}
          {isManager && fault.status === 'report_filed' ? (
            <Button type="primary" icon={<AuditOutlined />} onClick={() => setDialog('review')} data-testid="fault-review">
              {t('faults.step.review')}
            </Button>
          ) : null}
          {canWrite && !locked ? (
            <Button icon={<EditOutlined />} href={hrefOf('faults', fault.id, 'edit')} data-testid="fault-edit">
              {t('faults.detail.edit')}
            </Button>
          ) : null}
          {isManager && fault.status !== 'reviewed' ? (
            <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)} data-testid="fault-delete">
              {t('faults.detail.delete')}
            </Button>
          ) : null}
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void exportForm('pdf')} data-testid="fault-export-pdf">
            {t('faults.detail.exportPdf')}
          </Button>
          <PrintFormButton kind="fault" params={{ id: fault.id }} testId="fault-print" />
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void exportForm('xlsx')} data-testid="fault-export-xlsx">
            {t('faults.detail.exportXlsx')}
          </Button>
        </>
      }
    >
      <Space wrap style={{ marginBottom: 12 }} data-testid="fault-tags">
        <Tag color={severityColor(fault.severity)}>{t(`faults.severity.${fault.severity}`)}</Tag>
        <Tag data-testid="fault-status">{t(`faults.status.${fault.status}`)}</Tag>
        <Tag color="purple">{fault.alertLevelLabel}</Tag>
        {view ? <Tag color={bucketColor(view.bucket)}>{t(`faults.bucket.${view.bucket}`)}</Tag> : null}
        {confirmed ? (
          <Tag color="green" icon={<CheckCircleOutlined />} data-testid="fault-confirmed">
            {t('faults.detail.confirmed')}
          </Tag>
        ) : null}
      </Space>
      {sla ? (
        <Card size="small" title={t('faults.detail.sla')} style={{ marginBottom: 12 }}>
          <SlaClocks fault={fault} sla={sla} />
        </Card>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('faults.detail.form')} style={{ marginBottom: 12 }}>
            <Descriptions bordered size="small" column={2} data-testid="fault-fields" items={[
              { key: t('faults.field.docNo'), label: t('faults.field.docNo'), children: fault.docNo },
              { key: t('faults.field.reporterName'), label: t('faults.field.reporterName'), children: fault.reporterName },
              { key: t('faults.field.reportDate'), label: t('faults.field.reportDate'), children: fault.reportDate },
              { key: t('faults.field.faultDate'), label: t('faults.field.faultDate'), children: fault.faultDate },
              { key: t('faults.field.category'), label: t('faults.field.category'), span: 2, children: t(`faults.category.${fault.category}`) },
              { key: t('faults.field.description'), label: t('faults.field.description'), span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{fault.description}</Typography.Paragraph> },
              { key: t('faults.field.solved'), label: t('faults.field.solved'), children: fault.solved ? t('faults.solvedYes') : t('faults.solvedNo') },
              { key: t('faults.field.engineerName'), label: t('faults.field.engineerName'), children: fault.engineerName ?? '—' },
              ...(['solution', 'causeAnalysis', 'handlingProcess', 'preventiveMeasures'] as const).map((k) => ({ key: k, label: t(`faults.field.${k}`), span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{fault[k] || '—'}</Typography.Paragraph> })),
              { key: t('faults.field.reviewer'), label: t('faults.field.reviewer'), children: fault.reviewerName ?? '—' },
              { key: t('faults.field.source'), label: t('faults.field.source'), children: t(`faults.source.${fault.source}`) },
              { key: t('faults.field.assets'), label: t('faults.field.assets'), span: 2, children: <>{fault.assets.length ? fault.assets.map((a) => <Tag key={a.id}>{`${a.name}（${a.ip}）`}</Tag>) : t('faults.detail.noAssets')}</> },
            ]} />
          </Card>
          <Card size="small" title={t('faults.detail.alert', { level: fault.alertLevelLabel })} style={{ marginBottom: 12 }} data-testid="alert-checklist">
            <List
              size="small"
              dataSource={fault.alertChecklist}
              renderItem={(i) => (
                <List.Item>
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <Checkbox checked={i.done} disabled={i.auto || !canWrite || locked || (i.done && i.doneBy === null)} onChange={(e) => void tick(i.key, e.target.checked)} data-testid={`alert-${i.key}`}>
                      {i.label}
                    </Checkbox>
                    <Typography.Text type="secondary" style={{ marginLeft: 24 }}>
                      {i.detail}
                      {i.auto ? ` · ${t('faults.detail.alertAuto')}` : ''}
                      {i.done && i.doneAt ? ` · ${t('faults.detail.alertDone', { by: i.doneBy ?? '', at: fmtAt(i.doneAt) })}` : ''}
                    </Typography.Text>
                    {i.overdue ? (
                      <Tag color="red" style={{ marginLeft: 24 }}>
                        {t('faults.detail.alertOverdue')}
                      </Tag>
                    ) : null}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('faults.detail.timeline')} style={{ marginBottom: 12 }}>
            <Timeline
              data-testid="fault-timeline"
              items={stampRows.map((r) => {
                const at = fault[r.field];
                return {
                  color: at ? 'green' : 'gray',
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong={Boolean(at)}>{r.label}</Typography.Text>
                      <Typography.Text type="secondary">{at ? `${fmtAt(at)}${r.by ? ` · ${r.by}` : ''}` : '—'}</Typography.Text>
                      {at && canWrite && !locked && (r.field !== 'reviewedAt' || isManager) ? (
                        <Button size="small" type="link" icon={<HistoryOutlined />} style={{ padding: 0 }} onClick={() => setEditStamp(r.field)} data-testid={`edit-${r.field}`}>
                          {t('faults.editStamp.action')}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                };
              })}
            />
          </Card>
          <Card size="small" title={t('faults.detail.history')} style={{ marginBottom: 12 }} data-testid="fault-history">
            {fault.history.length === 0 ? (
              <Typography.Text type="secondary">{t('faults.detail.historyEmpty')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={fault.history}
                renderItem={(h) => {
                  const label = (FAULT_STAMP_LABELS as Record<string, string>)[h.field] ?? t('faults.field.severity');
                  const show = (v: string | null) => (v === null ? '—' : /^\d{4}-\d{2}-\d{2}T/.test(v) ? fmtAt(v) : v in { normal: 1, serious: 1, critical: 1 } ? t(`faults.severity.${v as 'normal'}`) : v);
                  return (
                    <List.Item>
                      <Space orientation="vertical" size={0}>
                        <Typography.Text>{t('faults.detail.historyRow', { field: label, old: show(h.oldValue), new: show(h.newValue) })}</Typography.Text>
                        <Typography.Text type="secondary">
                          {t('faults.detail.historyReason', { reason: h.reason })} · {h.by} · {fmtAt(h.at)}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  );
                }}
              />
            )}
          </Card>
          <Card size="small" title={t('faults.detail.attachments')} style={{ marginBottom: 12 }} data-testid="fault-attachments">
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fault.attachments.length ? fault.attachments.map((a) => <AttachmentLink key={a.linkId} file={a} testId="fault-attachment" />) : <Typography.Text type="secondary">{t('faults.detail.noAttachments')}</Typography.Text>}
              {canWrite && !locked ? (
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(file, 'evidence');
                    return false;
                  }}
                >
                  <Button icon={<PaperClipOutlined />} loading={busy === 'evidence'} data-testid="fault-upload-attachment">
                    {t('faults.detail.uploadAttachment')}
                  </Button>
                </Upload>
              ) : null}
            </Space>
          </Card>
          <Card size="small" title={t('faults.detail.workOrders')} style={{ marginBottom: 12 }} extra={canWrite ? <a href={hrefOf('workorders', 'new', 'fault', fault.id)}>{t('faults.detail.newWorkOrder')}</a> : null}>
            {fault.workOrders.length ? (
              <Space orientation="vertical">
                {fault.workOrders.map((w) => (
                  <a key={w.id} href={hrefOf('workorders', w.id)}>
                    {w.docNo} · {t(`workorders.status.${w.status as 'draft'}`)}
                  </a>
                ))}
              </Space>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
          <Card size="small" title={t('faults.detail.paper')} data-testid="fault-paper">
            <Space orientation="vertical" style={{ width: '100%' }}>
              {confirmed ? <Alert type="success" showIcon title={t('faults.detail.confirmed')} /> : <Alert type="info" showIcon title={t('faults.detail.notConfirmed')} />}
              {fault.signedScans.map((s) => (
                <AttachmentLink key={s.linkId} file={s} testId="fault-scan" />
              ))}
              {canWrite ? (
                <Upload
                  accept="image/png,image/jpeg,image/tiff,application/pdf"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(file, 'signed_scan');
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={busy === 'signed_scan'} data-testid="fault-upload-scan">
                    {t('faults.detail.uploadScan')}
                  </Button>
                </Upload>
              ) : null}
            </Space>
          </Card>
        </Col>
      </Row>
      {dialog ? (
        <StepDialog
          fault={fault}
          step={dialog}
          options={options}
          onClose={() => setDialog(null)}
          onDone={(f) => {
            setFault(f);
            setDialog(null);
            void message.success(t('faults.stepDialog.done', { step: t(`faults.step.${dialog}`) }));
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteDialog
          fault={fault}
          onClose={() => setDeleting(false)}
          onDone={() => {
            void message.success(t('faults.detail.deleted', { docNo: fault.docNo }));
            navigate(hrefOf('faults'));
          }}
        />
      ) : null}
      {editStamp ? (
        <EditStampDialog
          fault={fault}
          field={editStamp}
          onClose={() => setEditStamp(null)}
          onDone={(f) => {
            setFault(f);
            setEditStamp(null);
            void message.success(t('faults.editStamp.done'));
          }}
        />
      ) : null}
    </PageFrame>
  );
}

export function FaultDetailLoading() {
  return <Spin />;
}
