import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { probe } from './ping-pool';

describe('the ping helpers', () => {
  it('answer many pings at once (real system ping on loopback)', async () => {
    const replies = await Promise.all(Array.from({ length: 24 }, () => probe('127.0.0.1', { timeout: 2, deadline: 2, min_reply: 1, numeric: true })));
    for (const r of replies) expect(r instanceof Error ? r.message : r.alive).toBe(true);
  }, 30_000);

  it.runIf(os.platform() === 'linux')('run below normal priority, and so do the pings they spawn', async () => {
    const pending = probe('127.0.0.1', { timeout: 2, deadline: 2, min_reply: 1, numeric: true });
    // The helper is a child of this process running `node -e`; read its niceness while it works.
    const seen = execFileSync('ps', ['-o', 'ni=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    const r = await pending;
    expect(r instanceof Error ? r.message : r.alive).toBe(true);
    const helperLine = seen.split('\n').find((l) => l.includes('-e'));
    expect(helperLine, seen).toBeDefined();
    expect(Number(helperLine!.trim().split(/\s+/)[0])).toBe(Math.max(10, os.getPriority()));
  }, 30_000);
});
