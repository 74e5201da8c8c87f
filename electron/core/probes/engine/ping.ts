// ICMP echo through the system `ping` (the `ping` package, run by helper processes: ping-pool.ts), and a parser of its text output for
// display and evidence (Linux iputils, English and Chinese Windows).
import os from 'node:os';
import { classifyPing } from './classify';
import type { PingStats } from './measurements';
import { probeError } from './messages';
import { probe } from './ping-pool';
import type { RunnerOutcome } from './runner';
import type { PingCheck, Thresholds } from './types';
import type { CheckScope } from './util';

/** A genuine echo reply: has a TTL value and a time (Linux, English and Chinese Windows). */
const REPLY = /(?:\btime|时间)\s*[=<]\s*([\d.]+)\s*ms.*\bttl=\d+|\bttl=\d+.*(?:\btime|时间)\s*[=<]\s*([\d.]+)\s*ms/i;
const FAILURE = /request timed out|destination (?:host|net|network) unreachable|ttl expired|general failure|transmit failed|请求超时|无法访问目标|传输中过期|一般故障|传输失败/i;

function num(re: RegExp, text: string): number | null {
  const m = re.exec(text);
  return m?.[1] !== undefined ? Number(m[1]) : null;
}

/**
 * Parses ping output. `alive` means at least one genuine echo reply: Windows'
 * "无法访问目标主机。" / "Destination host unreachable." answers are counted by Windows as
 * received, but are failures here.
 */
export function parsePingOutput(text: string): PingStats {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const times: number[] = [];
  let failures = 0;
  for (const line of lines) {
    if (/\bDUP!/.test(line)) continue;
    const r = REPLY.exec(line);
    if (r) {
      const lessThan = /(?:time|时间)\s*</i.test(line);
      const v = Number(r[1] ?? r[2]);
      times.push(lessThan ? v / 2 : v);
    } else if (FAILURE.test(line)) {
      failures++;
    }
  }
  const sent = num(/(\d+) packets transmitted/, text) ?? num(/Sent = (\d+)/i, text) ?? num(/已发送\s*=\s*(\d+)/, text)
    ?? times.length + failures;
  // Linux counts only echo replies in its "received" (it matters with `ping -q`, which prints no reply lines).
  const linuxReceived = num(/(\d+) (?:packets )?received/, text);
  const received = times.length > 0 ? times.length : linuxReceived ?? 0;
  const lossPct = sent > 0 ? Math.round(((sent - Math.min(received, sent)) / sent) * 1000) / 10 : 100;
  let avgMs = num(/(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = [\d.]+\/([\d.]+)\//, text)
    ?? num(/Average = (\d+)ms/i, text) ?? num(/平均\s*=\s*(\d+)ms/, text);
  if (avgMs === null && times.length > 0) avgMs = Math.round((times.reduce((a, b) => a + b, 0) / times.length) * 1000) / 1000;
  if (received === 0) avgMs = null;
  return { alive: received > 0, sent, received, lossPct, avgMs, failures };
}

const HOST_OK = /^[A-Za-z0-9_.:%[\]]+$/;

export async function runPing(check: PingCheck, scope: CheckScope, t: Thresholds): Promise<RunnerOutcome> {
  if (!HOST_OK.test(check.host) || check.host.startsWith('-')) {
    return { latencyMs: null, raw: '', error: probeError('INVALID_CHECK', '主机地址格式不正确') };
  }
  const count = Math.max(1, Math.min(10, Math.floor(check.count ?? 1)));
  // Whole seconds, within the budget so ping itself reports the loss (our timer is the backstop);
  // the system ping cannot wait less than one second.
  const waitSec = Math.max(1, Math.floor(scope.timeoutMs / 1000) - (count - 1));
  const win = os.platform() === 'win32';
  const config = win
    ? { timeout: waitSec, min_reply: count, numeric: true }
    : { timeout: waitSec, deadline: waitSec + count - 1, min_reply: count, numeric: true };
  let unsubscribe = (): void => undefined;
  const stopped = new Promise<null>((resolve) => {
    unsubscribe = scope.onStop(() => resolve(null));
  });
  try {
    // The child ping exits on its own within `deadline`; on cancel we stop waiting for it.
    const res = await Promise.race([probe(check.host, config), stopped]);
    if (res === null) {
      return { latencyMs: null, raw: '', error: probeError(scope.stopCode() ?? 'TIMEOUT') };
    }
    if (res instanceof Error) return { latencyMs: null, raw: '', error: probeError('PING') };
    const raw = res.output;
    const stats = parsePingOutput(raw);
    // Trust the package's `alive` (STACK.md), but a Windows "unreachable" answer is not alive.
    const alive = res.alive && (raw === '' || stats.alive);
    const rtt = res.time ?? stats.avgMs;
    const verdict = classifyPing({ alive, rttMs: alive ? rtt : null, stats: { ...stats, alive } }, t);
    const latencyMs = alive ? rtt : null;
    if (!alive) return { latencyMs, raw, metrics: verdict.metrics, error: probeError('UNREACHABLE') };
    return { latencyMs, raw, verdict };
  } catch {
    return { latencyMs: null, raw: '', error: probeError('PING') };
  } finally {
    unsubscribe();
  }
}
