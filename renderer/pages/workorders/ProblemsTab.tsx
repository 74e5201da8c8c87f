import { useState } from 'react';
import { Alert, App, AutoComplete, Button, Drawer, Flex, Form, Input, Modal, Radio, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Input as ChannelInput, Output } from '../../../shared/contract';
import { PROBLEM_ACTIONS, PROBLEM_FLOW, PROBLEM_KINDS, PROBLEM_PHASE, PROBLEM_SEVERITIES, PROBLEM_STATUSES, type Problem, type ProblemAction } from '../../../shared/contract/problems';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { fmtAt, submitOnCtrlEnter, useFaultContext, useLoad } from '../faults/common';

type Filters = Omit<ChannelInput<'problems/list'>, 'page' | 'pageSize'>;
type Row = Output<'problems/list'>['rows'][number];
interface CreateValues {
  kind: 'consult' | 'defect';
  title: string;
  description: string;
  submitterName: string;
  answer?: string;
  severity?: Problem['severity'];
}

const severityColor: Record<string, string> = { minor: 'default', major: 'blue', critical: 'orange', fatal: 'red' };

function ProblemDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useFaultContext();
  const { session } = useAuth();
  const canWrite = (session?.user.roles ?? []).some((r) => r === 'engineer' || r === 'manager');
  const p = useLoad(() => invoke('problems/get', { id }), [id]);
  const [action, setAction] = useState<ProblemAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ assigneeName?: string; note?: string }>();
  const problem = p.data;
  const actions = problem && problem.kind === 'defect' ? PROBLEM_ACTIONS.filter((a) => PROBLEM_FLOW[a].from.includes(problem.status)) : [];
  const submit = async (v: { assigneeName?: string; note?: string }) => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      p.setData(await invoke('problems/transition', { id, action, note: v.note ?? '', ...(v.assigneeName ? { assigneeName: v.assigneeName } : {}) }));
      void message.success(t('problems.done', { action: t(`problems.action.${action}`) }));
      setAction(null);
      onChanged();
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open width={560} title={problem ? `${problem.docNo} ${problem.title}` : ''} onClose={onClose} data-testid="problem-drawer">
      {p.error ? <Alert type="error" showIcon title={p.error} /> : null}
      {problem ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag>{t(`problems.kind.${problem.kind}`)}</Tag>
            {problem.severity ? <Tag color={severityColor[problem.severity]}>{t(`problems.severity.${problem.severity}`)}</Tag> : null}
            <Tag color="blue" data-testid="problem-status">
              {t(`problems.status.${problem.status}`)}
            </Tag>
            <Tag color={PROBLEM_PHASE[problem.status] === 'open' ? 'orange' : PROBLEM_PHASE[problem.status] === 'fixed' ? 'cyan' : 'green'} data-testid="problem-phase">
              {t(`problems.phase.${PROBLEM_PHASE[problem.status]}`)}
            </Tag>
            {problem.assigneeName ? <Tag>{`${t('problems.field.assigneeName')}：${problem.assigneeName}`}</Tag> : null}
          </Space>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{problem.description}</Typography.Paragraph>
          {problem.answer ? <Alert type="success" title={problem.answer} /> : null}
          {canWrite && actions.length ? (
            <Space wrap>
              {actions.map((a) => (
                <Button
                  key={a}
                  onClick={() => {
                    form.resetFields();
                    setError(null);
                    setAction(a);
                  }}
                  data-testid={`problem-${a}`}
                >
                  {t(`problems.action.${a}`)}
                </Button>
              ))}
            </Space>
          ) : null}
          <Typography.Title level={5}>{t('problems.history')}</Typography.Title>
          <Timeline
            items={problem.events.map((e) => ({
              content: (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{t(`problems.status.${e.toStatus as 'submitted'}`)}</Typography.Text>
                  {e.note ? <Typography.Text>{e.note}</Typography.Text> : null}
                  <Typography.Text type="secondary">{`${e.by} · ${fmtAt(e.at)}`}</Typography.Text>
                </Space>
              ),
            }))}
          />
        </Space>
      ) : null}
      <Modal open={action !== null} title={action ? t(`problems.action.${action}`) : ''} onCancel={() => setAction(null)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden forceRender>
        <FormError message={error} />
        <Form form={form} name="transition" layout="vertical" onFinish={(v) => void submit(v)} onKeyDown={submitOnCtrlEnter(() => form.submit())}>
          {action === 'assign' ? (
            <Form.Item name="assigneeName" label={t('problems.field.assigneeName')}>
              <AutoComplete options={(options?.staff ?? []).map((s) => ({ value: s.name }))} filterOption autoFocus />
            </Form.Item>
          ) : null}
          <Form.Item name="note" label={t('problems.field.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} autoFocus={action !== 'assign'} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** 问题单: 咨询类 (answered on the spot) and 系统缺陷类 with their workflow. */
export function ProblemsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useFaultContext();
  const { session } = useAuth();
  const canWrite = (session?.user.roles ?? []).some((r) => r === 'engineer' || r === 'manager');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const kind = Form.useWatch('kind', form);
  const list = useLoad(() => invoke('problems/list', { ...filters, page, pageSize: 20 }), [JSON.stringify(filters), page]);

  const create = async (v: CreateValues) => {
    setBusy(true);
    setCreateError(null);
    try {
      const input: ChannelInput<'problems/create'> =
        v.kind === 'consult'
          ? { kind: 'consult', title: v.title, description: v.description, submitterName: v.submitterName, answer: v.answer ?? '' }
          : { kind: 'defect', title: v.title, description: v.description, submitterName: v.submitterName, severity: v.severity ?? ('' as never) };
      const out = await invoke('problems/create', input);
      void message.success(t('problems.created', { docNo: out.docNo }));
      setCreating(false);
      list.reload();
    } catch (e) {
      setCreateError(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { title: t('problems.col.docNo'), dataIndex: 'docNo', key: 'docNo', width: 140, render: (v: string, r: Row) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: t('problems.col.kind'), dataIndex: 'kind', key: 'kind', width: 110, render: (v: Row['kind']) => t(`problems.kind.${v}`) },
    { title: t('problems.col.title'), dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t('problems.col.severity'), dataIndex: 'severity', key: 'severity', width: 100, render: (v: Row['severity']) => (v ? <Tag color={severityColor[v]}>{t(`problems.severity.${v}`)}</Tag> : '—') },
    { title: t('problems.col.status'), dataIndex: 'status', key: 'status', width: 100, render: (v: Row['status']) => <span data-testid="problem-row-status">{t(`problems.status.${v}`)}</span> },
    { title: t('problems.col.submitter'), dataIndex: 'submitterName', key: 'submitter', width: 110 },
    { title: t('problems.col.assignee'), dataIndex: 'assigneeName', key: 'assignee', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('problems.col.openedAt'), dataIndex: 'openedAt', key: 'openedAt', width: 180, render: (v: string) => fmtAt(v) },
  ];
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 140 }} placeholder={t('problems.filters.kind')} aria-label={t('problems.filters.kind')} onChange={(v) => { setPage(1); setFilters((f) => ({ ...f, kind: v })); }} options={PROBLEM_KINDS.map((k) => ({ value: k, label: t(`problems.kind.${k}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 180 }} placeholder={t('problems.filters.status')} aria-label={t('problems.filters.status')} onChange={(v) => { setPage(1); setFilters((f) => ({ ...f, status: v.length ? v : undefined })); }} options={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`problems.status.${s}`) }))} />
        <Select allowClear style={{ width: 130 }} placeholder={t('problems.filters.severity')} aria-label={t('problems.filters.severity')} onChange={(v) => { setPage(1); setFilters((f) => ({ ...f, severity: v })); }} options={PROBLEM_SEVERITIES.map((s) => ({ value: s, label: t(`problems.severity.${s}`) }))} data-testid="problem-filter-severity" />
        <Input.Search allowClear style={{ width: 220 }} placeholder={t('problems.filters.search')} onSearch={(v) => { setPage(1); setFilters((f) => ({ ...f, q: v.trim() || undefined })); }} />
        <div style={{ flex: 1 }} />
        {canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.setFieldsValue({ kind: 'consult', submitterName: '', title: '', description: '', answer: '' });
              setCreateError(null);
              setCreating(true);
            }}
            data-testid="problem-new"
          >
            {t('problems.new')}
          </Button>
        ) : null}
      </Flex>
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <Table<Row> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows ?? []} loading={list.loading} locale={{ emptyText: t('problems.empty') }} onRow={(r) => ({ onDoubleClick: () => setOpen(r.id) })} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }} data-testid="problem-table" />
      <Modal open={creating} title={t('problems.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden forceRender width={640}>
        <FormError message={createError} />
        <Form form={form} name="problem" layout="vertical" onFinish={(v) => void create(v)} onKeyDown={submitOnCtrlEnter(() => form.submit())}>
          <Form.Item name="kind" label={t('problems.field.kind')} extra={kind === 'consult' ? t('problems.consultHint') : undefined}>
            <Radio.Group optionType="button" options={PROBLEM_KINDS.map((k) => ({ value: k, label: t(`problems.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('problems.field.title')}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="description" label={t('problems.field.description')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Form.Item name="submitterName" label={t('problems.field.submitterName')}>
            <AutoComplete options={(options?.staff ?? []).map((s) => ({ value: s.name }))} filterOption />
          </Form.Item>
          {kind === 'consult' ? (
            <Form.Item name="answer" label={t('problems.field.answer')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
            </Form.Item>
          ) : (
            <Form.Item name="severity" label={t('problems.field.severity')}>
              <Radio.Group optionType="button" options={PROBLEM_SEVERITIES.map((s) => ({ value: s, label: t(`problems.severity.${s}`) }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      {open ? <ProblemDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} /> : null}
    </>
  );
}
