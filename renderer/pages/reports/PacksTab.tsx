import { useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, InputNumber, List, Modal, Progress, Radio, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import type { BuildResult, Drive, PackSummary, PackTarget, Readiness } from '../../../shared/contract/packs';
import { addMonths, formatBizDate, formatBizDateTime, monthOf } from '../../../shared/time';
import { invoke, useCoreEvents } from '../../api';
import { toClientError } from '../../api/errors';
import { authStore, useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { downloadFile, today, useLoad } from '../faults/common';
import { VerifyResultView } from './VerifyTab';

const STATE_COLOR = { present: 'green', partial: 'gold', missing: 'red' } as const;
const STEP_COLOR = { upcoming: 'default', current: 'blue', past: 'default' } as const;

export function fmtBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(n / 1024)} KB`;
}

function newJobId(): string {
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A long job's progress from the core's events, and its cancel. */
function useJob() {
  const [job, setJob] = useState<{ id: string; done: number; total: number; message: string } | null>(null);
  const ref = useRef<string | null>(null);
  useCoreEvents((e) => {
    if (e.type === 'progress' && e.jobId === ref.current) setJob({ id: e.jobId, done: e.done, total: e.total, message: e.message ?? '' });
  });
  return {
    job,
    start(): string {
      const id = newJobId();
      ref.current = id;
      setJob({ id, done: 0, total: 1, message: '' });
      return id;
    },
    finish(): void {
      ref.current = null;
      setJob(null);
    },
    async cancel(): Promise<void> {
      if (ref.current) await invoke('jobs/cancel', { jobId: ref.current });
    },
  };
}

/** Readiness, schedule, build (with progress and cancel) and the packs built, with their actions. */
export function PacksTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const canWrite = !!session?.user.roles.some((r) => r === 'engineer' || r === 'manager');
  const project = useLoad(() => invoke('project/get', {}), []);
  const [kind, setKind] = useState<'monthly' | 'annual'>('monthly');
  const [month, setMonth] = useState(() => addMonths(monthOf(today()), -1));
  const [year, setYear] = useState(1);
  const target: PackTarget = kind === 'monthly' ? { kind, month } : { kind, year };
  const ready = useLoad(() => invoke('packs/readiness', { target }), [kind, month, year]);
  const packs = useLoad(() => invoke('packs/list', {}), []);
  const build = useJob();
  const [result, setResult] = useState<BuildResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [usbPack, setUsbPack] = useState<PackSummary | null>(null);
  const [printPack, setPrintPack] = useState<PackSummary | null>(null);
  const [verifyOf, setVerifyOf] = useState<{ pack: PackSummary; report: Output<'packs/verify'> } | null>(null);
  const years = project.data?.settings.serviceYears.count ?? 3;

  const run = async () => {
    setError(null);
    setResult(null);
    const jobId = build.start();
    try {
      const r = await invoke('packs/build', { target, jobId });
      setResult(r);
      void message.success(t('reports.packs.built', { name: r.name, files: r.files, pdfs: r.pdfs, pages: r.pages, seconds: r.seconds }));
      packs.reload();
      ready.reload();
    } catch (e) {
      const err = toClientError(e);
      if (err.code === 'CANCELLED') void message.info(t('reports.packs.cancelled'));
      else setError(err.message);
    } finally {
      build.finish();
    }
  };

  const verify = async (p: PackSummary) => {
    try {
      setVerifyOf({ pack: p, report: await invoke('packs/verify', { id: p.id }) });
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };
  const download = async (p: PackSummary) => {
    try {
      downloadFile(await invoke('packs/download', { id: p.id }));
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as 'monthly' | 'annual')} optionType="button" data-testid="pack-kind">
          <Radio.Button value="monthly">{t('reports.packs.monthly')}</Radio.Button>
          <Radio.Button value="annual">{t('reports.packs.annual')}</Radio.Button>
        </Radio.Group>
        {kind === 'monthly' ? (
          <DatePicker picker="month" allowClear={false} aria-label={t('reports.pickMonth')} value={dayjs(`${month}-01`)} format="YYYY年M月" onChange={(d) => d && setMonth(d.format('YYYY-MM'))} data-testid="pack-month" />
        ) : (
          <Select
            aria-label={t('reports.packs.year')}
            value={year}
            style={{ width: 140 }}
            onChange={setYear}
            options={Array.from({ length: years }, (_, i) => ({ value: i + 1, label: t('reports.packs.yearOption', { n: i + 1 }) }))}
            data-testid="pack-year"
          />
        )}
        {canWrite ? (
          <Button type="primary" onClick={() => void run()} loading={!!build.job} data-testid="pack-build">
            {t('reports.packs.build')}
          </Button>
        ) : null}
      </Space>
      {build.job ? (
        <Card size="small" data-testid="pack-progress">
          <Flex gap={12} align="center">
            <Progress percent={Math.floor((build.job.done / Math.max(1, build.job.total)) * 100)} style={{ flex: 1 }} />
            <Button onClick={() => void build.cancel()} data-testid="pack-cancel">
              {t('reports.packs.cancel')}
            </Button>
          </Flex>
          <Typography.Text type="secondary">{t('reports.packs.building', { message: build.job.message })}</Typography.Text>
        </Card>
      ) : null}
      <FormError message={error} />
      {result ? (
        <Alert
          type="success"
          showIcon
          data-testid="pack-result"
          title={t('reports.packs.built', { name: result.name, files: result.files, pdfs: result.pdfs, pages: result.pages, seconds: result.seconds })}
          description={result.warnings.length ? `${t('reports.packs.warnings')}：${result.warnings.slice(0, 8).map((w) => w.replace(/。$/, '')).join('；')}` : undefined}
        />
      ) : null}
      {ready.error ? <Alert type="error" showIcon title={t('reports.loadFailed', { detail: ready.error })} /> : null}
      {ready.data ? <ReadinessView r={ready.data} /> : ready.error ? null : <Spin />}
      <Card size="small" title={t('reports.packs.list')}>
        <Table<PackSummary>
          size="small"
          rowKey="id"
          dataSource={packs.data ?? []}
          loading={packs.loading}
          locale={{ emptyText: t('reports.packs.empty') }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="pack-list"
          columns={[
            { title: t('reports.packs.name'), dataIndex: 'name', render: (v: string, p) => (p.present ? v : <Space>{v}<Tag color="red">{t('reports.packs.gone')}</Tag></Space>) },
            { title: t('reports.packs.files'), dataIndex: 'files', width: 80 },
            { title: t('reports.packs.size'), dataIndex: 'zipBytes', width: 100, render: (v: number | null) => fmtBytes(v) },
            { title: t('reports.packs.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatBizDateTime(v) },
            {
              title: t('reports.packs.actions'),
              key: 'a',
              render: (_v, p) => (
                <Space wrap size={4}>
                  <Button size="small" onClick={() => void verify(p)} disabled={!p.present} data-testid="pack-verify">
                    {t('reports.packs.verify')}
                  </Button>
                  {canWrite ? (
                    <>
                      <Button size="small" onClick={() => setUsbPack(p)} disabled={!p.present} data-testid="pack-usb">
                        {t('reports.packs.usb')}
                      </Button>
                      <Button size="small" onClick={() => setPrintPack(p)} disabled={!p.present} data-testid="pack-print">
                        {t('reports.packs.print')}
                      </Button>
                      <Button size="small" onClick={() => void download(p)} disabled={!p.present}>
                        {t('reports.packs.download')}
                      </Button>
                    </>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {usbPack ? <UsbModal pack={usbPack} onClose={() => setUsbPack(null)} /> : null}
      {printPack ? <PrintModal pack={printPack} onClose={() => setPrintPack(null)} /> : null}
      {verifyOf ? (
        <Modal open width={760} title={`${t('reports.packs.verify')} · ${verifyOf.pack.name}`} footer={null} onCancel={() => setVerifyOf(null)}>
          <VerifyResultView r={verifyOf.report} />
        </Modal>
      ) : null}
    </Flex>
  );
}

function ReadinessView({ r }: { r: Readiness }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {r.schedule.length ? (
        <Card size="small" title={`${t('reports.packs.schedule')} · ${r.label}`} data-testid="pack-schedule">
          <List
            size="small"
            dataSource={r.schedule}
            renderItem={(s) => {
              // What this step still needs: the readiness items it depends on that are not all there.
              const open = s.items.flatMap((k) => r.items.filter((i) => i.key === k && i.status !== 'present').map((i) => `${i.label}（${t(`reports.packs.state.${i.status}`)}）`));
              if (s.key === 'acceptance' && !r.lastPack) open.push(t('reports.packs.stepNoPack'));
              return (
                <List.Item data-testid={`schedule-${s.key}`}>
                  <Flex gap={8} wrap align="center" style={{ width: '100%' }}>
                    <Typography.Text strong style={{ minWidth: 150 }}>
                      {s.label}
                    </Typography.Text>
                    <Typography.Text>
                      {formatBizDate(s.from)} — {formatBizDate(s.to)}
                    </Typography.Text>
                    <Tag color={STEP_COLOR[s.state]}>{t(`reports.packs.stepState.${s.state}`)}</Tag>
                    <Tag color={s.done ? 'green' : s.state === 'past' ? 'red' : 'gold'}>{s.done ? t('reports.packs.stepDone') : t('reports.packs.stepOpen')}</Tag>
                    {!s.done && open.length ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12, flexBasis: '100%' }}>
                        {t('reports.packs.stepNeeds', { list: open.join('、') })}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </List.Item>
              );
            }}
          />
        </Card>
      ) : null}
      <Card
        size="small"
        title={`${t('reports.packs.readiness')} · ${r.label}（${formatBizDate(r.from)} — ${formatBizDate(r.to)}）`}
        extra={<Tag color={r.ready ? 'green' : 'gold'}>{r.ready ? t('reports.packs.ready') : t('reports.packs.notReady')}</Tag>}
        data-testid="pack-readiness"
      >
        <List
          size="small"
          dataSource={r.items}
          renderItem={(i) => (
            <List.Item data-testid={`readiness-${i.key}`}>
              <Flex vertical style={{ width: '100%' }}>
                <Flex gap={8} align="center">
                  <Tag color={STATE_COLOR[i.status]}>{t(`reports.packs.state.${i.status}`)}</Tag>
                  <Typography.Text strong>{i.label}</Typography.Text>
                  <Typography.Text type="secondary">{i.detail}</Typography.Text>
                </Flex>
                {i.missing.length ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('reports.packs.missingList', { list: i.missing.join('、') })}
                  </Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
        {r.lastPack ? <Typography.Text type="secondary">{t('reports.packs.lastPack', { at: formatBizDateTime(r.lastPack.createdAt) })}</Typography.Text> : null}
      </Card>
    </Flex>
  );
}

function UsbModal({ pack, onClose }: { pack: PackSummary; onClose(): void }) {
  const { t } = useTranslation();
  const drives = useLoad(() => invoke('packs/drives', {}), []);
  const [drive, setDrive] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; direct: boolean } | null>(null);
  const job = useJob();
  const start = async () => {
    if (!drive) return;
    setError(null);
    const jobId = job.start();
    try {
      const r = await invoke('packs/export-usb', { id: pack.id, drive, jobId });
      setDone({ text: `${t('reports.usb.done', { target: r.target })}${t(`reports.usb.readBack.${r.readBack}`)}`, direct: r.readBack === 'direct' });
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      job.finish();
    }
  };
  const list: Drive[] = drives.data ?? [];
  return (
    <Modal
      open
      title={`${t('reports.usb.title')} · ${pack.name}`}
      onCancel={() => (job.job ? void job.cancel() : onClose())}
      footer={
        <Space>
          <Button onClick={drives.reload} disabled={!!job.job}>
            {t('reports.usb.refresh')}
          </Button>
          {job.job ? <Button onClick={() => void job.cancel()}>{t('reports.packs.cancel')}</Button> : null}
          <Button type="primary" disabled={!drive || !!done} loading={!!job.job} onClick={() => void start()} data-testid="usb-start">
            {t('reports.usb.start')}
          </Button>
        </Space>
      }
    >
      <FormError message={error} />
      {done ? <Alert type={done.direct ? 'success' : 'warning'} showIcon title={done.text} data-testid="usb-done" style={{ marginBottom: 12 }} /> : null}
      {drives.loading ? <Spin /> : null}
      {!drives.loading && !list.length ? <Alert type="info" showIcon title={t('reports.usb.none')} /> : null}
      <Radio.Group value={drive} onChange={(e) => setDrive(String(e.target.value))} aria-label={t('reports.usb.pick')}>
        <Flex vertical gap={6}>
          {list.map((d) => (
            <Radio key={d.id} value={d.id} disabled={d.freeBytes < (pack.zipBytes ?? 0) * 2}>
              {d.label}（{d.mountPoint}）{t('reports.usb.free', { free: fmtBytes(d.freeBytes), total: fmtBytes(d.totalBytes) })}
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
      {job.job ? <Progress percent={Math.floor((job.job.done / Math.max(1, job.job.total)) * 100)} /> : null}
      {job.job ? <Typography.Text type="secondary">{t('reports.usb.writing', { message: job.job.message })}</Typography.Text> : null}
    </Modal>
  );
}

/**
 * Print a pack: in the desktop app main prints the pack's PDFs in order to the chosen printer
 * (window.owb.printPack asks the core for the list itself); the browser shows the list only.
 */
function PrintModal({ pack, onClose }: { pack: PackSummary; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copies, setCopies] = useState<number | null>(null);
  const [printer, setPrinter] = useState('');
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<Array<{ path: string; reason: string }>>([]);
  const host = typeof window !== 'undefined' ? window.owb : undefined;
  const list = useLoad(() => invoke('packs/print-list', copies === null ? { id: pack.id } : { id: pack.id, copies }), [pack.id, copies]);
  const printers = useLoad(async () => (host ? host.printers() : []), [host]);
  const effectiveCopies = copies ?? list.data?.copies ?? 1;
  const print = async () => {
    const session = authStore.token();
    if (!list.data || !host || !session) return;
    setBusy(true);
    setFailures([]);
    try {
      const r = await host.printPack({ packId: pack.id, copies: effectiveCopies, session, ...(printer ? { deviceName: printer } : {}) });
      if (!r.ok) {
        void message.error(r.error.message);
      } else if (r.data.failures.length > 0) {
        setFailures(r.data.failures);
      } else {
        void message.success(t('reports.print.done', { files: r.data.printed, copies: effectiveCopies }));
        onClose();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={`${t('reports.print.title')} · ${pack.name}`}
      onCancel={onClose}
      okText={t('reports.print.send')}
      onOk={() => void print()}
      okButtonProps={{ disabled: !host || !list.data, loading: busy }}
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('reports.print.copies')}</Typography.Text>
        <InputNumber min={1} max={99} value={effectiveCopies} onChange={(v) => setCopies(typeof v === 'number' ? v : null)} aria-label={t('reports.print.copies')} data-testid="print-copies" />
        <Typography.Text type="secondary">{t('reports.print.copiesHint')}</Typography.Text>
        {host ? (
          <Select
            style={{ minWidth: 220 }}
            aria-label={t('reports.print.printer')}
            value={printer}
            onChange={setPrinter}
            options={[{ value: '', label: t('reports.print.defaultPrinter') }, ...(printers.data ?? []).map((p) => ({ value: p.name, label: p.displayName }))]}
          />
        ) : null}
      </Space>
      {!host ? <Alert type="info" showIcon title={t('reports.print.desktopOnly')} style={{ marginBottom: 12 }} /> : null}
      {failures.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('reports.print.someFailed', { count: failures.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {failures.map((f) => (
                <li key={f.path}>{`${f.path}：${f.reason}`}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      {list.data ? (
        <>
          <Typography.Paragraph data-testid="print-summary">{t('reports.print.pages', { files: list.data.files.length, pages: list.data.pages, copies: list.data.copies })}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="path"
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={list.data.files}
            columns={[
              { title: t('reports.print.file'), dataIndex: 'path' },
              { title: t('reports.print.filePages'), dataIndex: 'pages', width: 80 },
            ]}
          />
        </>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}
