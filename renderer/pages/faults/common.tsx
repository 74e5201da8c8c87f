import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { App, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { slaViewOf, type SlaBucket, type SlaStampsOf } from '../../../shared/contract/faults';
import type { FormFile } from '../../../shared/contract/forms';
import type { SlaSettings } from '../../../shared/sla';
import { formatBizDateTime, formatDuration, toBizDate } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';

export type Options = Output<'faults/options'>;

/** 2026年3月2日 09:05 (Asia/Shanghai, like the forms), or — for nothing. */
export function fmtAt(iso: string | null | undefined): string {
  return iso ? formatBizDateTime(iso) : '—';
}

/** The current time, ticking (live countdowns are computed here with shared/sla.ts). */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** One clock for every live countdown in a list: a single timer, the ticking cells re-render together. */
const ticking = new Set<() => void>();
let sharedNow = new Date();
let ticker: ReturnType<typeof setInterval> | null = null;
function subscribeNow(listener: () => void): () => void {
  ticking.add(listener);
  if (!ticker) {
    sharedNow = new Date();
    ticker = setInterval(() => {
      sharedNow = new Date();
      for (const l of ticking) l();
    }, 1000);
  }
  return () => {
    ticking.delete(listener);
    if (ticking.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}

/**
 * The current time, ticking each second, for a component that shows a live countdown: only that
 * component re-renders (a list's rows and filters stay as they are).
 */
export function useSharedNow(): Date {
  return useSyncExternalStore(subscribeNow, () => sharedNow);
}

/** One load of a channel's answer, with its error message and a reload. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | null; error: string | null; loading: boolean; reload: () => void; setData: (d: T) => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => live && setError(toClientError(e).message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names the dependencies
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}

/** The project's SLA settings (for the live countdowns) and the form options. */
export function useFaultContext(): { sla: SlaSettings | null; options: Options | null; error: string | null } {
  const project = useLoad(() => invoke('project/get', {}), []);
  const options = useLoad(() => invoke('faults/options', {}), []);
  return { sla: project.data?.settings.sla ?? null, options: options.data, error: project.error ?? options.error };
}

export function bucketColor(b: SlaBucket): string {
  return b === 'breached' ? 'red' : b === 'due_soon' ? 'gold' : b === 'met' ? 'green' : 'blue';
}

export function severityColor(v: string): string {
  return v === 'critical' ? 'red' : v === 'serious' ? 'orange' : 'blue';
}

/**
 * The fault's SLA state and the next deadline as a live countdown, computed in the browser by
 * the shared SLA function (the same one the core uses for lists, statistics and forms).
 */
export function SlaTag({ fault, sla, now, testId }: { fault: SlaStampsOf; sla: SlaSettings; now: Date; testId?: string }) {
  const { t } = useTranslation();
  const view = slaViewOf(fault, sla, now);
  const next = view.nextDeadline;
  const remaining = next ? Date.parse(next) - now.getTime() : null;
  return (
    <span data-testid={testId}>
      <Tag color={bucketColor(view.bucket)} data-bucket={view.bucket}>
        {t(`faults.bucket.${view.bucket}`)}
      </Tag>
      {next && remaining !== null ? (
        <Tooltip title={t('faults.countdown.deadline', { time: fmtAt(next) })}>
          <Typography.Text type={remaining < 0 ? 'danger' : 'secondary'} data-testid={testId ? `${testId}-countdown` : undefined}>
            {remaining < 0 ? t('faults.countdown.over', { time: formatDuration(remaining) }) : t('faults.countdown.left', { time: formatDuration(remaining) })}
          </Typography.Text>
        </Tooltip>
      ) : null}
    </span>
  );
}

/** SlaTag on the shared ticking clock (for table cells: the table itself does not re-render each second). */
export function LiveSlaTag(props: { fault: SlaStampsOf; sla: SlaSettings; testId?: string }) {
  return <SlaTag {...props} now={useSharedNow()} />;
}

/** Saves a generated form: the browser downloads it (Electron handles the download as a save). */
export function downloadFile(file: FormFile): void {
  const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An attached file (signed scan, screenshot…): a link that downloads it, checked against its digest by the core. */
export function AttachmentLink({ file, testId }: { file: { id: string; linkId?: string; name: string; addedAt: string }; testId?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const open = () => {
    setBusy(true);
    invoke('attachments/get', file.linkId ? { id: file.id, linkId: file.linkId } : { id: file.id })
      .then((a) => downloadFile({ fileName: a.name, mime: a.mime, dataBase64: a.dataBase64 }))
      .catch((e: unknown) => void message.error(toClientError(e).message))
      .finally(() => setBusy(false));
  };
  return (
    <Typography.Text data-testid={testId}>
      <Typography.Link onClick={open} disabled={busy}>
        {file.name}
      </Typography.Link>
      <Typography.Text type="secondary">{` · ${fmtAt(file.addedAt)}`}</Typography.Text>
    </Typography.Text>
  );
}

/** A file the user picked, as base64 (files travel in the call; no paths). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** Form.Item props that keep a DatePicker's value as 'YYYY-MM-DD' (so the contract's rules apply). */
export const dateField = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** Form.Item props that keep a date-time picker's value as an ISO instant. */
export const instantField = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.second(0).millisecond(0).toISOString() : undefined),
};

/** Today's business date (Asia/Shanghai). */
export function today(): string {
  return toBizDate(new Date().toISOString());
}

/** Ctrl+Enter (or ⌘+Enter) submits a form even from a multi-line field. */
export function submitOnCtrlEnter(submit: () => void) {
  return (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };
}
