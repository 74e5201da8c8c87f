import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Popover, Segmented, Select, Space, Spin, Switch, Table, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import type { AssetFields } from '../../../shared/contract/assets';
import { ASPECTS } from '../../../shared/contract/inspections';
import type { Check, CheckConfig, CheckThresholds, ResultRow, Trend } from '../../../shared/contract/probes';
import { CHECK_KIND_LABELS, CHECK_KINDS, TREND_METRICS, type CheckKind } from '../../../shared/contract/probes';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { PageFrame } from '../../components/PageFrame';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';
import { hrefOf, navigate } from '../../router';
import { fmtAt, useLoad } from '../faults/common';
import { LevelTag, SweepControl, useCanWrite } from '../inspections/common';
import { AssetDrawer } from './AssetsPage';
import { TrendChart } from './TrendChart';

const INFO_FIELDS: Array<keyof AssetFields> = ['nodeGroup', 'ip', 'os', 'systemShort', 'model', 'purpose', 'location', 'category', 'contentCategory', 'owner', 'note'];

/** One asset: its fields, probe checks, probe history with the raw evidence, trends, inspection history. */
export function AssetDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { canWrite } = useCanWrite();
  const asset = useLoad(() => invoke('assets/get', { id }), [id]);
  const checks = useLoad(() => invoke('probes/checks', { assetId: id }), [id]);
  const [tab, setTab] = useState('checks');
  const [historyTick, setHistoryTick] = useState(0);
  const [editing, setEditing] = useState(false);
  if (asset.error) return <Alert type="error" showIcon title={asset.error} />;
  if (!asset.data) return <Spin />;
  const a = asset.data;
  const reload = () => {
    asset.reload();
    checks.reload();
    setHistoryTick((n) => n + 1);
  };
  return (
    <PageFrame
      title={a.name}
      testId="page-assets"
      extra={
        <>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(hrefOf('assets'))}>
            {t('assets.detail.back')}
          </Button>
          {canWrite ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('assets.edit')}
              </Button>
              <SweepControl assetId={a.id} label={t('assets.detail.probeNow')} onDone={reload} />
            </>
          ) : null}
        </>
      }
    >
      <Flex vertical gap={16}>
        <Card size="small" title={t('assets.detail.info')}>
          <Descriptions size="small" column={3}>
            {INFO_FIELDS.map((f) => (
              <Descriptions.Item key={f} label={t(`assets.field.${f}`)}>
                {String(a[f] ?? '') || '—'}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('assets.field.credentialId')}>{a.credentialLabel ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('assets.col.level')}>{a.level ? <LevelTag level={a.level} /> : t('assets.never')}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'checks', label: t('assets.detail.checks'), children: <ChecksPanel assetId={a.id} checks={checks.data ?? []} loading={checks.loading} onChanged={checks.reload} canWrite={canWrite} /> },
            { key: 'history', label: t('assets.detail.history'), children: <HistoryPanel key={historyTick} assetId={a.id} /> },
            { key: 'trend', label: t('assets.detail.trend'), children: <TrendPanel key={historyTick} assetId={a.id} /> },
            { key: 'inspections', label: t('assets.detail.inspections'), children: <InspectionHistory assetId={a.id} /> },
          ]}
        />
      </Flex>
      <AssetDrawer
        asset={editing ? a : null}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          asset.reload();
        }}
      />
    </PageFrame>
  );
}

function configText(c: CheckConfig): string {
  switch (c.kind) {
    case 'ping':
      return c.host ?? '';
    case 'tcp':
      return `${c.host ? `${c.host}:` : ''}${c.port}`;
    case 'http':
      return c.url;
    case 'ssh':
      return `${c.host ? `${c.host}:` : ''}${c.port} · ${c.items.map((i) => i.kind).join(', ')}`;
  }
}

function ChecksPanel({ assetId, checks, loading, onChanged, canWrite }: { assetId: string; checks: Check[]; loading: boolean; onChanged: () => void; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Check | 'new' | null>(null);
  const addDefaults = async () => {
    try {
      await invoke('probes/add-defaults', { assetId });
      onChanged();
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };
  const remove = async (c: Check) => {
    try {
      await invoke('probes/check-delete', { id: c.id });
      onChanged();
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };
  return (
    <Flex vertical gap={12}>
      {canWrite ? (
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="check-add">
            {t('assets.detail.addCheck')}
          </Button>
          <Button onClick={() => void addDefaults()} data-testid="check-defaults">
            {t('assets.detail.addDefaults')}
          </Button>
        </Space>
      ) : null}
      <Table<Check>
        rowKey="id"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={checks}
        locale={{ emptyText: t('assets.detail.noChecks') }}
        onRow={(r) => ({ 'data-testid': `check-row-${r.label}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('assets.check.label'), dataIndex: 'label', width: 140 },
          { title: t('assets.check.kind'), key: 'kind', width: 100, render: (_: unknown, c) => CHECK_KIND_LABELS[c.config.kind] },
          { title: t('assets.check.host'), key: 'cfg', ellipsis: true, render: (_: unknown, c) => <Typography.Text code>{configText(c.config)}</Typography.Text> },
          { title: t('assets.check.aspect'), key: 'aspects', width: 180, render: (_: unknown, c) => c.aspects.map((x) => t(`assets.check.aspects.${x}`)).join('、') },
          { title: t('assets.check.enabled'), dataIndex: 'enabled', width: 60, render: (v: boolean) => (v ? '✓' : '—') },
          {
            title: t('assets.col.level'),
            key: 'last',
            render: (_: unknown, c) =>
              c.last ? (
                <Space size={4}>
                  <LevelTag level={c.last.level} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.last.summary}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          ...(canWrite
            ? [
                {
                  title: t('assets.col.actions'),
                  key: 'a',
                  width: 100,
                  render: (_: unknown, c: Check) => (
                    <Space size={4}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} aria-label={t('assets.check.edit')} />
                      <Popconfirm title={t('assets.check.deleteConfirm', { label: c.label })} onConfirm={() => void remove(c)} okText={t('assets.delete')} cancelText={t('assets.cancel')}>
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('assets.delete')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CheckModal
        assetId={assetId}
        check={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          onChanged();
        }}
      />
    </Flex>
  );
}

interface CheckValues {
  label: string;
  kind: CheckKind;
  host?: string;
  port?: number;
  url?: string;
  keyword?: string;
  expectStatus?: number;
  count?: number;
  sshItems?: Array<'disk' | 'memory' | 'load' | 'uptime'>;
  service?: string;
  logPath?: string;
  logPattern?: string;
  timeoutMs?: number;
  aspect?: string;
  enabled: boolean;
  thresholds?: CheckThresholds;
}

function toValues(c: Check | null): CheckValues {
  if (!c) return { label: '', kind: 'ping', enabled: true, sshItems: ['disk', 'memory', 'load'] };
  const cfg = c.config;
  const v: CheckValues = { label: c.label, kind: cfg.kind, enabled: c.enabled, ...(c.aspect ? { aspect: c.aspect } : {}), ...(c.thresholds ? { thresholds: c.thresholds } : {}), ...(cfg.timeoutMs ? { timeoutMs: cfg.timeoutMs } : {}) };
  if (cfg.kind === 'ping') Object.assign(v, { host: cfg.host, count: cfg.count });
  if (cfg.kind === 'tcp') Object.assign(v, { host: cfg.host, port: cfg.port });
  if (cfg.kind === 'http') Object.assign(v, { url: cfg.url, keyword: cfg.keyword, expectStatus: cfg.expectStatus });
  if (cfg.kind === 'ssh') {
    const basic = cfg.items.filter((i): i is { kind: 'disk' | 'memory' | 'load' | 'uptime' } => i.kind === 'disk' || i.kind === 'memory' || i.kind === 'load' || i.kind === 'uptime').map((i) => i.kind);
    const svc = cfg.items.find((i) => i.kind === 'service');
    const log = cfg.items.find((i) => i.kind === 'log');
    Object.assign(v, { host: cfg.host, port: cfg.port, sshItems: basic, service: svc?.kind === 'service' ? svc.name : undefined, logPath: log?.kind === 'log' ? log.path : undefined, logPattern: log?.kind === 'log' ? log.pattern : undefined });
  }
  return v;
}

function toConfig(v: CheckValues): CheckConfig {
  const host = v.host?.trim() ? { host: v.host.trim() } : {};
  const timeout = v.timeoutMs ? { timeoutMs: v.timeoutMs } : {};
  switch (v.kind) {
    case 'ping':
      return { kind: 'ping', ...host, ...(v.count ? { count: v.count } : {}), ...timeout };
    case 'tcp':
      return { kind: 'tcp', ...host, port: v.port ?? 0, ...timeout };
    case 'http':
      return { kind: 'http', url: v.url ?? '', ...(v.keyword ? { keyword: v.keyword } : {}), ...(v.expectStatus ? { expectStatus: v.expectStatus } : {}), ...timeout };
    case 'ssh':
      return {
        kind: 'ssh',
        ...host,
        port: v.port ?? 22,
        items: [
          ...(v.sshItems ?? []).map((k) => ({ kind: k })),
          ...(v.service?.trim() ? [{ kind: 'service' as const, name: v.service.trim() }] : []),
          ...(v.logPath?.trim() ? [{ kind: 'log' as const, path: v.logPath.trim(), pattern: v.logPattern?.trim() || 'ERROR|FATAL' }] : []),
        ],
        ...timeout,
      };
  }
}

function cleanThresholds(t: CheckThresholds | undefined): CheckThresholds | null {
  if (!t) return null;
  const out = Object.fromEntries(Object.entries(t).filter(([, v]) => typeof v === 'number')) as CheckThresholds;
  return Object.keys(out).length ? out : null;
}

function CheckModal({ assetId, check, onClose, onSaved }: { assetId: string; check: Check | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const current = check && check !== 'new' ? check : null;
  const { form, submit, submitting, formError } = useContractForm<'probes/check-save', CheckValues>('probes/check-save', {
    toInput: (v) => ({
      ...(current ? { id: current.id } : {}),
      assetId,
      label: v.label,
      config: toConfig(v),
      thresholds: cleanThresholds(v.thresholds),
      enabled: v.enabled,
      aspect: (ASPECTS as readonly string[]).includes(v.aspect ?? '') ? (v.aspect as (typeof ASPECTS)[number]) : null,
      sort: current?.sort ?? 0,
    }),
    onSuccess: onSaved,
  });
  const kind = Form.useWatch('kind', form) ?? current?.config.kind ?? 'ping';
  const th = (k: keyof CheckThresholds) => (
    <Form.Item name={['thresholds', k]} label={t(`assets.check.${k}` as 'assets.check.diskWarnPct')} style={{ marginBottom: 8 }}>
      <InputNumber min={0} style={{ width: 120 }} />
    </Form.Item>
  );
  return (
    <Modal open={check !== null} width={640} title={current ? t('assets.check.edit') : t('assets.detail.addCheck')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<CheckValues> form={form} layout="vertical" initialValues={toValues(current)} onFinish={(v) => void submit(v)} data-testid="check-form">
        <Flex gap={12}>
          <Form.Item name="label" label={t('assets.check.label')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
            <Input data-testid="check-label" />
          </Form.Item>
          <Form.Item name="kind" label={t('assets.check.kind')}>
            <Select style={{ width: 140 }} options={CHECK_KINDS.map((k) => ({ value: k, label: CHECK_KIND_LABELS[k] }))} data-testid="check-kind" />
          </Form.Item>
          <Form.Item name="enabled" label={t('assets.check.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        {kind === 'http' ? (
          <>
            <Form.Item name="url" label={t('assets.check.url')} rules={[{ required: true }]}>
              <Input placeholder="http://127.0.0.1/" data-testid="check-url" />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item name="keyword" label={t('assets.check.keyword')} style={{ flex: 1 }}>
                <Input />
              </Form.Item>
              <Form.Item name="expectStatus" label={t('assets.check.expectStatus')}>
                <InputNumber min={100} max={599} />
              </Form.Item>
            </Flex>
          </>
        ) : (
          <Flex gap={12}>
            <Form.Item name="host" label={t('assets.check.host')} style={{ flex: 1 }}>
              <Input data-testid="check-host" />
            </Form.Item>
            {kind === 'tcp' || kind === 'ssh' ? (
              <Form.Item name="port" label={t('assets.check.port')} rules={[{ required: true }]}>
                <InputNumber min={1} max={65535} data-testid="check-port" />
              </Form.Item>
            ) : (
              <Form.Item name="count" label={t('assets.check.count')}>
                <InputNumber min={1} max={10} />
              </Form.Item>
            )}
          </Flex>
        )}
        {kind === 'ssh' ? (
          <>
            <Form.Item name="sshItems" label={t('assets.check.items')}>
              <Checkbox.Group options={(['disk', 'memory', 'load', 'uptime'] as const).map((k) => ({ value: k, label: t(`assets.check.sshItem.${k}`) }))} />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item name="service" label={t('assets.check.service')} style={{ flex: 1 }}>
                <Input placeholder="nginx" />
              </Form.Item>
              <Form.Item name="logPath" label={t('assets.check.logPath')} style={{ flex: 1 }}>
                <Input placeholder="/var/log/messages" />
              </Form.Item>
              <Form.Item name="logPattern" label={t('assets.check.logPattern')} style={{ flex: 1 }}>
                <Input placeholder="ERROR|FATAL" />
              </Form.Item>
            </Flex>
          </>
        ) : null}
        <Flex gap={12}>
          <Form.Item name="aspect" label={t('assets.check.aspect')} style={{ flex: 1 }}>
            <Select allowClear placeholder={t('assets.check.aspectAuto')} options={ASPECTS.map((a) => ({ value: a, label: t(`assets.check.aspects.${a}`) }))} />
          </Form.Item>
          <Form.Item name="timeoutMs" label={t('assets.check.timeoutMs')}>
            <InputNumber min={100} max={600000} />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary">{t('assets.check.thresholds')}</Typography.Text>
        <Flex gap={8} wrap>
          {kind === 'ssh' ? [th('diskWarnPct'), th('diskSeverePct'), th('memWarnPct'), th('memSeverePct')] : null}
          {kind === 'http' ? [th('certWarnDays'), th('certSevereDays')] : null}
          {kind !== 'ssh' ? th('latencyWarnMs') : null}
        </Flex>
        <FormError message={formError} />
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('assets.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="check-save">
            {t('assets.check.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}

function HistoryPanel({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const [pages, setPages] = useState<ResultRow[][]>([]);
  const first = useLoad(() => invoke('probes/history', { assetId, limit: 50 }), [assetId]);
  const rows = [...(first.data ?? []), ...pages.flat()];
  const more = async () => {
    const last = rows.at(-1);
    if (!last) return;
    const next = await invoke('probes/history', { assetId, limit: 50, before: last.startedAt });
    setPages((p) => [...p, next]);
  };
  return (
    <Flex vertical gap={8}>
      {first.error ? <Alert type="error" showIcon title={first.error} /> : null}
      <Table<ResultRow>
        rowKey="id"
        size="small"
        pagination={false}
        loading={first.loading}
        dataSource={rows}
        locale={{ emptyText: t('assets.history.empty') }}
        columns={[
          { title: t('assets.history.col.at'), dataIndex: 'startedAt', width: 170, render: (v: string) => fmtAt(v) },
          { title: t('assets.history.col.check'), dataIndex: 'checkLabel', width: 140 },
          { title: t('assets.history.col.level'), dataIndex: 'level', width: 80, render: (v: ResultRow['level']) => <LevelTag level={v} /> },
          { title: t('assets.history.col.latency'), dataIndex: 'latencyMs', width: 90, render: (v: number | null) => (v === null ? '—' : `${v} ms`) },
          { title: t('assets.history.col.summary'), dataIndex: 'summary', ellipsis: true },
          { title: '', key: 'raw', width: 110, render: (_: unknown, r) => <RawButton id={r.id} /> },
        ]}
      />
      {rows.length >= 50 ? (
        <Button onClick={() => void more()} style={{ alignSelf: 'center' }}>
          {t('assets.history.more')}
        </Button>
      ) : null}
    </Flex>
  );
}

function RawButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<Output<'probes/result'> | null>(null);
  return (
    <Popover
      trigger="click"
      title={t('assets.history.raw')}
      onOpenChange={(open) => {
        if (open && !detail) void invoke('probes/result', { id }).then(setDetail);
      }}
      content={detail ? <pre style={{ maxWidth: 640, maxHeight: 360, overflow: 'auto', margin: 0, fontSize: 12 }}>{detail.raw || JSON.stringify(detail.metrics, null, 2)}</pre> : <Spin size="small" />}
    >
      <Button size="small" type="link" icon={<FileSearchOutlined />}>
        {t('assets.history.raw')}
      </Button>
    </Popover>
  );
}

function TrendPanel({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const [metric, setMetric] = useState<Trend['metric']>('disk');
  const [days, setDays] = useState(30);
  const trend = useLoad(() => invoke('probes/trend', { assetId, metric, days }), [assetId, metric, days]);
  const empty = !trend.data || trend.data.series.every((s) => s.points.length === 0);
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Segmented value={metric} onChange={(v) => setMetric(v as Trend['metric'])} options={TREND_METRICS.map((m) => ({ value: m, label: t(`assets.trend.metric.${m}`) }))} data-testid="trend-metric" />
        <Segmented value={days} onChange={(v) => setDays(Number(v))} options={[7, 30, 90, 365].map((n) => ({ value: n, label: t('assets.trend.days', { n }) }))} />
      </Space>
      {trend.error ? <Alert type="error" showIcon title={trend.error} /> : null}
      {trend.loading ? <Spin /> : empty ? <Empty description={t('assets.trend.empty')} /> : trend.data ? <TrendChart trend={trend.data} labels={{ warn: t('assets.trend.warn'), severe: t('assets.trend.severe') }} /> : null}
    </Flex>
  );
}

function InspectionHistory({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const hist = useLoad(() => invoke('inspections/asset-history', { assetId, limit: 60 }), [assetId]);
  type H = Output<'inspections/asset-history'>[number];
  return (
    <Table<H>
      rowKey="runId"
      size="small"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      loading={hist.loading}
      dataSource={hist.data ?? []}
      locale={{ emptyText: t('inspections.history.empty') }}
      onRow={(r) => ({ onClick: () => navigate(hrefOf('inspections', 'run', r.runId)), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('inspections.history.col.date'), dataIndex: 'bizDate', width: 110 },
        { title: t('inspections.history.col.slot'), dataIndex: 'slotLabel', width: 70 },
        {
          title: t('inspections.run.result'),
          key: 'items',
          render: (_: unknown, r) => (
            <Space size={4} wrap>
              {r.items.map((i) => (
                <span key={i.key}>
                  {i.label}
                  <LevelTag level={i.level} />
                </span>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
