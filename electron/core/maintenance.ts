import type { Core } from './api';

/**
 * Background upkeep every long-running face starts (Electron main, the bridge): the daily
 * verified backup at start and then hourly checks for a new day. Returns a stop function.
 */
export function startMaintenance(core: Core, everyMs = 3_600_000): () => void {
  const run = () => {
    core.runtime.dailyBackup().catch((e: unknown) => {
      core.runtime.events.emit({ type: 'notify', level: 'warn', title: '每日备份失败', body: e instanceof Error ? e.message : String(e) });
    });
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
