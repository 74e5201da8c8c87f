/**
 * The round's clock: schedules as data (settings.inspection), run by timers driven by an
 * injected clock.
 *
 * On working days (statutory holidays and 调休 from the calendar):
 *   - at each data-exchange check time (08:30, 17:00) a sweep runs and the daily run of that
 *     slot (上午 / 下午) opens pre-filled from it;
 *   - `notifyAheadMinutes` before the due time (16:00) a reminder if the day's runs are not done;
 *   - at the due time (18:00) unfinished runs are marked late and reported.
 * A run paused by a severe result and not decided within `severeDecisionMinutes` is reported.
 *
 * What has run is recorded in inspection_schedule, so a slot missed while the PC was off runs
 * when the scheduler starts (the same day), marked late; a restart never runs a slot twice.
 * The Electron main starts it with `startScheduler({ core })` and stops it on quit.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { isWorkingDay } from '../../../shared/attendance/calendar';
import { addDays, addMinutes, bizDateTimeToInstant, toBizDate } from '../../../shared/time';
import { t } from '../../../shared/i18n';
import type { Core } from '../api';
import { newId, type Actor, type CallContext, type TrackedChange } from '../context';
import { runProbeSweep } from '../probes/sweep';
import { inspectionRuns, inspectionSchedule } from './schema';
import { runLink } from './notify';
import { startRun } from './service';
import { listTemplates } from './templates';

export interface SchedulerClock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  core: Core;
  /** Default: the core's clock with real timers. */
  clock?: SchedulerClock;
  /** Longest sleep between looks at the schedule (default 60 s): catches sleep/resume and clock changes. */
  maxSleepMs?: number;
  /** A slot run later than this after its time is marked late (default 5 min). */
  graceMs?: number;
  /** Sweep options for the scheduled sweeps (tests shorten the timeout). */
  sweep?: { concurrency?: number; timeoutMs?: number };
  onError?: (e: unknown) => void;
}

export interface TickReport {
  at: string;
  sweeps: Array<{ bizDate: string; slots: string[]; late: boolean; sweepId: string | null }>;
  runs: Array<{ bizDate: string; slot: string; runId: string; late: boolean }>;
  reminders: number;
  markedLate: number;
  decisionsOverdue: number;
}

export interface Scheduler {
  /** Looks at the schedule now (the timers call it; tests may too). */
  tick(): Promise<TickReport>;
  /** When the next scheduled event is due (null: none known). */
  nextDue(): Date | null;
  stop(): void;
  readonly running: boolean;
}

const SYSTEM: Actor = { userId: null, username: 'system:scheduler', roles: ['engineer'] };
const FACE = 'scheduler';

interface DayPlan {
  bizDate: string;
  slots: Array<{ code: string; at: string }>;
  remindAt: string;
  dueAt: string;
}

export function startScheduler(opts: SchedulerOptions): Scheduler {
  const rt = opts.core.runtime;
  const clock: SchedulerClock = opts.clock ?? {
    now: () => rt.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const maxSleep = opts.maxSleepMs ?? 60_000;
  const grace = opts.graceMs ?? 5 * 60_000;
  let timer: unknown = null;
  let stopped = false;
  let busy: Promise<TickReport> | null = null;
  let next: Date | null = null;

  const context = (changes: TrackedChange[], signal: AbortSignal, jobId: string): CallContext => rt.context(SYSTEM, null, changes, signal, jobId);

  function dayPlan(bizDate: string): DayPlan {
    const project = rt.project();
    const s = project.settings.inspection;
    const ctx = context([], new AbortController().signal, newId());
    const daily = listTemplates(ctx).find((x) => x.code === 'daily');
    const dueAt = bizDateTimeToInstant(bizDate, s.dueTime);
    return {
      bizDate,
      slots: (daily?.layout.slots ?? []).map((sl) => ({ code: sl.code, at: bizDateTimeToInstant(bizDate, s.exchangeCheckTimes[sl.exchangeIndex] ?? project.settings.officeHours.start) })),
      remindAt: addMinutes(dueAt, -s.notifyAheadMinutes),
      dueAt,
    };
  }

  function recorded(kind: string, bizDate: string, slot: string): boolean {
    const projectId = rt.project().id;
    return (
      rt.db
        .select({ id: inspectionSchedule.id })
        .from(inspectionSchedule)
        .where(and(eq(inspectionSchedule.projectId, projectId), eq(inspectionSchedule.kind, kind), eq(inspectionSchedule.bizDate, bizDate), eq(inspectionSchedule.slot, slot)))
        .get() !== undefined
    );
  }

  /** Claims a slot (one row per kind, date and slot): false when it was claimed already. */
  function claim(kind: string, bizDate: string, slot: string, dueAt: string, now: Date, note = ''): string | null {
    const id = newId();
    const at = now.toISOString();
    const late = now.getTime() - Date.parse(dueAt) > grace;
    const r = rt.sqlite
      .prepare(
        `INSERT INTO inspection_schedule (id, created_at, updated_at, updated_by, project_id, kind, biz_date, slot, due_at, ran_at, late, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(id, at, at, SYSTEM.username, rt.project().id, kind, bizDate, slot, dueAt, at, late ? 1 : 0, note);
    return r.changes === 1 ? id : null;
  }

  function dailyRuns(bizDate: string) {
    const daily = listTemplates(context([], new AbortController().signal, newId())).find((x) => x.code === 'daily');
    if (!daily) return [];
    return rt.db
      .select()
      .from(inspectionRuns)
      .where(and(eq(inspectionRuns.templateId, daily.id), eq(inspectionRuns.bizDate, bizDate), isNull(inspectionRuns.deletedAt)))
      .all();
  }

  async function doSweep(report: TickReport, plan: DayPlan, slots: Array<{ code: string; at: string }>, now: Date): Promise<void> {
    // One sweep measures now for every slot that is due (two missed slots share it).
    const claims = slots.map((s) => ({ s, id: claim('sweep', plan.bizDate, s.code, s.at, now) })).filter((c) => c.id !== null);
    if (claims.length === 0) return;
    const late = claims.some((c) => now.getTime() - Date.parse(c.s.at) > grace);
    const jobId = newId();
    const ac = new AbortController();
    rt.jobs.set(jobId, ac);
    const changes: TrackedChange[] = [];
    let sweepId: string | null = null;
    try {
      const ctx = context(changes, ac.signal, jobId);
      const out = await runProbeSweep(ctx, { trigger: 'schedule', ...(opts.sweep ?? {}) });
      sweepId = out.id;
      rt.auditStandalone(SYSTEM, FACE, 'probes/sweep', changes, 'ok', null);
    } catch (e) {
      rt.auditStandalone(SYSTEM, FACE, 'probes/sweep', changes, 'error', 'INTERNAL');
      opts.onError?.(e);
    } finally {
      rt.jobs.delete(jobId);
    }
    report.sweeps.push({ bizDate: plan.bizDate, slots: claims.map((c) => c.s.code), late, sweepId });
    for (const c of claims) {
      const slotLate = now.getTime() - Date.parse(c.s.at) > grace;
      const runChanges: TrackedChange[] = [];
      try {
        const detail = rt.inTransaction(SYSTEM, FACE, 'inspections/start', runChanges, () =>
          startRun(context(runChanges, ac.signal, jobId), { templateCode: 'daily', bizDate: plan.bizDate, slot: c.s.code }, { late: slotLate }),
        );
        rt.sqlite.prepare('UPDATE inspection_schedule SET sweep_id = ?, run_id = ? WHERE id = ?').run(sweepId, detail.run.id, c.id);
        report.runs.push({ bizDate: plan.bizDate, slot: c.s.code, runId: detail.run.id, late: slotLate });
      } catch (e) {
        opts.onError?.(e);
      }
    }
  }

  function remindOrMarkLate(report: TickReport, plan: DayPlan, now: Date): void {
    const ms = now.getTime();
    const slotsWanted = plan.slots.map((s) => s.code);
    const runs = dailyRuns(plan.bizDate);
    const unfinished = slotsWanted.filter((code) => runs.find((r) => r.slot === code)?.status !== 'done' && runs.find((r) => r.slot === code)?.status !== 'stopped');
    if (ms >= Date.parse(plan.dueAt)) {
      if (!claim('due', plan.bizDate, 'day', plan.dueAt, now)) return;
      if (unfinished.length === 0) return;
      const lateRuns = runs.filter((r) => r.status === 'open' || r.status === 'paused');
      const changes: TrackedChange[] = lateRuns.map((r) => ({ entity: 'inspection_run', id: r.id, before: { late: r.late, status: r.status }, after: { late: true, status: r.status } }));
      rt.inTransaction(SYSTEM, FACE, 'inspections/mark-late', changes, () => {
        for (const r of lateRuns) rt.sqlite.prepare('UPDATE inspection_runs SET late = 1, updated_at = ?, updated_by = ? WHERE id = ?').run(now.toISOString(), SYSTEM.username, r.id);
      });
      report.markedLate += lateRuns.length;
      const first = lateRuns[0];
      rt.events.emit({
        type: 'notify',
        level: 'warn',
        title: t('inspection.lateTitle', { date: plan.bizDate }),
        body: t('inspection.lateBody', { due: rt.project().settings.inspection.dueTime, count: unfinished.length }),
        ...(first ? { link: runLink(first.id) } : { link: '#/inspections' }),
      });
      return;
    }
    if (ms >= Date.parse(plan.remindAt)) {
      if (!claim('remind', plan.bizDate, 'day', plan.remindAt, now)) return;
      if (unfinished.length === 0) return;
      report.reminders++;
      rt.events.emit({
        type: 'notify',
        level: 'info',
        title: t('inspection.remindTitle', { date: plan.bizDate }),
        body: t('inspection.remindBody', { due: rt.project().settings.inspection.dueTime, count: unfinished.length, minutes: rt.project().settings.inspection.notifyAheadMinutes }),
        link: '#/inspections',
      });
    }
  }

  function overdueDecisions(report: TickReport, now: Date): void {
    const minutes = rt.project().settings.inspection.severeDecisionMinutes;
    const paused = rt.db.select().from(inspectionRuns).where(and(eq(inspectionRuns.status, 'paused'), isNull(inspectionRuns.deletedAt))).all();
    for (const r of paused) {
      if (!r.pausedAt) continue;
      const due = addMinutes(r.pausedAt, minutes);
      if (now.getTime() < Date.parse(due)) continue;
      if (!claim('decide', r.bizDate, `run:${r.id}:${r.pausedAt}`, due, now)) continue;
      report.decisionsOverdue++;
      rt.events.emit({ type: 'notify', level: 'severe', title: t('inspection.decisionOverdueTitle'), body: t('inspection.decisionOverdueBody', { date: r.bizDate, minutes, reason: r.pausedReason ?? '' }), link: runLink(r.id) });
    }
  }

  async function tickOnce(): Promise<TickReport> {
    const now = clock.now();
    const report: TickReport = { at: now.toISOString(), sweeps: [], runs: [], reminders: 0, markedLate: 0, decisionsOverdue: 0 };
    if (rt.dbState() !== 'ok') return report;
    const bizDate = toBizDate(now);
    if (isWorkingDay(bizDate)) {
      const plan = dayPlan(bizDate);
      const due = plan.slots.filter((s) => now.getTime() >= Date.parse(s.at) && !recorded('sweep', bizDate, s.code));
      if (due.length) await doSweep(report, plan, due, clock.now());
      remindOrMarkLate(report, plan, clock.now());
    }
    overdueDecisions(report, clock.now());
    next = nextEvent(clock.now());
    return report;
  }

  /** The next instant something is scheduled (today's remaining events, else the next working day's first slot). */
  function nextEvent(now: Date): Date | null {
    const ms = now.getTime();
    let date = toBizDate(now);
    for (let i = 0; i < 15; i++, date = addDays(date, 1)) {
      if (!isWorkingDay(date)) continue;
      const plan = dayPlan(date);
      const times = [...plan.slots.map((s) => s.at), plan.remindAt, plan.dueAt].map((x) => Date.parse(x)).filter((x) => x > ms);
      if (times.length) return new Date(Math.min(...times));
    }
    return null;
  }

  function arm(): void {
    if (stopped) return;
    const now = clock.now().getTime();
    next ??= nextEvent(clock.now());
    const wait = next ? Math.max(0, Math.min(maxSleep, next.getTime() - now)) : maxSleep;
    timer = clock.setTimeout(() => {
      timer = null;
      void run().finally(arm);
    }, wait);
  }

  function run(): Promise<TickReport> {
    if (!busy) {
      busy = tickOnce()
        .catch((e: unknown) => {
          opts.onError?.(e);
          return { at: clock.now().toISOString(), sweeps: [], runs: [], reminders: 0, markedLate: 0, decisionsOverdue: 0 };
        })
        .finally(() => {
          busy = null;
        });
    }
    return busy;
  }

  // Catch up at start: a slot missed while the PC was off runs now (late).
  void run().finally(arm);

  return {
    tick: run,
    nextDue: () => next,
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
    get running() {
      return !stopped;
    },
  };
}
