import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItems } from './ssh';
import { parseDfP, parseFreeB, parseLoad, parseUptime } from './ssh-parse';
import { buildScript, splitSections } from './ssh-script';
import { defaultThresholds } from './thresholds';
import { probeError } from './messages';
import type { SshItem } from './types';

const execFileP = promisify(execFile);

/** Runs the generated command with the local shell, as sshd would with a login shell. */
async function runLocally(items: SshItem[]): Promise<{ out: string; nonce: string }> {
  const s = buildScript(items);
  const { stdout } = await execFileP('/bin/bash', ['-c', s.command], { maxBuffer: 16 * 1024 * 1024 });
  return { out: stdout, nonce: s.nonce };
}

let dir = '';
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'owb-script-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the one-exec script', () => {
  it('frames every item, runs under LC_ALL=C, keeps exit codes, survives exit and quotes', async () => {
    const items: SshItem[] = [
      { kind: 'custom', command: 'echo "$LC_ALL/$LANG"', parser: { kind: 'exitCode' } },
      { kind: 'custom', command: "echo 'it''s'; exit 3", parser: { kind: 'exitCode' } },
      { kind: 'custom', command: 'printf "no newline"', parser: { kind: 'exitCode' } },
      { kind: 'custom', command: 'echo err >&2 # trailing comment', parser: { kind: 'exitCode' } },
      { kind: 'uptime' },
    ];
    const { out, nonce } = await runLocally(items);
    const s = splitSections(out, nonce, items.length);
    expect(s.map((x) => [x.complete, x.exitCode, x.output])).toEqual([
      [true, 0, 'C/C\n'],
      [true, 3, 'its\n'],
      [true, 0, 'no newline'],
      [true, 0, 'err\n'],
      [true, 0, expect.stringMatching(/^\d+\.\d+ \d+\.\d+\n$/)],
    ]);
  });

  it('real df -P / free -b / loadavg of this machine parse', async () => {
    const { out, nonce } = await runLocally([{ kind: 'disk' }, { kind: 'memory' }, { kind: 'load' }, { kind: 'uptime' }]);
    const [disk, mem, load, up] = splitSections(out, nonce, 4);
    const mounts = parseDfP(disk!.output);
    expect(mounts.find((m) => m.mount === '/')).toMatchObject({ usePct: expect.any(Number) });
    const m = parseFreeB(mem!.output)!;
    expect(m.totalBytes).toBe(os.totalmem());
    expect(m.usePct).toBeGreaterThan(0);
    expect(m.usePct).toBeLessThan(100);
    expect(parseLoad(load!.output)!.cpus).toBe(os.cpus().length);
    expect(Math.abs(parseUptime(up!.output)! - os.uptime())).toBeLessThan(5);
  });

  it('log: new matches since the offset, offsets advance, rotation restarts at 0, lines bounded', async () => {
    const log = path.join(dir, "app's.log");
    await fs.writeFile(log, 'INFO start\nERROR disk failed\nINFO ok\nerror: lower\n');
    const first: SshItem = { kind: 'log', path: log, pattern: 'ERROR|FATAL', fromOffset: 0 };
    let r = await runLocally([first]);
    let [it1] = buildItems([first], splitSections(r.out, r.nonce, 1), probeError('EXEC'), defaultThresholds());
    expect(it1).toMatchObject({ level: 'warning', lines: ['ERROR disk failed'], metrics: { matches: 1, newOffset: 50, rotated: false } });

    await fs.appendFile(log, 'FATAL out of memory\nINFO fine\n');
    const second: SshItem = { ...first, fromOffset: 50, ignoreCase: true };
    r = await runLocally([second]);
    [it1] = buildItems([second], splitSections(r.out, r.nonce, 1), probeError('EXEC'), defaultThresholds());
    expect(it1).toMatchObject({ lines: ['FATAL out of memory'], metrics: { matches: 1, fromOffset: 50, newOffset: 80 } });

    await fs.writeFile(log, 'ERROR after rotation\n');
    const third: SshItem = { ...first, fromOffset: 80 };
    r = await runLocally([third]);
    [it1] = buildItems([third], splitSections(r.out, r.nonce, 1), probeError('EXEC'), defaultThresholds());
    expect(it1).toMatchObject({ lines: ['ERROR after rotation'], metrics: { rotated: true, fromOffset: 0, newOffset: 21 } });

    await fs.writeFile(log, 'ERROR x\n'.repeat(1000));
    r = await runLocally([first]);
    [it1] = buildItems([first], splitSections(r.out, r.nonce, 1), probeError('EXEC'), defaultThresholds());
    expect(it1!.metrics.matches).toBe(1000);
    expect(it1!.lines).toHaveLength(200);

    const missing: SshItem = { ...first, path: path.join(dir, 'none.log') };
    r = await runLocally([missing]);
    [it1] = buildItems([missing], splitSections(r.out, r.nonce, 1), probeError('EXEC'), defaultThresholds());
    expect(it1).toMatchObject({ level: 'warning', metrics: { exists: false } });
  });

  it('a cut output leaves the unfinished item incomplete and the rest missing', () => {
    const nonce = 'abc';
    const out = `@@OWB:abc:0:B\nhello\n\n@@OWB:abc:0:E 0\n@@OWB:abc:1:B\npartial`;
    const s = splitSections(out, nonce, 3);
    expect(s).toEqual([
      { index: 0, complete: true, exitCode: 0, output: 'hello\n' },
      { index: 1, complete: false, exitCode: null, output: 'partial' },
    ]);
    const items = buildItems(
      [{ kind: 'uptime' }, { kind: 'disk' }, { kind: 'memory' }], s, probeError('TRUNCATED'), defaultThresholds(),
    );
    expect(items.map((i) => [i.key, i.ok, i.error?.code])).toEqual([
      ['uptime', false, 'PARSE'],
      ['disk', false, 'TRUNCATED'],
      ['memory', false, 'TRUNCATED'],
    ]);
  });
});
