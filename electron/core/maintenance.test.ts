import { afterEach, expect, it } from 'vitest';
import { startMaintenance } from './maintenance';
import { makeCore, type TestCore } from './test-utils';

let t: TestCore | null = null;
afterEach(() => t?.close());

async function until<T>(fn: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What the app and the bridge start: the inspection scheduler runs with them. Opened at 10:00 on
 * a working day, the 08:30 data-exchange check missed while the PC was off runs at once, late,
 * and opens the morning's inspection run (also late).
 */
it('starting maintenance starts the scheduler: a missed slot runs at start, marked late', async () => {
  t = makeCore({ start: '2026-03-02T02:00:00.000Z' }); // Monday 10:00 Asia/Shanghai
  const stop = startMaintenance(t.core);
  try {
    const row = await until(
      () => t!.core.runtime.sqlite.prepare("SELECT slot, late, run_id AS runId FROM inspection_schedule WHERE kind = 'sweep' AND biz_date = '2026-03-02' AND run_id IS NOT NULL").get() as { slot: string; late: number; runId: string } | undefined,
      60_000,
    );
    expect(row.late).toBe(1);
    const run = t.core.runtime.sqlite.prepare('SELECT late, slot FROM inspection_runs WHERE id = ?').get(row.runId) as { late: number; slot: string };
    expect(run).toEqual({ late: 1, slot: row.slot });
  } finally {
    stop();
  }
}, 90_000);

it('the E2E bridge can start without it: nothing is scheduled', async () => {
  t = makeCore({ start: '2026-03-02T02:00:00.000Z' });
  const stop = startMaintenance(t.core, { scheduler: false });
  await new Promise((r) => setTimeout(r, 1500));
  stop();
  expect(t.core.runtime.sqlite.prepare('SELECT COUNT(*) AS n FROM inspection_schedule').get()).toEqual({ n: 0 });
});
