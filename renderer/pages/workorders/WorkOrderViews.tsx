import { useEffect, useMemo, useState } from 'react';
import { PrintFormButton } from '../../components/PrintFormButton';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, EditOutlined, FileExcelOutlined, FilePdfOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Input as ChannelInput } from '../../../shared/contract';
import { LONG_TEXT_MAX } from '../../../shared/contract/faults';
import { WORK_ORDER_STATUSES, type WorkOrder, type WorkOrderRow } from '../../../shared/contract/workorders';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { PAGE_SIZE, PagedTable, usePagedFilters } from '../../components/PagedTable';
import { useBusyAction } from '../../components/useBusyAction';
import { useContractForm } from '../../forms/contractForm';
import { hrefOf, navigate } from '../../router';
import { AttachmentLink, dateField, downloadFile, fileToBase64, fmtAt, submitOnCtrlEnter, today, useFaultContext, useLoad, type Options } from '../faults/common';

type Filters = Omit<ChannelInput<'workorders/list'>, 'page' | 'pageSize'>;
const statusColor: Record<WorkOrder['status'], string> = { draft: 'default', in_progress: 'blue', done: 'gold', confirmed: 'green' };

/** 运维实施工单 list with server-side filters and paging. */
export function WorkOrderList() {
  const { t } = useTranslation();
  const { options } = useFaultContext();
  const { filters, set, page, setPage } = usePagedFilters<Filters>({});
  const list = useLoad(() => invoke('workorders/list', { ...filters, page, pageSize: PAGE_SIZE }), [JSON.stringify(filters), page]);
  const columns = useMemo(() => [
    { title: t('workorders.col.docNo'), dataIndex: 'docNo', key: 'docNo', width: 140, render: (v: string, r: WorkOrderRow) => <a href={hrefOf('workorders', r.id)} data-testid="workorder-link">{v}</a> },
    { title: t('workorders.col.applyDate'), dataIndex: 'applyDate', key: 'applyDate', width: 110 },
    { title: t('workorders.col.demand'), dataIndex: 'demand', key: 'demand', ellipsis: true },
    { title: t('workorders.col.technicians'), dataIndex: 'technicians', key: 'technicians', width: 150, render: (v: string[]) => v.join('、') },
    { title: t('workorders.col.status'), dataIndex: 'status', key: 'status', width: 100, render: (v: WorkOrder['status']) => <Tag color={statusColor[v]}>{t(`workorders.status.${v}`)}</Tag> },
    { title: t('workorders.col.doneDate'), dataIndex: 'doneDate', key: 'doneDate', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('workorders.col.workload'), dataIndex: 'workloadHours', key: 'workloadHours', width: 90, render: (v: number | null) => (v === null ? '—' : t('workorders.hours', { hours: v })) },
    { title: t('workorders.col.fault'), dataIndex: 'faultDocNo', key: 'fault', width: 130, render: (v: string | null, r: WorkOrderRow) => (v && r.faultId ? <a href={hrefOf('faults', r.faultId)}>{v}</a> : '—') },
  ], [t]);
  return (
    <>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select mode="multiple" allowClear style={{ minWidth: 180 }} placeholder={t('workorders.filters.status')} aria-label={t('workorders.filters.status')} value={filters.status ?? []} onChange={(v) => set({ status: v })} options={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t(`workorders.status.${s}`) }))} />
        <DatePicker.RangePicker aria-label={t('workorders.filters.dates')} onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })} />
        <Select allowClear showSearch style={{ width: 140 }} placeholder={t('workorders.filters.technician')} aria-label={t('workorders.filters.technician')} value={filters.technician} onChange={(v) => set({ technician: v })} options={(options?.staff ?? []).map((s) => ({ value: s.name, label: s.name }))} />
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} placeholder={t('workorders.filters.asset')} aria-label={t('workorders.filters.asset')} value={filters.assetId} onChange={(v) => set({ assetId: v })} options={(options?.assets ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        <Input.Search allowClear style={{ width: 220 }} placeholder={t('workorders.filters.search')} aria-label={t('workorders.filters.search')} onSearch={(v) => set({ q: v.trim() || undefined })} />
        <div style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined />} href={hrefOf('workorders', 'new')} data-testid="workorder-new" accessKey="n">
          {t('workorders.new')}
        </Button>
      </Flex>
      {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} /> : null}
      <PagedTable<WorkOrderRow>
        data-testid="workorder-table"
        columns={columns}
        list={list}
        page={page}
        setPage={setPage}
        showTotal={(total) => t('workorders.totalHours', { total, hours: list.data?.totalHours ?? 0 })}
        locale={{ emptyText: t('workorders.empty') }}
        onRow={(r) => ({ onDoubleClick: () => navigate(hrefOf('workorders', r.id)) })}
      />
    </>
  );
}

type FormValues = Omit<ChannelInput<'workorders/create'>, 'technicianIds'> & { doneDate?: string | null; workloadHours?: number | null };

/** 新建/编辑 运维实施工单 (fields in the paper form's order). */
export function WorkOrderForm({ order, faultId }: { order?: WorkOrder; faultId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useFaultContext();
  const create = useContractForm<'workorders/create', FormValues>('workorders/create');
  const update = useContractForm<'workorders/update', FormValues>('workorders/update');
  const active = order ? update : create;
  const { form } = active;
  const [faultOptions, setFaultOptions] = useState<Array<{ value: string; label: string }>>([]);

  const searchFaults = (q: string) => {
    invoke('faults/list', { q: q || undefined, pageSize: 20 })
      .then((r) => setFaultOptions(r.rows.map((f) => ({ value: f.id, label: `${f.docNo} ${f.title}` }))))
      .catch(() => setFaultOptions([]));
  };
  useEffect(() => {
    searchFaults('');
    if (order) return;
    if (!options) return;
    form.setFieldsValue({ siteName: options.siteName, company: options.company, applyDate: today(), technicians: [options.me], faultId: faultId ?? null, assetIds: [] });
    if (faultId) {
      invoke('faults/get', { id: faultId })
        .then((f) => form.setFieldsValue({ demand: `处理故障：${f.title}`, assetIds: f.assets.map((a) => a.id) }))
        .catch(() => undefined);
    }
  }, [faultId, form, options, order]);

  const onFinish = async (v: FormValues) => {
    const base = { ...v, technicians: (v.technicians ?? []).map((s) => s.trim()).filter(Boolean), faultId: v.faultId || null };
    const out = order ? await update.submit({ ...base, id: order.id } as FormValues) : await create.submit(base);
    if (!out) return;
    void message.success(order ? t('workorders.detail.saved') : t('workorders.detail.createdMsg', { docNo: out.docNo }));
    navigate(hrefOf('workorders', out.id));
  };
  const rules = active.rules;
  const textCount = { show: true, max: LONG_TEXT_MAX };
  return (
    <Card title={order ? `${t('workorders.editTitle')} ${order.docNo}` : t('workorders.newTitle')}>
      <FormError message={active.formError} />
      <Form
        form={form}
        name="workorder"
        layout="vertical"
        initialValues={order ? { ...order, assetIds: order.assets.map((a) => a.id) } : undefined}
        onFinish={(v) => void onFinish(v)}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
      >
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <Form.Item name="siteName" label={t('workorders.field.siteName')} rules={rules('siteName')}>
              <Input autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} lg={4}>
            <Form.Item name="applyDate" label={t('workorders.field.applyDate')} rules={rules('applyDate')} {...dateField}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={10}>
            <Form.Item name="company" label={t('workorders.field.company')} rules={rules('company')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="technicians" label={t('workorders.field.technicians')} required rules={rules('technicians')}>
          <Select mode="tags" tokenSeparators={['、', ',', '，']} placeholder={t('workorders.technicianPlaceholder')} options={(options?.staff ?? []).map((s) => ({ value: s.name, label: s.name }))} data-testid="workorder-technicians" />
        </Form.Item>
        <Form.Item name="demand" label={t('workorders.field.demand')} required rules={rules('demand')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} count={textCount} />
        </Form.Item>
        <Form.Item name="content" label={t('workorders.field.content')} required rules={rules('content')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} count={textCount} />
        </Form.Item>
        <Form.Item name="standard" label={t('workorders.field.standard')} rules={rules('standard')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} count={textCount} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name="faultId" label={t('workorders.field.fault')}>
              <Select allowClear showSearch filterOption={false} onSearch={searchFaults} options={faultOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="assetIds" label={t('workorders.field.assets')} rules={rules('assetIds')}>
              <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={(options?.assets ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.ip}）` }))} />
            </Form.Item>
          </Col>
        </Row>
        {order && order.status !== 'draft' ? (
          <Row gutter={16}>
            <Col xs={12} lg={6}>
              <Form.Item name="doneDate" label={t('workorders.field.doneDate')} {...dateField}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item name="workloadHours" label={t('workorders.field.workloadHours')}>
                <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={active.submitting} data-testid="workorder-submit">
            {t('faults.form.submit')}
          </Button>
          <Button href={order ? hrefOf('workorders', order.id) : hrefOf('workorders')}>{t('faults.form.cancel')}</Button>
          <Typography.Text type="secondary">{t('faults.form.shortcut')}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}

/** 运维实施工单 detail: the form's fields, the status steps, the paper loop (print, sign, scan, confirm). */
export function WorkOrderDetail({ order: initial, options }: { order: WorkOrder; options: Options | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const canWrite = (session?.user.roles ?? []).some((r) => r === 'engineer' || r === 'manager');
  const [order, setOrder] = useState(initial);
  const [dialog, setDialog] = useState<'finish' | 'confirm' | null>(null);
  const { busy, setBusy, act } = useBusyAction();
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [finishForm] = Form.useForm<{ doneDate: string; workloadHours: number }>();
  const [confirmForm] = Form.useForm<{ confirmerName: string }>();

  const run = async (key: string, fn: () => Promise<WorkOrder>) => {
    setBusy(key);
    setDialogError(null);
    try {
      setOrder(await fn());
      setDialog(null);
    } catch (e) {
      const msg = toClientError(e).message;
      if (dialog) setDialogError(msg);
      else void message.error(msg);
    } finally {
      setBusy(null);
    }
  };
  const exportForm = (format: 'pdf' | 'xlsx') =>
    act(format, async () => {
      const file = await invoke('forms/export', { kind: 'workorder', params: { id: order.id }, format });
      downloadFile(file);
      void message.success(t('faults.detail.exported', { name: file.fileName }));
    });
  const upload = (file: File) =>
    act('upload', async () => {
      await invoke('attachments/add', { entity: 'workorder', entityId: order.id, role: 'signed_scan', name: file.name, mime: file.type || 'application/octet-stream', dataBase64: await fileToBase64(file) });
      setOrder(await invoke('workorders/get', { id: order.id }));
      void message.success(t('faults.detail.scanAdded'));
    });
  const uploadButton = (
    <Upload
      accept="image/png,image/jpeg,image/tiff,application/pdf"
      showUploadList={false}
      beforeUpload={(file) => {
        void upload(file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy === 'upload'} data-testid="workorder-upload-scan">
        {t('workorders.detail.uploadScan')}
      </Button>
    </Upload>
  );

  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {order.docNo}
          </Typography.Title>
          <Tag color={statusColor[order.status]} data-testid="workorder-status">
            {t(`workorders.status.${order.status}`)}
          </Tag>
          {order.status === 'confirmed' ? (
            <Tag color="green" icon={<CheckCircleOutlined />}>
              {t('faults.detail.confirmed')}
            </Tag>
          ) : null}
        </Space>
        <Space wrap>
          <Button href={hrefOf('workorders')}>{t('workorders.back')}</Button>
          {canWrite && order.status === 'draft' ? (
            <Button type="primary" loading={busy === 'start'} onClick={() => void run('start', () => invoke('workorders/start', { id: order.id }))} data-testid="workorder-start">
              {t('workorders.action.start')}
            </Button>
          ) : null}
          {canWrite && order.status === 'in_progress' ? (
            <Button
              type="primary"
              onClick={() => {
                finishForm.setFieldsValue({ doneDate: today(), workloadHours: order.workloadHours ?? 1 });
                setDialog('finish');
              }}
              data-testid="workorder-finish"
            >
              {t('workorders.action.finish')}
            </Button>
          ) : null}
          {canWrite && order.status === 'done' ? (
            <Button
              type="primary"
              onClick={() => {
                confirmForm.setFieldsValue({ confirmerName: options?.clientRep ?? '' });
                setDialog('confirm');
              }}
              data-testid="workorder-confirm"
            >
              {t('workorders.action.confirm')}
            </Button>
          ) : null}
          {canWrite && order.status === 'draft' ? (
            <Popconfirm
              title={t('workorders.action.deleteConfirm', { docNo: order.docNo })}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                invoke('workorders/delete', { id: order.id })
                  .then(() => {
                    void message.success(t('workorders.action.deleted', { docNo: order.docNo }));
                    navigate(hrefOf('workorders'));
                  })
                  .catch((e: unknown) => void message.error(toClientError(e).message))
              }
            >
              <Button danger icon={<DeleteOutlined />} data-testid="workorder-delete">
                {t('workorders.action.delete')}
              </Button>
            </Popconfirm>
          ) : null}
          {canWrite && order.status !== 'confirmed' ? (
            <Button icon={<EditOutlined />} href={hrefOf('workorders', order.id, 'edit')}>
              {t('workorders.action.edit')}
            </Button>
          ) : null}
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void exportForm('pdf')} data-testid="workorder-export-pdf">
            {t('workorders.action.exportPdf')}
          </Button>
          <PrintFormButton kind="workorder" params={{ id: order.id }} testId="workorder-print" />
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void exportForm('xlsx')} data-testid="workorder-export-xlsx">
            {t('workorders.action.exportXlsx')}
          </Button>
        </Space>
      </Flex>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Descriptions bordered size="small" column={2} data-testid="workorder-fields" items={[
              { key: t('workorders.field.siteName'), label: t('workorders.field.siteName'), children: order.siteName },
              { key: t('workorders.field.applyDate'), label: t('workorders.field.applyDate'), children: order.applyDate },
              { key: t('workorders.field.company'), label: t('workorders.field.company'), children: order.company },
              { key: t('workorders.field.technicians'), label: t('workorders.field.technicians'), children: order.technicians.join('、') },
              ...(['demand', 'content', 'standard'] as const).map((k) => ({ key: k, label: t(`workorders.field.${k}`), span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{order[k] || '—'}</Typography.Paragraph> })),
              { key: t('workorders.field.doneDate'), label: t('workorders.field.doneDate'), children: order.doneDate ?? '—' },
              { key: t('workorders.field.workloadHours'), label: t('workorders.field.workloadHours'), children: <>{order.workloadHours === null ? '—' : t('workorders.hours', { hours: order.workloadHours })}</> },
              { key: t('workorders.field.confirmerName'), label: t('workorders.field.confirmerName'), children: order.confirmerName ?? '—' },
              { key: t('workorders.field.fault'), label: t('workorders.field.fault'), children: <>{order.faultId && order.faultDocNo ? <a href={hrefOf('faults', order.faultId)}>{order.faultDocNo}</a> : '—'}</> },
              { key: t('workorders.field.assets'), label: t('workorders.field.assets'), span: 2, children: <>{order.assets.length ? order.assets.map((a) => <Tag key={a.id}>{a.name}</Tag>) : '—'}</> },
            ]} />
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('workorders.detail.timeline')} style={{ marginBottom: 12 }}>
            <Timeline
              items={[
                { color: 'green', content: `${t('workorders.detail.created')} · ${fmtAt(order.createdAt)}` },
                { color: order.startedAt ? 'green' : 'gray', content: `${t('workorders.detail.started')} · ${fmtAt(order.startedAt)}` },
                { color: order.finishedAt ? 'green' : 'gray', content: `${t('workorders.detail.finished')} · ${fmtAt(order.finishedAt)}` },
                { color: order.confirmedAt ? 'green' : 'gray', content: `${t('workorders.detail.confirmed', { name: order.confirmerName ?? '—' })} · ${fmtAt(order.confirmedAt)}` },
              ]}
            />
          </Card>
          <Card size="small" title={t('workorders.detail.paper')} data-testid="workorder-paper">
            <Space orientation="vertical" style={{ width: '100%' }}>
              {order.signedScans.length ? order.signedScans.map((s) => <AttachmentLink key={s.linkId} file={s} testId="workorder-scan" />) : <Typography.Text type="secondary">{t('workorders.detail.noScan')}</Typography.Text>}
              {canWrite ? uploadButton : null}
            </Space>
          </Card>
        </Col>
      </Row>
      <Modal open={dialog === 'finish'} title={t('workorders.finishDialog.title')} okText={t('workorders.finishDialog.submit')} onCancel={() => setDialog(null)} onOk={() => finishForm.submit()} confirmLoading={busy === 'finish'} destroyOnHidden forceRender>
        <FormError message={dialogError} />
        <Form form={finishForm} name="finish" layout="vertical" onFinish={(v) => void run('finish', () => invoke('workorders/finish', { id: order.id, doneDate: v.doneDate, workloadHours: v.workloadHours }))}>
          <Form.Item name="doneDate" label={t('workorders.field.doneDate')} rules={[{ required: true, message: t('validation.requiredShort') }]} {...dateField}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(order.applyDate), 'day')} />
          </Form.Item>
          <Form.Item name="workloadHours" label={t('workorders.field.workloadHours')} rules={[{ required: true, message: t('validation.requiredShort') }]}>
            <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'confirm'} title={t('workorders.confirmDialog.title')} okText={t('workorders.confirmDialog.submit')} onCancel={() => setDialog(null)} onOk={() => confirmForm.submit()} confirmLoading={busy === 'confirm'} destroyOnHidden forceRender>
        <Alert type="info" showIcon title={t('workorders.confirmDialog.hint')} style={{ marginBottom: 12 }} />
        <FormError message={dialogError} />
        <Space orientation="vertical" style={{ marginBottom: 12 }}>
          {order.signedScans.map((s) => (
            <Typography.Text key={s.id}>{s.name}</Typography.Text>
          ))}
          {uploadButton}
        </Space>
        <Form form={confirmForm} name="confirm" layout="vertical" onFinish={(v) => void run('confirm', () => invoke('workorders/confirm', { id: order.id, confirmerName: v.confirmerName }))}>
          <Form.Item name="confirmerName" label={t('workorders.field.confirmerName')} rules={[{ required: true, message: t('validation.requiredShort') }]}>
            <Input autoFocus maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
