import type { Core } from './api';
import { startScheduler, type Scheduler } from './inspections/scheduler';

export interface MaintenanceOptions {
  /** How often to look for a new day's backup (default hourly). */
  everyMs?: number;
  /**
   * The inspection scheduler (data-exchange sweeps at the project's times, the daily runs,
   * reminders, late marks; a slot missed while the app was closed runs at start, marked late).
   * Default on; the E2E bridge turns it off so each test controls its own rounds.
   */
  scheduler?: boolean;
}

/**
 * Background upkeep every long-running face starts (Electron main, the bridge): the daily
 * verified backup at start and then hourly checks for a new day, and the inspection scheduler.
 * Returns a stop function.
 */
export function startMaintenance(core: Core, opts: MaintenanceOptions = {}): () => void {
  const warn = (title: string) => (e: unknown) => {
    core.runtime.events.emit({ type: 'notify', level: 'warn', title, body: e instanceof Error ? e.message : String(e) });
  };
  const run = () => {
    core.runtime.dailyBackup().catch(warn('每日备份失败'));
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, opts.everyMs ?? 3_600_000);
  first.unref();
  timer.unref();
  const scheduler: Scheduler | null = opts.scheduler === false ? null : startScheduler({ core, onError: warn('巡检计划执行出错') });
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    scheduler?.stop();
  };
}
