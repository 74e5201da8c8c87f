// Pure judgement: measurement + thresholds → level, zh-CN summary, metrics. No I/O, no clock.
import { worst } from '../../../../shared/levels';
import type {
  CustomMeasurement, DiskMeasurement, HttpMeasurement, LoadMeasurement, LogMeasurement, MemoryMeasurement,
  PingMeasurement, ServiceMeasurement, SshItemMeasurement, TcpMeasurement, UptimeMeasurement,
} from './measurements';
import { fmtDuration, fmtMs } from './messages';
import type { HttpCheck, ItemResult, LevelPair, Metrics, ProbeErrorCode, ResultLevel, SshItem, Thresholds } from './types';

export interface Verdict {
  level: ResultLevel;
  summary: string;
  metrics: Metrics;
}

function byPair(value: number, p: LevelPair): ResultLevel {
  return value >= p.severe ? 'severe' : value >= p.warn ? 'warning' : 'normal';
}

export function latencyLevel(ms: number, t: Thresholds): ResultLevel {
  if (t.latency.severeMs !== null && ms >= t.latency.severeMs) return 'severe';
  return ms >= t.latency.warnMs ? 'warning' : 'normal';
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Level of a check (or item) that could not measure: cancelled (not verified) and output cut at
 * the cap are 警告, anything else (unreachable, timeout, auth, host key…) 严重.
 */
export function errorLevel(code: ProbeErrorCode): ResultLevel {
  return code === 'CANCELLED' || code === 'TRUNCATED' ? 'warning' : 'severe';
}

export function classifyPing(m: PingMeasurement, t: Thresholds): Verdict {
  const metrics: Metrics = { alive: m.alive, sent: m.stats.sent, received: m.stats.received, lossPct: m.stats.lossPct };
  if (m.rttMs !== null) metrics.rttMs = Math.round(m.rttMs * 1000) / 1000;
  if (m.stats.avgMs !== null) metrics.avgMs = m.stats.avgMs;
  if (!m.alive) return { level: 'severe', summary: '不可达', metrics };
  const rtt = m.rttMs ?? m.stats.avgMs ?? 0;
  const loss = m.stats.lossPct > 0 ? 'warning' : 'normal';
  const level = worst([latencyLevel(rtt, t), loss]);
  const summary = `可达，延迟 ${fmtMs(rtt)}${m.stats.lossPct > 0 ? `，丢包 ${m.stats.lossPct}%` : ''}`;
  return { level, summary, metrics };
}

export function classifyTcp(m: TcpMeasurement, t: Thresholds): Verdict {
  return {
    level: latencyLevel(m.connectMs, t),
    summary: `端口 ${m.port} 可连接（${fmtMs(m.connectMs)}）`,
    metrics: { connected: true, port: m.port, connectMs: round1(m.connectMs) },
  };
}

export function classifyHttp(m: HttpMeasurement, check: Pick<HttpCheck, 'expectStatus' | 'keyword'>, t: Thresholds): Verdict {
  const metrics: Metrics = {
    status: m.status, ttfbMs: round1(m.ttfbMs), totalMs: round1(m.totalMs), bodyBytes: m.bodyBytes, bodyTruncated: m.bodyTruncated,
  };
  const slow: ResultLevel = t.http.slowSevereMs !== null && m.totalMs >= t.http.slowSevereMs ? 'severe'
    : m.totalMs >= t.http.slowWarnMs ? 'warning' : 'normal';
  const levels: ResultLevel[] = [slow];
  const problems: string[] = [];
  const statusOk = check.expectStatus !== undefined ? m.status === check.expectStatus : m.status >= 200 && m.status < 400;
  metrics.statusOk = statusOk;
  if (!statusOk) {
    levels.push(t.http.mismatchLevel);
    problems.push(`HTTP 状态 ${m.status}，期望 ${check.expectStatus ?? '2xx/3xx'}`);
  }
  if (m.keywordFound !== null) {
    metrics.keywordFound = m.keywordFound;
    if (!m.keywordFound) {
      levels.push(t.http.mismatchLevel);
      problems.push(`页面未包含关键字「${check.keyword ?? ''}」`);
    }
  }
  let certText = '';
  if (m.tls) {
    const d = m.tls.daysLeft;
    Object.assign(metrics, { certDaysLeft: d, certValidTo: m.tls.validTo, certTrusted: m.tls.trusted });
    if (m.tls.authorizationError) metrics.certError = m.tls.authorizationError;
    const certLevel: ResultLevel = d < t.cert.severeDays ? 'severe' : d < t.cert.warnDays ? 'warning' : 'normal';
    certText = d < 0 ? `证书已过期 ${-d} 天` : `证书剩余 ${d} 天`;
    levels.push(certLevel);
    if (certLevel !== 'normal') problems.push(certText);
    if (!m.tls.trusted) {
      levels.push(t.cert.untrustedLevel);
      if (t.cert.untrustedLevel !== 'normal') problems.push('证书不受信任');
    }
  }
  const level = worst(levels);
  if (slow !== 'normal') problems.push(`响应慢（${fmtMs(m.totalMs)}）`);
  const summary = problems.length > 0
    ? problems.join('；')
    : `HTTP ${m.status}（${fmtMs(m.totalMs)}）${certText ? `，${certText}` : ''}`;
  return { level, summary, metrics };
}

function mountIgnored(mount: string, fs: string, t: Thresholds): boolean {
  if (t.disk.ignoreFilesystems.includes(fs)) return true;
  return t.disk.ignoreMounts.some((src) => new RegExp(`^(?:${src})$`).test(mount));
}

export function classifyDisk(m: DiskMeasurement, t: Thresholds): Verdict {
  const judged = m.mounts.filter((x) => !mountIgnored(x.mount, x.filesystem, t));
  const metrics: Metrics = { mounts: judged.length };
  if (judged.length === 0) return { level: 'warning', summary: '未发现可判断的磁盘挂载点', metrics };
  const sorted = [...judged].sort((a, b) => b.usePct - a.usePct);
  for (const x of judged) metrics[`usePct[${x.mount}]`] = x.usePct;
  const top = sorted[0]!;
  metrics.maxUsePct = top.usePct;
  metrics.maxMount = top.mount;
  const bad = sorted.filter((x) => byPair(x.usePct, t.disk) !== 'normal');
  const level = byPair(top.usePct, t.disk);
  const shown = bad.length > 0 ? bad.slice(0, 3) : [top];
  const summary = shown.map((x) => `磁盘 ${x.mount} 使用 ${x.usePct}%`).join('；') + (bad.length > 3 ? ` 等 ${bad.length} 处` : '');
  return { level, summary, metrics };
}

export function classifyMemory(m: MemoryMeasurement, t: Thresholds): Verdict {
  const hasSwap = m.swapTotalBytes > 0;
  const level = worst([byPair(m.usePct, t.memory), hasSwap ? byPair(m.swapUsePct, t.swap) : 'normal']);
  return {
    level,
    summary: `内存使用 ${m.usePct}%${hasSwap ? `，交换分区使用 ${m.swapUsePct}%` : '，无交换分区'}`,
    metrics: {
      usePct: m.usePct, swapUsePct: m.swapUsePct, totalBytes: m.totalBytes, availableBytes: m.availableBytes,
      swapTotalBytes: m.swapTotalBytes,
    },
  };
}

export function classifyLoad(m: LoadMeasurement, t: Thresholds): Verdict {
  const perCpu = m.cpus > 0 ? m.load5 / m.cpus : m.load5;
  return {
    level: byPair(perCpu, t.loadPerCpu),
    summary: `负载 ${m.load1.toFixed(2)}/${m.load5.toFixed(2)}/${m.load15.toFixed(2)}（${m.cpus} 核）`,
    metrics: { load1: m.load1, load5: m.load5, load15: m.load15, cpus: m.cpus, perCpu: Math.round(perCpu * 100) / 100 },
  };
}

export function classifyUptime(m: UptimeMeasurement, t: Thresholds): Verdict {
  const recent = t.uptime.warnBelowSec !== null && m.seconds < t.uptime.warnBelowSec;
  return {
    level: recent ? 'warning' : 'normal',
    summary: `${recent ? '近期重启，' : ''}已运行 ${fmtDuration(m.seconds)}`,
    metrics: { seconds: Math.floor(m.seconds) },
  };
}

export function classifyService(m: ServiceMeasurement, t: Thresholds): Verdict {
  const running = m.systemctl === 'active' || m.processFound;
  const state = m.systemctl && m.systemctl !== 'active' ? `（${m.systemctl}）` : '';
  return {
    level: running ? 'normal' : t.serviceDownLevel,
    summary: running ? `服务 ${m.name} 运行中` : `服务 ${m.name} 未运行${state}`,
    metrics: { running, systemctl: m.systemctl ?? '', process: m.processFound },
  };
}

export function classifyLog(m: LogMeasurement, t: Thresholds): Verdict {
  const metrics: Metrics = {
    exists: m.exists, matches: m.matches, fromOffset: m.fromOffset, newOffset: m.newOffset, fileSize: m.fileSize,
    scannedBytes: m.scannedBytes, rotated: m.rotated, more: m.more,
  };
  if (!m.exists) return { level: 'warning', summary: `日志 ${m.path} 不存在或不可读`, metrics };
  const level: ResultLevel = t.log.severe !== null && m.matches >= t.log.severe ? 'severe' : m.matches >= t.log.warn ? 'warning' : 'normal';
  const summary = m.matches > 0 ? `日志 ${m.path} 新增 ${m.matches} 条匹配` : `日志 ${m.path} 无新增匹配`;
  return { level, summary, metrics };
}

/** The first decimal number in the output (e.g. "  42.5\n" → 42.5), null if none. */
export function firstNumber(output: string): number | null {
  const m = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(output);
  return m ? Number(m[0]) : null;
}

export function classifyCustom(item: Extract<SshItem, { kind: 'custom' }>, m: CustomMeasurement, index: number): Verdict {
  const label = item.label ?? `自定义命令 ${index + 1}`;
  const p = item.parser;
  const metrics: Metrics = { exitCode: m.exitCode };
  if (p.kind === 'exitCode') {
    return { level: m.exitCode === 0 ? 'normal' : 'severe', summary: `${label} 退出码 ${m.exitCode}`, metrics };
  }
  if (p.kind === 'regex') {
    const matched = new RegExp(p.pattern, 'm').test(m.output);
    metrics.matched = matched;
    const bad = p.severeIfMatch ? matched : !matched;
    return { level: bad ? 'severe' : 'normal', summary: `${label} ${matched ? '匹配' : '未匹配'}「${p.pattern}」`, metrics };
  }
  const v = firstNumber(m.output);
  if (v === null) return { level: 'warning', summary: `${label} 输出中没有数值`, metrics };
  metrics.value = v;
  const level: ResultLevel = p.severeAbove !== undefined && v > p.severeAbove ? 'severe'
    : p.warnAbove !== undefined && v > p.warnAbove ? 'warning' : 'normal';
  return { level, summary: `${label} = ${v}`, metrics };
}

export function classifySshItem(item: SshItem, m: SshItemMeasurement, t: Thresholds, index: number): Verdict {
  switch (m.kind) {
    case 'disk': return classifyDisk(m, t);
    case 'memory': return classifyMemory(m, t);
    case 'load': return classifyLoad(m, t);
    case 'uptime': return classifyUptime(m, t);
    case 'service': return classifyService(m, t);
    case 'log': return classifyLog(m, t);
    case 'custom':
      if (item.kind !== 'custom') throw new Error('custom measurement for a non-custom item');
      return classifyCustom(item, m, index);
  }
}

/**
 * The whole SSH check: the worst item; abnormal items in the summary. The connect time (handshake
 * crypto + auth) is reported, not judged.
 */
export function classifySsh(connectMs: number, items: ItemResult[], omitErrorCode?: ProbeErrorCode): Verdict {
  const metrics: Metrics = { connectMs: round1(connectMs) };
  for (const it of items) {
    metrics[`${it.key}.level`] = it.level;
    for (const [k, v] of Object.entries(it.metrics)) metrics[`${it.key}.${k}`] = v;
  }
  const level = worst(items.map((i) => i.level));
  // Items that failed for the check's own error (timeout, cut output) are told once, by the check.
  const bad = items.filter((i) => i.level !== 'normal' && (omitErrorCode === undefined || i.error?.code !== omitErrorCode));
  const head = bad.slice(0, 3).map((i) => i.summary).join('；');
  const summary = bad.length === 0
    ? (level === 'normal' ? `SSH 巡检 ${items.length} 项正常` : '')
    : `${head}${bad.length > 3 ? ` 等 ${bad.length} 项异常` : ''}`;
  return { level, summary, metrics };
}
