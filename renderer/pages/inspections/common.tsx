import { useCallback, useRef, useState } from 'react';
import { App, Button, Dropdown, Flex, Progress, Tag, Typography } from 'antd';
import { DownloadOutlined, RadarChartOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import type { ResultLevel } from '../../../shared/levels';
import { invoke, useCoreEvents } from '../../api';
import { toClientError } from '../../api/errors';
import { useAuth } from '../../auth';
import { downloadFile } from '../faults/common';
import { useBusyAction } from '../../components/useBusyAction';

export const LEVEL_COLOR: Record<ResultLevel, string> = { normal: 'green', warning: 'orange', severe: 'red' };

export function LevelTag({ level, testId }: { level: ResultLevel | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (!level) return <Tag data-testid={testId}>—</Tag>;
  return (
    <Tag color={LEVEL_COLOR[level]} data-testid={testId} data-level={level}>
      {t(`inspections.level.${level}`)}
    </Tag>
  );
}

/** Engineers and managers write records; admins and auditors only read. */
export function useCanWrite(): { canWrite: boolean; isManager: boolean } {
  const { session } = useAuth();
  const roles = session?.user.roles ?? [];
  return { canWrite: roles.includes('engineer') || roles.includes('manager'), isManager: roles.includes('manager') };
}

type SweepResult = Output<'probes/sweep'>;

/** A probe sweep as a job: progress from the core's events, cancel with jobs/cancel. */
export function useSweep(onDone?: (r: SweepResult) => void) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; message: string }>({ done: 0, total: 0, message: '' });
  const job = useRef<string | null>(null);
  useCoreEvents((e) => {
    if (e.type === 'progress' && e.jobId === job.current) setProgress({ done: e.done, total: e.total, message: e.message ?? '' });
  });
  const start = useCallback(
    async (assetId?: string) => {
      const jobId = `sweep-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      job.current = jobId;
      setRunning(true);
      setProgress({ done: 0, total: 0, message: '' });
      try {
        const r = await invoke('probes/sweep', { jobId, ...(assetId ? { assetId } : {}) });
        if (r.status === 'cancelled') void message.warning(t('inspections.sweep.cancelled', { done: r.done, total: r.total }));
        else void message.success(t('inspections.sweep.done', r.counts));
        onDone?.(r);
      } catch (e) {
        void message.error(toClientError(e).message);
      } finally {
        job.current = null;
        setRunning(false);
      }
    },
    [message, onDone, t],
  );
  const cancel = useCallback(() => {
    if (job.current) void invoke('jobs/cancel', { jobId: job.current });
  }, []);
  return { running, progress, start, cancel };
}

/** 立即探测 with a progress bar and a cancel button while it runs. */
export function SweepControl({ assetId, label, onDone, disabled }: { assetId?: string; label?: string; onDone?: (r: SweepResult) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const sweep = useSweep(onDone);
  const pct = sweep.progress.total > 0 ? Math.round((100 * sweep.progress.done) / sweep.progress.total) : 0;
  if (!sweep.running) {
    return (
      <Button icon={<RadarChartOutlined />} onClick={() => void sweep.start(assetId)} disabled={disabled} data-testid="sweep-start">
        {label ?? t('inspections.sweep.start')}
      </Button>
    );
  }
  return (
    <Flex align="center" gap={8} style={{ minWidth: 320 }} data-testid="sweep-running">
      <div style={{ flex: 1 }}>
        <Progress percent={pct} size="small" status="active" data-testid="sweep-progress" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {t('inspections.sweep.running', { done: sweep.progress.done, total: sweep.progress.total })} {sweep.progress.message}
        </Typography.Text>
      </div>
      <Button danger icon={<StopOutlined />} onClick={sweep.cancel} data-testid="sweep-cancel">
        {t('inspections.sweep.cancel')}
      </Button>
    </Flex>
  );
}

export interface FormChoice {
  key: string;
  label: string;
  kind: string;
  params: Record<string, string>;
}

/** A dropdown of paper forms, each as PDF or Excel (forms/export). */
export function FormsMenu({ forms, testId = 'forms-menu' }: { forms: FormChoice[]; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { busy, act } = useBusyAction();
  const exportAs = (f: FormChoice, format: 'pdf' | 'xlsx') =>
    act('export', async () => {
      const file = await invoke('forms/export', { kind: f.kind, params: f.params, format });
      downloadFile(file);
      void message.success(t('inspections.forms.exported', { name: file.fileName }));
    });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: forms.flatMap((f) =>
          (['pdf', 'xlsx'] as const).map((fmt) => ({
            key: `${f.key}:${fmt}`,
            label: <span data-testid={`form-${f.key}-${fmt}`}>{`${f.label}（${t(`inspections.forms.${fmt}`)}）`}</span>,
            onClick: () => void exportAs(f, fmt),
          })),
        ),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy !== null} data-testid={testId}>
        {t('inspections.forms.title')}
      </Button>
    </Dropdown>
  );
}
