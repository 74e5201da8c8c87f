import { describe, expect, it } from 'vitest';
import { expectedCost, runSweep, startOrder } from './sweep';
import type { CheckDef } from './types';

// Invalid checks end at once without touching the network: with one check in flight, the order
// of the progress events is the order the sweep started them in.
const bad = {
  ping: (id: string): CheckDef => ({ id, kind: 'ping', host: '-x' }),
  tcp: (id: string): CheckDef => ({ id, kind: 'tcp', host: '-x', port: 0 }),
  http: (id: string): CheckDef => ({ id, kind: 'http', url: 'ftp://x/' }),
  ssh: (id: string): CheckDef => ({ id, kind: 'ssh', host: '-x', port: 0, username: '', auth: { password: '' }, items: [] }),
};

describe('sweep start order', () => {
  it('starts the long checks first (SSH, ping, HTTP, TCP), stable within a kind; results stay in input order', async () => {
    const checks = [bad.tcp('t1'), bad.http('h1'), bad.ping('p1'), bad.ssh('s1'), bad.tcp('t2'), bad.ping('p2'), bad.ssh('s2'), bad.http('h2')];
    const started: string[] = [];
    const results = await runSweep(checks, { concurrency: 1, onProgress: ({ last }) => started.push(checks[last.index]!.id!) });
    expect(started).toEqual(['s1', 's2', 'p1', 'p2', 'h1', 'h2', 't1', 't2']);
    expect(results.map((r) => r.id)).toEqual(checks.map((c) => c.id));
    expect(results.every((r) => r.error?.code === 'INVALID_CHECK')).toBe(true);
  });

  it('a ping of several echoes counts as long as each extra echo adds a second', () => {
    expect(expectedCost({ kind: 'ping', host: 'a', count: 3 })).toBeGreaterThan(expectedCost({ kind: 'ssh', host: 'a', port: 22, username: 'u', auth: { password: 'p' }, items: [] }));
    expect(startOrder([bad.tcp('a'), { kind: 'ping', host: 'b', count: 2 }, bad.ssh('c')])).toEqual([1, 2, 0]);
  });
});
