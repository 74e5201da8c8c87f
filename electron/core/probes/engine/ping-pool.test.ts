import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probe } from './ping-pool';
import { CheckScope } from './util';

describe('the ping helpers', () => {
  it('say when each queued ping starts, before its reply (real system ping on loopback)', async () => {
    const events: string[] = [];
    const replies = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        probe('127.0.0.1', { timeout: 2, deadline: 2, min_reply: 1, numeric: true }, () => events.push(`start ${i}`)).then((r) => {
          events.push(`reply ${i}`);
          return r;
        }),
      ),
    );
    for (const r of replies) expect(r instanceof Error ? r.message : r.alive).toBe(true);
    for (let i = 0; i < 24; i++) {
      const s = events.indexOf(`start ${i}`);
      expect(s, `ping ${i} started`).toBeGreaterThanOrEqual(0);
      expect(s, `ping ${i} started before its reply`).toBeLessThan(events.indexOf(`reply ${i}`));
      expect(events.filter((e) => e === `start ${i}`)).toHaveLength(1);
    }
  }, 30_000);

  it.runIf(os.platform() === 'linux')('run below normal priority, and so do the pings they spawn', async () => {
    let seen = '';
    const r = await probe('127.0.0.1', { timeout: 2, deadline: 2, min_reply: 1, numeric: true }, () => {
      // The helper is a child of this process running `node -e`; read its niceness.
      seen = execFileSync('ps', ['-o', 'ni=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    });
    expect(r instanceof Error ? r.message : r.alive).toBe(true);
    const helperLine = seen.split('\n').find((l) => l.includes('-e'));
    expect(helperLine, seen).toBeDefined();
    expect(Number(helperLine!.trim().split(/\s+/)[0])).toBe(Math.max(10, os.getPriority()));
  }, 30_000);
});

describe('CheckScope.restartBudget', () => {
  afterEach(() => vi.useRealTimers());

  it('counts the whole budget again from the restart, and cannot revive a stopped scope', () => {
    vi.useFakeTimers();
    const scope = new CheckScope(1000, 500);
    vi.advanceTimersByTime(900);
    scope.restartBudget();
    vi.advanceTimersByTime(900);
    expect(scope.stopCode()).toBeNull();
    vi.advanceTimersByTime(101);
    expect(scope.stopCode()).toBe('TIMEOUT');
    scope.restartBudget();
    expect(scope.signal.aborted).toBe(true);
    scope.dispose();
  });

  it('a restart with a grace period gives the budget plus the grace', () => {
    vi.useFakeTimers();
    const scope = new CheckScope(1000, 500);
    vi.advanceTimersByTime(500);
    scope.restartBudget(300);
    vi.advanceTimersByTime(1299);
    expect(scope.stopCode()).toBeNull();
    vi.advanceTimersByTime(2);
    expect(scope.stopCode()).toBe('TIMEOUT');
    scope.dispose();
  });

  it('without a restart the budget runs out where it always did', () => {
    vi.useFakeTimers();
    const scope = new CheckScope(1000, 500);
    vi.advanceTimersByTime(1001);
    expect(scope.stopCode()).toBe('TIMEOUT');
    scope.dispose();
  });
});
