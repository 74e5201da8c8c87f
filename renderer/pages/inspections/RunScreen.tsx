import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popover, Radio, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, FileSearchOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RunDetail, RunItem } from '../../../shared/contract/inspections';
import { RESULT_LEVELS, type ResultLevel } from '../../../shared/levels';
import { formatBizDate, formatBizDateTime } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { PageFrame } from '../../components/PageFrame';
import { hrefOf, navigate } from '../../router';
import { useLoad, useNow } from '../faults/common';
import { FormsMenu, LevelTag, useCanWrite, type FormChoice } from './common';
import { StatusTag } from './InspectionsPage';

interface FlatItem extends RunItem {
  assetName: string;
  ip: string;
  assetId: string | null;
  /** Rows of its asset group (on the first item of the group), 0 on the others. */
  groupSpan: number;
}

const KEY_LEVEL: Record<string, ResultLevel> = { '1': 'normal', '2': 'warning', '3': 'severe' };

function flatten(d: RunDetail): FlatItem[] {
  return d.rows.flatMap((r) => r.items.map((it, i) => ({ ...it, assetName: r.assetName, ip: r.ip, assetId: r.assetId, groupSpan: i === 0 ? r.items.length : 0 })));
}

/** The probe's verdict an item carries (changing it needs a reason). */
function probeLevel(it: RunItem): ResultLevel | null {
  if (it.result?.fromProbe) return it.result.level;
  return null;
}

/**
 * One run: every item by asset with the probe's evidence, completed from the keyboard
 * (↑↓/J/K select, 1/2/3 set 正常/警告/严重, N note, Enter next unfilled, Ctrl+Enter finish).
 */
export function RunScreen({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { canWrite } = useCanWrite();
  const loaded = useLoad(() => invoke('inspections/run', { id: runId }), [runId]);
  const d = loaded.data;
  const items = useMemo(() => (d ? flatten(d) : []), [d]);
  const [active, setActive] = useState(0);
  const [saving, setSaving] = useState(false);
  const [override, setOverride] = useState<{ item: FlatItem; level: ResultLevel; probe: ResultLevel } | null>(null);
  const [faultOffer, setFaultOffer] = useState<{ resultId: string; label: string; level: ResultLevel } | null>(null);
  const [drafts, setDrafts] = useState<Record<string, { value?: string; note?: string }>>({});
  const [remarks, setRemarks] = useState<string | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const noteRefs = useRef(new Map<string, HTMLInputElement | null>());
  const editable = !!d && canWrite && d.run.status === 'open';

  useEffect(() => {
    if (d) tableRef.current?.focus();
  }, [d?.run.id]); // eslint-disable-line react-hooks/exhaustive-deps -- focus once per run

  useEffect(() => {
    tableRef.current?.querySelector(`[data-row-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const apply = useCallback(
    (out: { run: RunDetail['run']; item: RunItem }) => {
      if (!d) return;
      loaded.setData({ ...d, run: out.run, rows: d.rows.map((r) => ({ ...r, items: r.items.map((it) => (it.itemId === out.item.itemId ? out.item : it)) })) });
    },
    [d, loaded],
  );

  const save = useCallback(
    async (item: FlatItem, level: ResultLevel, reason?: string) => {
      if (!d || !editable) return;
      const probe = probeLevel(item);
      if (probe && probe !== level && reason === undefined) {
        setOverride({ item, level, probe });
        return;
      }
      const draft = drafts[item.itemId] ?? {};
      setSaving(true);
      try {
        const out = await invoke('inspections/set-result', {
          runId: d.run.id,
          itemId: item.itemId,
          level,
          value: draft.value ?? item.result?.value ?? '',
          note: draft.note ?? item.result?.note ?? '',
          ...(reason !== undefined ? { overrideReason: reason } : {}),
        });
        apply(out);
        if (out.faultDraft && out.item.result) setFaultOffer({ resultId: out.item.result.id, label: `${item.assetId ? `${item.assetName} ` : ''}${item.label}`, level });
        if (out.run.status === 'paused') void loaded.reload();
      } catch (e) {
        const err = toClientError(e);
        const needReason = err.issues.some((i) => i.path === 'overrideReason');
        if (needReason) setOverride({ item, level, probe: item.evidence?.level ?? 'normal' });
        else void message.error(err.message);
      } finally {
        setSaving(false);
      }
    },
    [apply, d, drafts, editable, loaded, message],
  );

  const nextUnfilled = useCallback(() => {
    const n = items.length;
    for (let k = 1; k <= n; k++) {
      const i = (active + k) % n;
      if (!items[i]?.result) return setActive(i);
    }
  }, [active, items]);

  const complete = useCallback(async () => {
    if (!d) return;
    try {
      const run = await invoke('inspections/complete', { runId: d.run.id, ...(remarks !== null ? { remarks } : {}) });
      loaded.setData({ ...d, run });
      void message.success(t('inspections.run.completed'));
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  }, [d, loaded, message, remarks, t]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') {
      if (e.key === 'Escape') tableRef.current?.focus();
      return;
    }
    const it = items[active];
    if (e.key === 'ArrowDown' || e.key === 'j') {
      e.preventDefault();
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (KEY_LEVEL[e.key] && it) {
      e.preventDefault();
      void save(it, KEY_LEVEL[e.key]!);
    } else if ((e.key === 'n' || e.key === 'N') && it) {
      e.preventDefault();
      noteRefs.current.get(it.itemId)?.focus();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void complete();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      nextUnfilled();
    }
  };

  if (loaded.error) return <Alert type="error" showIcon title={loaded.error} />;
  if (!d) return <Spin />;
  const run = d.run;
  const forms: FormChoice[] = [
    ...(run.templateCode === 'daily'
      ? [
          { key: 'daily', label: t('inspections.forms.daily'), kind: 'daily-inspection', params: { date: run.bizDate, slot: run.slot } },
          { key: 'status', label: t('inspections.forms.systemStatus'), kind: 'system-status', params: { date: run.bizDate, slot: run.slot } },
        ]
      : run.templateCode === 'software'
        ? [{ key: 'software', label: t('inspections.forms.software'), kind: 'software-inspection', params: { date: run.bizDate } }]
        : run.templateCode === 'ops-check'
          ? [{ key: 'ops-check', label: t('inspections.forms.opsCheck'), kind: 'ops-check', params: { date: run.bizDate, slot: run.slot } }]
          : []),
    { key: 'report', label: t('inspections.forms.report'), kind: 'inspection-report', params: { run: run.id } },
  ];

  return (
    <PageFrame
      title={`${run.templateTitle}`}
      testId="page-inspections"
      extra={
        <>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(hrefOf('inspections', 'day', run.bizDate))}>
            {t('inspections.run.back')}
          </Button>
          {editable ? (
            <Button
              icon={<ReloadOutlined />}
              onClick={async () => {
                try {
                  loaded.setData(await invoke('inspections/refill', { runId: run.id }));
                  void message.success(t('inspections.run.refilled'));
                } catch (e) {
                  void message.error(toClientError(e).message);
                }
              }}
              data-testid="run-refill"
            >
              {t('inspections.run.refill')}
            </Button>
          ) : null}
          <FormsMenu forms={forms} testId="run-forms" />
        </>
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={16} align="center" wrap>
          <Typography.Text strong>
            {formatBizDate(run.bizDate)}（{run.slotLabel}）
          </Typography.Text>
          <StatusTag run={run} />
          <span>{t('inspections.run.inspector', { name: run.inspectorName || '—' })}</span>
          <span data-testid="run-progress">{t('inspections.run.progress', { filled: run.filled, items: run.items })}</span>
          <span>{t('inspections.run.due', { time: formatBizDateTime(run.dueAt) })}</span>
          <Space size={4}>
            <LevelTag level="normal" /> {run.counts.normal}
            <LevelTag level="warning" /> {run.counts.warning}
            <LevelTag level="severe" /> {run.counts.severe}
          </Space>
        </Flex>
        <PausedPanel detail={d} onDecided={(r) => loaded.setData({ ...d, run: r })} />
        {run.decision && run.status !== 'paused' ? (
          <Alert type="info" showIcon title={t(`inspections.decision.${run.decision}`, { who: run.decidedBy ?? '', reason: run.decisionReason ?? '' })} />
        ) : null}
        {editable ? <Typography.Text type="secondary">{t('inspections.run.keys')}</Typography.Text> : null}
        <div ref={tableRef} tabIndex={0} onKeyDown={onKeyDown} data-testid="run-table" style={{ outline: 'none' }} aria-label={run.templateTitle}>
          <Table<FlatItem>
            rowKey="itemId"
            size="small"
            pagination={false}
            dataSource={items}
            loading={saving}
            onRow={(r, i) => ({
              onClick: () => setActive(i ?? 0),
              'data-row-index': i,
              'data-testid': `item-${r.assetName}-${r.key}`,
              'data-active': i === active ? 'true' : 'false',
              style: i === active ? { background: '#e6f4ff', boxShadow: 'inset 3px 0 0 #1677ff' } : undefined,
            } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              {
                title: t('inspections.run.asset'),
                key: 'asset',
                width: 200,
                onCell: (r) => ({ rowSpan: r.groupSpan }),
                render: (_: unknown, r) =>
                  r.assetId ? (
                    <div>
                      <a href={hrefOf('assets', r.assetId)}>{r.assetName}</a>
                      <div>
                        <Typography.Text type="secondary">{r.ip}</Typography.Text>
                      </div>
                    </div>
                  ) : (
                    <Typography.Text strong>{r.assetName}</Typography.Text>
                  ),
              },
              {
                title: t('inspections.run.item'),
                key: 'item',
                width: 170,
                render: (_: unknown, r) => (
                  <Tooltip title={r.steps ? `${t('inspections.run.steps')}：${r.steps}` : undefined}>
                    <span>
                      {r.assetId ? <Typography.Text type="secondary">{r.column} · </Typography.Text> : null}
                      {r.label}
                    </span>
                  </Tooltip>
                ),
              },
              {
                title: t('inspections.run.evidence'),
                key: 'evidence',
                render: (_: unknown, r) =>
                  r.evidence ? (
                    <Space size={4} wrap>
                      <LevelTag level={r.evidence.level} />
                      <Typography.Text type="secondary">{r.evidence.checkLabel}：{r.evidence.summary}</Typography.Text>
                      {r.evidence.raw ? (
                        <Popover
                          trigger="click"
                          title={`${t('inspections.run.raw')} · ${formatBizDateTime(r.evidence.at)}`}
                          content={<pre style={{ maxWidth: 640, maxHeight: 360, overflow: 'auto', margin: 0, fontSize: 12 }}>{r.evidence.raw}</pre>}
                        >
                          <Button size="small" type="link" icon={<FileSearchOutlined />} data-testid="evidence-raw">
                            {t('inspections.run.raw')}
                          </Button>
                        </Popover>
                      ) : null}
                    </Space>
                  ) : r.aspects.length ? (
                    <Typography.Text type="secondary">{t('inspections.run.noEvidence')}</Typography.Text>
                  ) : null,
              },
              {
                title: t('inspections.run.result'),
                key: 'result',
                width: 210,
                render: (_: unknown, r) => (
                  <Flex vertical gap={2}>
                    <Radio.Group
                      size="small"
                      optionType="button"
                      buttonStyle="solid"
                      disabled={!editable}
                      value={r.result?.level}
                      onChange={(e) => void save(r, e.target.value as ResultLevel)}
                      options={RESULT_LEVELS.map((l, i) => ({ value: l, label: `${i + 1} ${t(`inspections.level.${l}`)}` }))}
                      data-testid="item-result"
                    />
                    {r.result?.fromProbe ? <Tag style={{ width: 'fit-content' }}>{t('inspections.run.auto')}</Tag> : null}
                    {r.result?.overridden ? <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('inspections.run.overridden', { reason: r.result.overrideReason ?? '' })}</Typography.Text> : null}
                  </Flex>
                ),
              },
              {
                title: t('inspections.run.value'),
                key: 'value',
                width: 180,
                render: (_: unknown, r) => (
                  <Input
                    size="small"
                    disabled={!editable}
                    value={drafts[r.itemId]?.value ?? r.result?.value ?? ''}
                    onChange={(e) => setDrafts((x) => ({ ...x, [r.itemId]: { ...x[r.itemId], value: e.target.value } }))}
                    onBlur={() => r.result && drafts[r.itemId]?.value !== undefined && drafts[r.itemId]?.value !== r.result.value && void save(r, r.result.level, r.result.overridden ? (r.result.overrideReason ?? '') : undefined)}
                    onPressEnter={() => tableRef.current?.focus()}
                  />
                ),
              },
              {
                title: t('inspections.run.note'),
                key: 'note',
                width: 200,
                render: (_: unknown, r) => (
                  <Input
                    size="small"
                    disabled={!editable}
                    ref={(el) => {
                      noteRefs.current.set(r.itemId, el?.input ?? null);
                    }}
                    value={drafts[r.itemId]?.note ?? r.result?.note ?? ''}
                    onChange={(e) => setDrafts((x) => ({ ...x, [r.itemId]: { ...x[r.itemId], note: e.target.value } }))}
                    onBlur={() => r.result && drafts[r.itemId]?.note !== undefined && drafts[r.itemId]?.note !== r.result.note && void save(r, r.result.level, r.result.overridden ? (r.result.overrideReason ?? '') : undefined)}
                    onPressEnter={() => tableRef.current?.focus()}
                    data-testid="item-note"
                  />
                ),
              },
            ]}
          />
        </div>
        {editable ? (
          <Flex gap={8} align="flex-start">
            <Input.TextArea
              rows={2}
              placeholder={t('inspections.run.remarks')}
              value={remarks ?? run.remarks}
              onChange={(e) => setRemarks(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void complete();
                }
              }}
              data-testid="run-remarks"
            />
            <Button type="primary" icon={<CheckOutlined />} onClick={() => void complete()} disabled={run.filled < run.items} data-testid="run-complete">
              {t('inspections.run.complete')}
            </Button>
          </Flex>
        ) : run.remarks ? (
          <Typography.Paragraph>
            {t('inspections.run.remarks')}：{run.remarks}
          </Typography.Paragraph>
        ) : null}
      </Flex>
      <OverrideModal
        state={override}
        onCancel={() => {
          setOverride(null);
          tableRef.current?.focus();
        }}
        onOk={(reason) => {
          const o = override;
          setOverride(null);
          tableRef.current?.focus();
          if (o) void save(o.item, o.level, reason);
        }}
      />
      <Modal
        open={faultOffer !== null}
        title={faultOffer ? t('inspections.run.faultOffer', { label: faultOffer.label, level: t(`inspections.level.${faultOffer.level}`) }) : ''}
        okText={t('inspections.run.openFault')}
        cancelText={t('inspections.run.later')}
        onOk={() => faultOffer && navigate(hrefOf('faults', 'new', 'inspection', faultOffer.resultId))}
        onCancel={() => {
          setFaultOffer(null);
          tableRef.current?.focus();
        }}
        okButtonProps={{ 'data-testid': 'fault-offer-ok' } }
        cancelButtonProps={{ 'data-testid': 'fault-offer-later' } }
      />
    </PageFrame>
  );
}

function OverrideModal({ state, onOk, onCancel }: { state: { item: FlatItem; level: ResultLevel; probe: ResultLevel } | null; onOk: (reason: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  useEffect(() => setReason(''), [state]);
  return (
    <Modal
      open={state !== null}
      title={t('inspections.override.title')}
      okText={t('inspections.override.ok')}
      okButtonProps={{ disabled: reason.trim() === '', 'data-testid': 'override-ok' } }
      onOk={() => onOk(reason.trim())}
      onCancel={onCancel}
      destroyOnHidden
    >
      {state ? <p>{t('inspections.override.body', { probe: t(`inspections.level.${state.probe}`), level: t(`inspections.level.${state.level}`) })}</p> : null}
      <Input
        autoFocus
        placeholder={t('inspections.override.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onPressEnter={() => reason.trim() && onOk(reason.trim())}
        data-testid="override-reason"
      />
    </Modal>
  );
}

/** A run paused by a severe result: the reason, the decision deadline, and the manager's decision. */
function PausedPanel({ detail, onDecided }: { detail: RunDetail; onDecided: (r: RunDetail['run']) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const now = useNow(30_000);
  const [form] = Form.useForm<{ decision: 'continue' | 'stop'; reason: string }>();
  const run = detail.run;
  if (run.status !== 'paused') return null;
  const overdue = run.decisionDueAt !== null && Date.parse(run.decisionDueAt) < now.getTime();
  const decide = async (v: { decision: 'continue' | 'stop'; reason: string }) => {
    try {
      onDecided(await invoke('inspections/decide', { runId: run.id, decision: v.decision, reason: v.reason }));
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };
  return (
    <Alert
      type="error"
      showIcon
      data-testid="run-paused"
      title={t('inspections.paused.title')}
      description={
        <Flex vertical gap={8}>
          <span>{run.pausedReason}</span>
          {run.decisionDueAt ? (
            <Typography.Text type={overdue ? 'danger' : undefined}>
              {overdue ? t('inspections.paused.overdue', { time: formatBizDateTime(run.decisionDueAt) }) : t('inspections.paused.due', { time: formatBizDateTime(run.decisionDueAt) })}
            </Typography.Text>
          ) : null}
          {detail.canDecide ? (
            <Form form={form} layout="inline" initialValues={{ decision: 'continue', reason: '' }} onFinish={(v) => void decide(v)} data-testid="decide-form">
              <Form.Item name="decision" label={t('inspections.paused.decide')}>
                <Radio.Group
                  options={[
                    { value: 'continue', label: t('inspections.paused.continue') },
                    { value: 'stop', label: t('inspections.paused.stop') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('inspections.paused.reason') }]}>
                <Input placeholder={t('inspections.paused.reason')} style={{ width: 320 }} data-testid="decide-reason" />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="decide-submit">
                {t('inspections.paused.submit')}
              </Button>
            </Form>
          ) : (
            <Typography.Text>{t('inspections.paused.waiting')}</Typography.Text>
          )}
        </Flex>
      }
    />
  );
}
