import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Input as ChannelInput, Output } from '../../../shared/contract';
import { formatBizDateTime } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useLoad } from '../faults/common';

type Row = Output<'audit/list'>['rows'][number];
type Outcome = 'ok' | 'error' | 'denied';
const PAGE = 100;

/** 审计日志 (审计员): the chain check first, then the log newest first with filters and before/after. */
export function AuditTab() {
  const { t } = useTranslation();
  const chain = useLoad(() => invoke('audit/verify', {}), []);
  const [username, setUsername] = useState('');
  const [channel, setChannel] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  /** Business dates (Asia/Shanghai), both included; null = no date filter. */
  const [range, setRange] = useState<[string, string] | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [total, setTotal] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (before?: number) => {
      setBusy(true);
      setError(null);
      try {
        const input: ChannelInput<'audit/list'> = { limit: PAGE, ...(before !== undefined ? { before } : {}) };
        if (username.trim()) input.username = username.trim();
        if (channel.trim()) input.channel = channel.trim();
        if (outcome) input.outcome = outcome;
        if (range) {
          input.from = range[0];
          input.to = range[1];
        }
        const r = await invoke('audit/list', input);
        setRows((old) => (before === undefined ? r.rows : [...old, ...r.rows]));
        setTotal(r.total);
      } catch (e) {
        setError(toClientError(e).message);
      } finally {
        setBusy(false);
      }
    },
    [username, channel, outcome, range],
  );

  useEffect(() => {
    void load();
    // Only on first show; later searches are explicit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const last = rows.at(-1);
  return (
    <Flex vertical gap={12}>
      {chain.data ? (
        <Alert
          data-testid="audit-chain"
          type={chain.data.ok ? 'success' : 'error'}
          showIcon
          title={chain.data.ok ? t('admin.audit.chainOk', { rows: chain.data.rows }) : t('admin.audit.chainBroken', { message: chain.data.message })}
        />
      ) : null}
      {chain.error ? <Alert type="error" showIcon title={chain.error} /> : null}
      <Space wrap>
        <Input aria-label={t('admin.audit.username')} placeholder={t('admin.audit.username')} value={username} onChange={(e) => setUsername(e.target.value)} style={{ width: 160 }} allowClear />
        <Input aria-label={t('admin.audit.channel')} placeholder={t('admin.audit.channel')} value={channel} onChange={(e) => setChannel(e.target.value)} style={{ width: 200 }} allowClear />
        <Select<Outcome | ''>
          aria-label={t('admin.audit.outcome')}
          value={outcome}
          onChange={setOutcome}
          style={{ width: 120 }}
          options={[{ value: '', label: t('admin.audit.any') }, ...(['ok', 'error', 'denied'] as const).map((o) => ({ value: o, label: t(`admin.audit.outcomes.${o}`) }))]}
        />
        <DatePicker.RangePicker
          aria-label={t('admin.audit.dates')}
          placeholder={[t('admin.audit.datesFrom'), t('admin.audit.datesTo')]}
          value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null)}
          data-testid="audit-dates"
        />
        <Button type="primary" onClick={() => void load()} loading={busy} data-testid="audit-search">
          {t('admin.audit.search')}
        </Button>
        <Typography.Text type="secondary">{t('admin.audit.total', { total })}</Typography.Text>
      </Space>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Table<Row>
        rowKey="seq"
        size="small"
        data-testid="audit-list"
        dataSource={rows}
        pagination={false}
        expandable={{
          rowExpandable: (r) => r.before !== null || r.after !== null,
          expandedRowRender: (r) => (
            <Flex vertical gap={8}>
              <Changes before={r.before} after={r.after} />
              <details>
                <summary>{t('admin.audit.full')}</summary>
                <Flex gap={16}>
                  <Pretty label={t('admin.audit.before')} json={r.before} />
                  <Pretty label={t('admin.audit.after')} json={r.after} />
                </Flex>
              </details>
            </Flex>
          ),
        }}
        columns={[
          { title: t('admin.audit.col.seq'), dataIndex: 'seq', width: 80 },
          { title: t('admin.audit.col.at'), dataIndex: 'at', render: (v: string) => formatBizDateTime(v), width: 170 },
          { title: t('admin.audit.col.user'), dataIndex: 'username' },
          { title: t('admin.audit.col.face'), dataIndex: 'face', width: 80 },
          { title: t('admin.audit.col.channel'), dataIndex: 'channel' },
          { title: t('admin.audit.col.entity'), render: (_v, r) => (r.entity ? `${r.entity}${r.entityId ? ` ${r.entityId.slice(0, 8)}…` : ''}` : '—') },
          {
            title: t('admin.audit.col.outcome'),
            render: (_v, r) => (
              <Tag color={r.outcome === 'ok' ? 'green' : 'red'}>
                {r.outcome === 'ok' || r.outcome === 'error' || r.outcome === 'denied' ? t(`admin.audit.outcomes.${r.outcome}`) : r.outcome}
                {r.errorCode ? ` ${r.errorCode}` : ''}
              </Tag>
            ),
          },
        ]}
      />
      {last && rows.length < total ? (
        <div>
          <Button onClick={() => void load(last.seq)} loading={busy}>
            {t('admin.audit.more')}
          </Button>
        </div>
      ) : null}
    </Flex>
  );
}

function Pretty({ label, json }: { label: string; json: string | null }) {
  let text = json ?? '—';
  try {
    if (json) text = JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    // shown as stored
  }
  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, margin: 0 }}>{text}</pre>
    </div>
  );
}

/** Leaf values by dotted path ("settings.sla.responseMinutes" → 30). */
function flatten(v: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, JSON.stringify(v));
  }
  return out;
}

function parse(json: string | null): unknown {
  try {
    return json ? (JSON.parse(json) as unknown) : null;
  } catch {
    return json;
  }
}

/** What the call changed: one line per leaf whose value differs. */
function Changes({ before, after }: { before: string | null; after: string | null }) {
  const { t } = useTranslation();
  const a = flatten(parse(before));
  const b = flatten(parse(after));
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k) && k !== 'updatedAt');
  if (keys.length === 0) return null;
  return (
    <div data-testid="audit-changes">
      <Typography.Text strong>{t('admin.audit.changes', { count: keys.length })}</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, fontSize: 12 }}>
        {keys.slice(0, 50).map((k) => (
          <li key={k}>
            <code>{k || '—'}</code>：{a.get(k) ?? '—'} → {b.get(k) ?? '—'}
          </li>
        ))}
      </ul>
    </div>
  );
}
