import fs from 'node:fs';
import net from 'node:net';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Output } from '../../../shared/contract';
import { makeCore, type TestCore } from '../test-utils';
import { startScheduler, type Scheduler, type SchedulerClock } from './scheduler';

/** Timers on the test's clock: advancing it fires what is due, in order, and waits for the ticks. */
class FakeClock implements SchedulerClock {
  private timers: Array<{ id: number; at: number; fn: () => void }> = [];
  private seq = 0;
  constructor(private readonly t: TestCore) {}
  now(): Date {
    return this.t.now.value;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.push({ id, at: this.now().getTime() + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== h);
  }
  get pending(): number {
    return this.timers.length;
  }
  async advanceTo(iso: string, s: Scheduler): Promise<void> {
    const target = Date.parse(iso);
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.t.now.value = new Date(next.at);
      next.fn();
      await s.tick();
      await new Promise((r) => setImmediate(r));
    }
    this.t.now.value = new Date(target);
  }
}

const cores: TestCore[] = [];
const schedulers: Scheduler[] = [];
let server: net.Server | null = null;
afterEach(async () => {
  for (const s of schedulers.splice(0)) s.stop();
  for (const t of cores.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
  if (server) await new Promise<void>((r) => server!.close(() => r()));
  server = null;
});

function schedule(t: TestCore): Array<{ kind: string; biz_date: string; slot: string; late: number; run_id: string | null }> {
  const db = new Database(t.dbPath, { readonly: true });
  try {
    return db.prepare("SELECT kind, biz_date, slot, late, run_id FROM inspection_schedule WHERE kind <> 'decide' ORDER BY biz_date, due_at, kind").all() as never;
  } finally {
    db.close();
  }
}

describe('the inspection scheduler (fake clock)', () => {
  it('sweeps and opens the runs at 08:30 and 17:00, reminds at 16:00, marks late at 18:00, catches up after the PC was off', async () => {
    // Monday 2026-03-02, 07:00 in Shanghai.
    const t = makeCore({ start: '2026-03-01T23:00:00.000Z' });
    cores.push(t);
    server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const assets = (await t.call('assets/list', {})) as Output<'assets/list'>;
    const app = assets.find((a) => a.name === '应用服务服务器')!;
    await t.call('probes/check-save', { assetId: app.id, label: '远程端口', config: { kind: 'tcp', host: '127.0.0.1', port }, aspect: 'remote' });
    const events: CoreEvent[] = [];
    t.core.onEvent((e) => events.push(e));
    const notes = () => events.filter((e): e is Extract<CoreEvent, { type: 'notify' }> => e.type === 'notify');

    const clock = new FakeClock(t);
    const s = startScheduler({ core: t.core, clock, maxSleepMs: 30 * 60_000, sweep: { timeoutMs: 3000 } });
    schedulers.push(s);
    await s.tick();
    expect(schedule(t)).toEqual([]);
    expect(s.nextDue()?.toISOString()).toBe('2026-03-02T00:30:00.000Z');

    await clock.advanceTo('2026-03-02T00:31:00.000Z', s);
    expect(schedule(t)).toEqual([expect.objectContaining({ kind: 'sweep', biz_date: '2026-03-02', slot: 'am', late: 0 })]);
    const amId = schedule(t)[0]!.run_id!;
    const am = (await t.call('inspections/run', { id: amId })) as Output<'inspections/run'>;
    expect(am.run).toMatchObject({ slot: 'am', status: 'open', late: false });
    const remote = am.rows.find((r) => r.assetName === '应用服务服务器')!.items.find((i) => i.key === 'remote')!;
    expect(remote.result).toMatchObject({ level: 'normal', fromProbe: true });
    expect(remote.evidence?.summary).toContain(`端口 ${port}`);

    await clock.advanceTo('2026-03-02T08:01:00.000Z', s); // 16:01
    expect(notes().at(-1)).toMatchObject({ level: 'info', title: '2026-03-02 日常巡检即将截止' });
    await clock.advanceTo('2026-03-02T09:01:00.000Z', s); // 17:01
    expect(schedule(t).filter((r) => r.kind === 'sweep').map((r) => r.slot)).toEqual(['am', 'pm']);
    await clock.advanceTo('2026-03-02T10:01:00.000Z', s); // 18:01
    expect(notes().at(-1)).toMatchObject({ level: 'warn', title: '2026-03-02 日常巡检未按时完成', body: expect.stringContaining('2 次巡检未完成') });
    const runs = (await t.call('inspections/runs', { from: '2026-03-02', to: '2026-03-02' })) as Output<'inspections/runs'>;
    expect(runs.map((r) => `${r.slot}:${r.late}`).sort()).toEqual(['am:true', 'pm:true']);
    s.stop();
    expect(clock.pending).toBe(0);

    // The PC was off until Tuesday 10:00: the 08:30 slot runs at start, marked late; once only.
    t.now.value = new Date('2026-03-03T02:00:00.000Z');
    const s2 = startScheduler({ core: t.core, clock, maxSleepMs: 30 * 60_000, sweep: { timeoutMs: 3000 } });
    schedulers.push(s2);
    await s2.tick();
    await new Promise((r) => setImmediate(r));
    const tue = schedule(t).filter((r) => r.biz_date === '2026-03-03');
    expect(tue).toEqual([expect.objectContaining({ kind: 'sweep', slot: 'am', late: 1 })]);
    const tueRun = (await t.call('inspections/run', { id: tue[0]!.run_id! })) as Output<'inspections/run'>;
    expect(tueRun.run.late).toBe(true);
    s2.stop();
    const s3 = startScheduler({ core: t.core, clock, maxSleepMs: 30 * 60_000 });
    schedulers.push(s3);
    await s3.tick();
    expect(schedule(t).filter((r) => r.biz_date === '2026-03-03')).toHaveLength(1);

    // A severe result pauses the run; the manager not deciding within 60 minutes is reported.
    const backup = tueRun.rows.flatMap((r) => r.items).find((i) => i.key === 'backup')!;
    await t.call('inspections/set-result', { runId: tueRun.run.id, itemId: backup.itemId, level: 'severe', value: '备份失败' });
    await clock.advanceTo('2026-03-03T03:01:30.000Z', s3);
    expect(notes().at(-1)).toMatchObject({ level: 'severe', title: expect.stringContaining('严重问题待项目负责人决定'), link: `#/inspections/run/${tueRun.run.id}` });
    const overdue = notes().filter((n) => n.title.includes('待项目负责人决定')).length;
    await clock.advanceTo('2026-03-03T03:40:00.000Z', s3);
    expect(notes().filter((n) => n.title.includes('待项目负责人决定')).length).toBe(overdue);
    s3.stop();
  }, 60_000);

  it('does nothing on a statutory holiday or a weekend', async () => {
    const t = makeCore({ start: '2026-10-01T01:00:00.000Z' }); // 国庆节, 09:00
    cores.push(t);
    const clock = new FakeClock(t);
    const s = startScheduler({ core: t.core, clock });
    schedulers.push(s);
    await s.tick();
    await clock.advanceTo('2026-10-01T11:00:00.000Z', s);
    expect(schedule(t)).toEqual([]);
    // the next event is the first slot of the next working day (10-09 is a 调休 Friday… whatever the calendar says, never a holiday)
    const next = s.nextDue();
    expect(next).not.toBeNull();
    s.stop();
  });
});
