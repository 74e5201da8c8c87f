/**
 * `owb probe` as a user runs it: a real database file, a real OpenSSH server and HTTP server on
 * loopback, a port nothing listens on. The command runs as its own process (bin/owb.mjs).
 * Never any address but 127.0.0.0/8.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, KEYWORD, type HttpFixture } from '../../../tests/support/http';
import { freePort, waitFor } from '../../../tests/support/proc';
import { startSshd, type SshdFixture } from '../../../tests/support/sshd';
import { owb } from '../packs/testkit';
import type { Input } from '../../../shared/contract';
import { makeCore, type TestCore } from '../test-utils';

let t: TestCore;
let sshd: SshdFixture;
let web: HttpFixture;
let closedPort: number;

/**
 * Checks in the order a user expects them listed: asset by asset, each asset's checks in order.
 * A healthy check may read 警告 on a loaded machine (latency over 200 ms), never 严重; the SSH
 * items leave out the load average, which is the shared machine's, not the check's.
 */
const HEALTHY = /^(正常|警告)$/;
const EXPECTED: Array<[asset: string, check: string, level: RegExp]> = [
  ['测试-本机OpenSSH', 'ping', HEALTHY],
  ['测试-本机OpenSSH', 'SSH 端口', HEALTHY],
  ['测试-本机OpenSSH', 'SSH 巡检', HEALTHY],
  ['测试-门户网站', '首页', HEALTHY],
  ['测试-门户网站', '接口', /^严重$/],
  ['测试-停机主机', '数据库端口', /^严重$/],
];

beforeAll(async () => {
  [sshd, web, closedPort] = await Promise.all([startSshd(), startHttpServer(), freePort()]);
  t = makeCore({ start: new Date().toISOString() });
  const save = async (name: string, ip: string, sort: number, credentialId: string | null = null) =>
    (await t.call('assets/save', { name, nodeGroup: '测试', ip, os: 'Debian 12', systemShort: 'T', model: '', purpose: '测试', location: '本机', category: '应用服务器', contentCategory: '应用', owner: '', note: '', sort, credentialId })) as { id: string };
  const cred = (await t.call('assets/credential-save', { label: 'sshd 密钥', kind: 'private_key', username: sshd.username, secret: sshd.privateKey })) as { id: string };
  // Saved out of display order on purpose: the sort field decides.
  const down = await save('测试-停机主机', '127.0.0.3', 903);
  const ssh = await save('测试-本机OpenSSH', '127.0.0.1', 901, cred.id);
  const site = await save('测试-门户网站', '127.0.0.2', 902);
  const add = (assetId: string, label: string, config: Input<'probes/check-save'>['config']) => t.call('probes/check-save', { assetId, label, config });
  await add(down.id, '数据库端口', { kind: 'tcp', port: closedPort });
  await add(ssh.id, 'ping', { kind: 'ping' });
  await add(ssh.id, 'SSH 端口', { kind: 'tcp', port: sshd.port });
  await add(ssh.id, 'SSH 巡检', { kind: 'ssh', port: sshd.port, items: [{ kind: 'disk' }, { kind: 'memory' }, { kind: 'uptime' }] });
  await add(site.id, '首页', { kind: 'http', url: web.url('/'), keyword: KEYWORD });
  await add(site.id, '接口', { kind: 'http', url: web.url('/status/500') });
  t.close(); // the CLI opens the file itself
}, 120_000);

afterAll(async () => {
  await Promise.all([sshd?.stop(), web?.close()]);
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

function db(): Database.Database {
  return new Database(t.dbPath, { readonly: true });
}

/** The table's data rows (after the header and the rule), as [asset, check, level]. */
function tableRows(stdout: string): string[][] {
  const lines = stdout.split('\n').filter((l) => l.trim());
  const rule = lines.findIndex((l) => /^-+(\s+-+)+\s*$/.test(l));
  return lines.slice(rule + 1).map((l) => l.trim().split(/\s{2,}/));
}

describe('owb probe', { timeout: 180_000 }, () => {
  it('runs every check, prints the table asset by asset, stores the results, exits 0 with failing hosts', async () => {
    const r = await owb(['probe', '--db', t.dbPath]);
    expect(r.code, r.stderr).toBe(0);
    const rows = tableRows(r.stdout);
    expect(rows.map((x) => [x[0], x[1]]), r.stdout).toEqual(EXPECTED.map(([a, c]) => [a, c]));
    rows.forEach((x, i) => expect(x[3], r.stdout).toMatch(EXPECTED[i]![2]));
    expect(r.stderr).toMatch(/完成：6\/6 项，正常 \d，警告 \d，严重 2/);
    expect(r.stderr).toContain('结果已保存');
    // The private key never reaches the output.
    const keyBody = sshd.privateKey.split('\n')[1]!;
    expect(r.stdout + r.stderr).not.toContain(keyBody);

    const d = db();
    try {
      const sweeps = d.prepare('SELECT trigger, status, total, done, normal + warning AS fine, severe FROM probe_sweeps').all();
      expect(sweeps).toEqual([{ trigger: 'cli', status: 'done', total: 6, done: 6, fine: 4, severe: 2 }]);
      const stored = d.prepare('SELECT level, raw FROM probe_results').all() as Array<{ level: string; raw: string | null }>;
      expect(stored).toHaveLength(6);
      expect(stored.map((x) => x.raw ?? '').join('\n')).not.toContain(keyBody);
      // The host key was pinned on first use.
      expect((d.prepare('SELECT COUNT(*) AS n FROM host_keys').get() as { n: number }).n).toBe(1);
    } finally {
      d.close();
    }
  });

  it('--asset limits the sweep to one asset (by name or IP); --json prints the stored results', async () => {
    const [byName, byIp] = await Promise.all([
      owb(['probe', '--db', t.dbPath, '--asset', '测试-门户网站', '--json']),
      owb(['probe', '--db', t.dbPath, '--asset', '127.0.0.3']),
    ]);
    expect(byName.code, byName.stderr).toBe(0);
    const out = JSON.parse(byName.stdout) as { total: number; status: string; results: Array<{ assetName: string; checkLabel: string; level: string; id: string }> };
    expect(out.status).toBe('done');
    expect(out.results.map((x) => [x.assetName, x.checkLabel])).toEqual([
      ['测试-门户网站', '首页'],
      ['测试-门户网站', '接口'],
    ]);
    expect(out.results[0]!.level).not.toBe('severe');
    expect(out.results[1]!.level).toBe('severe');
    expect(byIp.code, byIp.stderr).toBe(0);
    expect(tableRows(byIp.stdout).map((x) => x[0])).toEqual(['测试-停机主机']);
    const d = db();
    try {
      const ids = out.results.map((x) => x.id);
      const stored = d.prepare(`SELECT COUNT(*) AS n FROM probe_results WHERE id IN (${ids.map(() => '?').join(',')})`).get(...ids) as { n: number };
      expect(stored.n).toBe(2);
    } finally {
      d.close();
    }
  });

  it('non-zero only for its own errors: an unknown asset (2), a file that is not a database (1)', async () => {
    const bogus = path.join(t.dir, 'not-a-db.sqlite');
    fs.writeFileSync(bogus, 'this is not an SQLite database, just text '.repeat(200));
    const [unknown, broken] = await Promise.all([owb(['probe', '--db', t.dbPath, '--asset', '没有这台']), owb(['probe', '--db', bogus])]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未找到资产“没有这台”');
    expect(unknown.stderr).toContain('测试-门户网站');
    expect(broken.code, broken.stderr).not.toBe(0);
    expect(broken.stdout).not.toContain('完成');
  });

  it('Ctrl-C cancels the sweep: the command ends quickly, exit 0, the sweep is stored as cancelled', async () => {
    const t2 = makeCore({ start: new Date().toISOString() });
    try {
      const a = (await t2.call('assets/save', { name: '测试-慢站点', nodeGroup: '测试', ip: '127.0.0.2', os: 'Debian 12', systemShort: 'T', model: '', purpose: '测试', location: '本机', category: '应用服务器', contentCategory: '应用', owner: '', note: '', sort: 1, credentialId: null })) as { id: string };
      await t2.call('probes/check-save', { assetId: a.id, label: '快', config: { kind: 'http', url: web.url('/') } });
      await t2.call('probes/check-save', { assetId: a.id, label: '慢', config: { kind: 'http', url: web.url('/slow/8000'), timeoutMs: 9000 } });
    } finally {
      t2.close();
    }
    const child = spawn(process.execPath, ['bin/owb.mjs', 'probe', '--db', t2.dbPath], { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    try {
      // The fast check has ended: the slow one is in flight.
      await waitFor(() => stderr.includes('1/2'), 60_000, 'the first result');
      const at = Date.now();
      child.kill('SIGINT');
      const code = await exited;
      expect(code, stderr).toBe(0);
      expect(Date.now() - at).toBeLessThan(5000);
      expect(stderr).toContain('已取消：1/2 项');
      const d = new Database(t2.dbPath, { readonly: true });
      try {
        expect(d.prepare('SELECT status, done FROM probe_sweeps').all()).toEqual([{ status: 'cancelled', done: 1 }]);
        expect((d.prepare('SELECT COUNT(*) AS n FROM probe_results').get() as { n: number }).n).toBe(1);
      } finally {
        d.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fs.rmSync(t2.dir, { recursive: true, force: true });
    }
  });
});
