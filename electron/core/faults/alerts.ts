import type { z } from 'zod';
import { ALERT_LEVEL_LABELS, alertChecklist, alertLevelOf, defaultAlertLevels, type AlertLevelDef } from '../../../shared/alerts';
import type { zAlertCheckItem } from '../../../shared/contract/faults';

type CheckItem = z.infer<typeof zAlertCheckItem>;
type Ticks = Record<string, { at: string; by: string }>;

/**
 * The alert levels in force. The project record has no alert settings yet, so the defaults of
 * shared/alerts.ts apply (the contract's 一级 and our reading of 二级/三级).
 */
export function alertLevels(): AlertLevelDef[] {
  return defaultAlertLevels();
}

export function alertLevelLabel(level: number): string {
  return ALERT_LEVEL_LABELS[level as 1 | 2 | 3] ?? `${level}级预警`;
}

/** The checklist of a fault's level at `now`: done by a stamp, or ticked by hand. */
export function alertChecklistOf(
  f: { alertLevel: number; alertChecks: Ticks | null; reportedAt: string; respondedAt: string | null; onSiteAt: string | null; resolvedAt: string | null; reportFiledAt: string | null },
  now: Date,
): CheckItem[] {
  const level = alertLevelOf(alertLevels(), f.alertLevel);
  if (!level) return [];
  return alertChecklist(level, { ...f, ticks: f.alertChecks ?? {} }, now).map((i) => ({
    key: i.key,
    label: i.label,
    detail: i.detail,
    notify: i.notify,
    condition: i.condition,
    dueAt: i.dueAt,
    done: i.done,
    doneAt: i.doneAt,
    doneBy: i.doneBy,
    auto: i.auto,
    overdue: i.overdue,
    doneLate: i.doneLate,
  }));
}

/** Keys of the actions that are ticked by hand (the others are done by a fault stamp). */
export function tickableKeys(level: number): string[] {
  return (alertLevelOf(alertLevels(), level)?.actions ?? []).filter((a) => a.doneWhen === null).map((a) => a.key);
}
