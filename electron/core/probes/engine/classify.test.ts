import { describe, expect, it } from 'vitest';
import {
  classifyCustom, classifyDisk, classifyHttp, classifyLoad, classifyLog, classifyMemory, classifyPing, classifyService, classifySsh,
  classifyTcp, classifyUptime, errorLevel, firstNumber,
} from './classify';
import type { HttpMeasurement, LogMeasurement } from './measurements';
import { defaultThresholds, mergeThresholds, thresholdsFromProject } from './thresholds';
import type { ItemResult } from './types';

const t = defaultThresholds();
const mount = (m: string, usePct: number, fs = '/dev/vda1') => ({ filesystem: fs, sizeKb: 100, usedKb: usePct, availKb: 100 - usePct, usePct, mount: m });

describe('thresholds', () => {
  it('defaults are the documented ones', () => {
    expect(t.disk).toMatchObject({ warn: 80, severe: 90 });
    expect(t.cert).toMatchObject({ warnDays: 30, severeDays: 7 });
    expect(t.http.mismatchLevel).toBe('severe');
  });
  it('merge replaces only the given fields and does not touch the base', () => {
    const m = mergeThresholds(t, { disk: { warn: 70 }, latency: { warnMs: 50 } });
    expect(m.disk).toMatchObject({ warn: 70, severe: 90 });
    expect(m.disk.ignoreMounts).toEqual(t.disk.ignoreMounts);
    expect(m.latency.warnMs).toBe(50);
    expect(t.disk.warn).toBe(80);
  });
  it('reads the project record', () => {
    const p = thresholdsFromProject({ diskWarnPct: 75, memSeverePct: 97, certSevereDays: 5 });
    expect(p.disk).toMatchObject({ warn: 75, severe: 90 });
    expect(p.memory).toMatchObject({ warn: 85, severe: 97 });
    expect(p.cert).toMatchObject({ warnDays: 30, severeDays: 5 });
  });
});

describe('disk', () => {
  it('80 % warns, 90 % is severe, the summary names the mount', () => {
    expect(classifyDisk({ kind: 'disk', mounts: [mount('/', 79)] }, t).level).toBe('normal');
    expect(classifyDisk({ kind: 'disk', mounts: [mount('/', 80)] }, t).level).toBe('warning');
    const v = classifyDisk({ kind: 'disk', mounts: [mount('/boot', 30), mount('/', 91), mount('/data', 85)] }, t);
    expect(v.level).toBe('severe');
    expect(v.summary).toBe('磁盘 / 使用 91%；磁盘 /data 使用 85%');
    expect(v.metrics).toMatchObject({ maxUsePct: 91, maxMount: '/', 'usePct[/boot]': 30 });
  });
  it('pseudo filesystems and /run, /dev are not judged', () => {
    const v = classifyDisk({ kind: 'disk', mounts: [mount('/', 10), mount('/run', 99, 'tmpfs'), mount('/dev', 100, 'udev'), mount('/run/user/0', 95, 'x')] }, t);
    expect(v.level).toBe('normal');
    expect(v.metrics.mounts).toBe(1);
  });
});

describe('memory, load, uptime, service, log', () => {
  it('memory and swap', () => {
    const base = { kind: 'memory' as const, totalBytes: 100, usedBytes: 0, availableBytes: 0, swapTotalBytes: 0, swapUsedBytes: 0, swapUsePct: 0 };
    expect(classifyMemory({ ...base, usePct: 84.9 }, t).level).toBe('normal');
    expect(classifyMemory({ ...base, usePct: 85 }, t).level).toBe('warning');
    expect(classifyMemory({ ...base, usePct: 96 }, t).summary).toBe('内存使用 96%，无交换分区');
    expect(classifyMemory({ ...base, usePct: 10, swapTotalBytes: 10, swapUsePct: 90 }, t).level).toBe('severe');
  });
  it('load per CPU on the 5-minute average', () => {
    expect(classifyLoad({ kind: 'load', load1: 9, load5: 2, load15: 1, cpus: 2 }, t).level).toBe('normal');
    expect(classifyLoad({ kind: 'load', load1: 0, load5: 3, load15: 1, cpus: 2 }, t).level).toBe('warning');
    expect(classifyLoad({ kind: 'load', load1: 0, load5: 6.5, load15: 1, cpus: 2 }, t).summary).toBe('负载 0.00/6.50/1.00（2 核）');
  });
  it('uptime: a recent reboot warns only when configured', () => {
    expect(classifyUptime({ kind: 'uptime', seconds: 60 }, t).level).toBe('normal');
    const tt = mergeThresholds(t, { uptime: { warnBelowSec: 3600 } });
    expect(classifyUptime({ kind: 'uptime', seconds: 60 }, tt)).toMatchObject({ level: 'warning', summary: '近期重启，已运行 1 分钟' });
    expect(classifyUptime({ kind: 'uptime', seconds: 3 * 86400 + 4 * 3600 }, tt).summary).toBe('已运行 3 天 4 小时');
  });
  it('service: systemd active or a process counts as running', () => {
    expect(classifyService({ kind: 'service', name: 'nginx', systemctl: 'active', processFound: false }, t).level).toBe('normal');
    expect(classifyService({ kind: 'service', name: 'nginx', systemctl: null, processFound: true }, t).level).toBe('normal');
    expect(classifyService({ kind: 'service', name: 'nginx', systemctl: 'failed', processFound: false }, t))
      .toMatchObject({ level: 'severe', summary: '服务 nginx 未运行（failed）' });
  });
  it('log: new matches warn; a missing file warns', () => {
    const m: LogMeasurement = { kind: 'log', path: '/var/log/app.log', exists: true, fileSize: 10, fromOffset: 0, newOffset: 10, scannedBytes: 10, rotated: false, matches: 0, lines: [], more: false };
    expect(classifyLog(m, t).level).toBe('normal');
    expect(classifyLog({ ...m, matches: 2 }, t)).toMatchObject({ level: 'warning', summary: '日志 /var/log/app.log 新增 2 条匹配' });
    expect(classifyLog({ ...m, matches: 50 }, mergeThresholds(t, { log: { severe: 10 } })).level).toBe('severe');
    expect(classifyLog({ ...m, exists: false }, t).level).toBe('warning');
  });
});

describe('custom parsers', () => {
  const item = (parser: Parameters<typeof classifyCustom>[0]['parser']) => ({ kind: 'custom' as const, command: 'x', parser, label: '连接数' });
  it('number: strictly above the limits', () => {
    const p = item({ kind: 'number', warnAbove: 100, severeAbove: 200 });
    expect(classifyCustom(p, { kind: 'custom', exitCode: 0, output: '100\n' }, 0).level).toBe('normal');
    expect(classifyCustom(p, { kind: 'custom', exitCode: 0, output: 'conns: 150.5\n' }, 0)).toMatchObject({ level: 'warning', summary: '连接数 = 150.5' });
    expect(classifyCustom(p, { kind: 'custom', exitCode: 0, output: '201' }, 0).level).toBe('severe');
    expect(classifyCustom(p, { kind: 'custom', exitCode: 0, output: 'n/a' }, 0).level).toBe('warning');
  });
  it('regex both ways, exit code', () => {
    const out = { kind: 'custom' as const, exitCode: 0, output: 'status: ERROR in module\n' };
    expect(classifyCustom(item({ kind: 'regex', pattern: '^status: ERROR', severeIfMatch: true }), out, 0).level).toBe('severe');
    expect(classifyCustom(item({ kind: 'regex', pattern: '^status: OK', severeIfMatch: false }), out, 0).level).toBe('severe');
    expect(classifyCustom(item({ kind: 'regex', pattern: 'module$', severeIfMatch: false }), out, 0).level).toBe('normal');
    expect(classifyCustom(item({ kind: 'exitCode' }), { ...out, exitCode: 3 }, 0)).toMatchObject({ level: 'severe', summary: '连接数 退出码 3' });
    expect(classifyCustom(item({ kind: 'exitCode' }), out, 0).level).toBe('normal');
  });
  it('firstNumber', () => {
    expect(firstNumber('load -1.5e2 x')).toBe(-150);
    expect(firstNumber('none')).toBeNull();
  });
});

describe('ping, tcp, http', () => {
  const stats = { alive: true, sent: 1, received: 1, lossPct: 0, avgMs: 1, failures: 0 };
  it('ping latency and loss', () => {
    expect(classifyPing({ alive: true, rttMs: 1, stats }, t)).toMatchObject({ level: 'normal', summary: '可达，延迟 1.0 ms' });
    expect(classifyPing({ alive: true, rttMs: 250, stats }, t).level).toBe('warning');
    expect(classifyPing({ alive: true, rttMs: 1, stats: { ...stats, sent: 4, received: 3, lossPct: 25 } }, t).summary).toBe('可达，延迟 1.0 ms，丢包 25%');
    expect(classifyPing({ alive: false, rttMs: null, stats: { ...stats, alive: false, received: 0, lossPct: 100 } }, t).level).toBe('severe');
  });
  it('tcp', () => {
    expect(classifyTcp({ port: 22, connectMs: 0.4 }, t)).toMatchObject({ level: 'normal', summary: '端口 22 可连接（<1 ms）' });
    expect(classifyTcp({ port: 22, connectMs: 900 }, mergeThresholds(t, { latency: { severeMs: 800 } })).level).toBe('severe');
  });
  const ok: HttpMeasurement = { status: 200, ttfbMs: 5, totalMs: 8, bodyBytes: 10, bodyTruncated: false, keywordFound: null, tls: null };
  const tls = { daysLeft: 100, validTo: '2030-01-01T00:00:00.000Z', trusted: true, authorizationError: null, subject: 'CN=a', issuer: 'CN=b' };
  it('http status, keyword, slowness', () => {
    expect(classifyHttp(ok, {}, t)).toMatchObject({ level: 'normal', summary: 'HTTP 200（8.0 ms）' });
    expect(classifyHttp({ ...ok, status: 302 }, {}, t).level).toBe('normal');
    expect(classifyHttp({ ...ok, status: 500 }, {}, t)).toMatchObject({ level: 'severe', summary: 'HTTP 状态 500，期望 2xx/3xx' });
    expect(classifyHttp({ ...ok, status: 302 }, { expectStatus: 200 }, t).level).toBe('severe');
    expect(classifyHttp({ ...ok, keywordFound: false }, { keyword: '正常' }, t)).toMatchObject({ level: 'severe', summary: '页面未包含关键字「正常」' });
    expect(classifyHttp({ ...ok, totalMs: 3500 }, {}, t).level).toBe('warning');
  });
  it('certificate: < 30 days warns, < 7 severe, expired, untrusted', () => {
    expect(classifyHttp({ ...ok, tls: { ...tls, daysLeft: 30 } }, {}, t).level).toBe('normal');
    expect(classifyHttp({ ...ok, tls: { ...tls, daysLeft: 29 } }, {}, t)).toMatchObject({ level: 'warning', summary: '证书剩余 29 天' });
    expect(classifyHttp({ ...ok, tls: { ...tls, daysLeft: 7 } }, {}, t).level).toBe('warning');
    expect(classifyHttp({ ...ok, tls: { ...tls, daysLeft: 6 } }, {}, t).level).toBe('severe');
    expect(classifyHttp({ ...ok, tls: { ...tls, daysLeft: -2 } }, {}, t).summary).toBe('证书已过期 2 天');
    const untrusted = classifyHttp({ ...ok, tls: { ...tls, trusted: false } }, {}, t);
    expect(untrusted).toMatchObject({ level: 'warning', summary: '证书不受信任' });
    expect(untrusted.metrics.certTrusted).toBe(false);
    expect(classifyHttp({ ...ok, tls: { ...tls, trusted: false } }, {}, mergeThresholds(t, { cert: { untrustedLevel: 'normal' } })).level).toBe('normal');
  });
});

describe('ssh roll-up and errors', () => {
  const item = (key: string, level: ItemResult['level'], summary: string): ItemResult => ({ kind: 'disk', key, level, ok: true, summary, metrics: { x: 1 } });
  it('worst item wins, abnormal ones are summarised, metrics are prefixed', () => {
    const v = classifySsh(12, [item('disk', 'severe', '磁盘 / 使用 91%'), item('memory', 'normal', '内存使用 10%'), item('load', 'warning', '负载高')]);
    expect(v.level).toBe('severe');
    expect(v.summary).toBe('磁盘 / 使用 91%；负载高');
    expect(v.metrics).toMatchObject({ 'disk.x': 1, 'disk.level': 'severe', connectMs: 12 });
    expect(classifySsh(12, [item('disk', 'normal', 'a')]).summary).toBe('SSH 巡检 1 项正常');
  });
  it('unreachable is severe, cancelled and truncated only warn', () => {
    expect(errorLevel('UNREACHABLE')).toBe('severe');
    expect(errorLevel('HOST_KEY_CHANGED')).toBe('severe');
    expect(errorLevel('TIMEOUT')).toBe('severe');
    expect(errorLevel('CANCELLED')).toBe('warning');
    expect(errorLevel('TRUNCATED')).toBe('warning');
  });
});
