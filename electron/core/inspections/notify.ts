/**
 * The `notify` event a warning or severe result raises at once: what was found, a link to the
 * run and, when there is a result to start from, to a pre-filled fault report.
 */
import { t } from '../../../shared/i18n';
import { RESULT_LEVEL_LABELS, worst, type ResultLevel } from '../../../shared/levels';
import type { CallContext } from '../context';
import type { RunRow } from './repo';

export interface Abnormal {
  /** The inspection result, for the offer of a pre-filled fault report. */
  resultId?: string;
  assetName: string;
  label: string;
  level: ResultLevel;
  value: string;
}

export function runLink(runId: string): string {
  return `#/inspections/run/${encodeURIComponent(runId)}`;
}

/** The pre-filled fault report of the first entry at the worst level, when it has a result id. */
function faultLinkOf(entries: Abnormal[], level: ResultLevel): { fault?: string } {
  const id = entries.find((e) => e.level === level && e.resultId)?.resultId;
  return id ? { fault: `#/faults/new/inspection/${encodeURIComponent(id)}` } : {};
}

export function notifyAbnormal(ctx: Pick<CallContext, 'emit' | 'project'>, run: Pick<RunRow, 'id' | 'bizDate'>, title: string, entries: Abnormal[]): void {
  if (entries.length === 0) return;
  const level = worst(entries.map((e) => e.level));
  const lines = entries.slice(0, 6).map((e) => `${e.assetName ? `${e.assetName} ` : ''}${e.label}：${RESULT_LEVEL_LABELS[e.level]}${e.value ? `（${e.value}）` : ''}`);
  if (entries.length > 6) lines.push(`…… 共 ${entries.length} 项`);
  if (level === 'severe') lines.push(t('inspection.pausedNotice', { minutes: ctx.project().settings.inspection.severeDecisionMinutes }));
  ctx.emit({
    type: 'notify',
    level: level === 'severe' ? 'severe' : 'warn',
    title: t(level === 'severe' ? 'inspection.notifySevere' : 'inspection.notifyWarning', { title, date: run.bizDate }),
    body: lines.join('\n'),
    link: runLink(run.id),
    ...faultLinkOf(entries, level),
  });
}
