// Parsers of the remote commands' C-locale output into measurements.
import type {
  DiskMeasurement, DiskMount, LoadMeasurement, LogMeasurement, MemoryMeasurement, ServiceMeasurement, SshItemMeasurement,
  UptimeMeasurement,
} from './measurements';
import { probeError } from './messages';
import type { Section } from './ssh-script';
import type { ProbeError, SshItem } from './types';

const pct1 = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** `df -P`: "Filesystem 1024-blocks Used Available Capacity Mounted on". Rows with "-" capacity are skipped. */
export function parseDfP(text: string): DiskMount[] {
  const out: DiskMount[] = [];
  for (const line of text.split('\n')) {
    const m = /^(.*?\S)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(\/.*?)\s*$/.exec(line);
    if (!m) continue;
    out.push({
      filesystem: m[1]!, sizeKb: Number(m[2]), usedKb: Number(m[3]), availKb: Number(m[4]), usePct: Number(m[5]), mount: m[6]!,
    });
  }
  return out;
}

/** `free -b` (procps ≥ 3.3.10 has "available"; older ones: free + buffers + cached). */
export function parseFreeB(text: string): Omit<MemoryMeasurement, 'kind'> | null {
  const lines = text.split('\n');
  const header = lines.find((l) => /\btotal\b/.test(l))?.trim().split(/\s+/) ?? [];
  const row = (name: string): number[] | null => {
    const l = lines.find((x) => x.trimStart().startsWith(`${name}:`));
    if (!l) return null;
    return l.trim().split(/\s+/).slice(1).map(Number);
  };
  const mem = row('Mem');
  if (!mem || mem.length < 3 || mem.some((n) => !Number.isFinite(n))) return null;
  const col = (name: string): number | undefined => {
    const i = header.indexOf(name);
    return i >= 0 ? mem[i] : undefined;
  };
  const total = col('total') ?? mem[0]!;
  const free = col('free') ?? mem[2]!;
  const available = col('available') ?? free + (col('buffers') ?? 0) + (col('cached') ?? col('buff/cache') ?? 0);
  const swap = row('Swap') ?? [0, 0, 0];
  const swapTotal = swap[0] ?? 0;
  const swapUsed = swap[1] ?? 0;
  return {
    totalBytes: total,
    usedBytes: total - available,
    availableBytes: available,
    swapTotalBytes: swapTotal,
    swapUsedBytes: swapUsed,
    usePct: pct1(total - available, total),
    swapUsePct: pct1(swapUsed, swapTotal),
  };
}

/** `/proc/loadavg` then the CPU count. */
export function parseLoad(text: string): Omit<LoadMeasurement, 'kind'> | null {
  const m = /^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(text);
  const cpus = /^\s*(\d+)\s*$/m.exec(text.split('\n').slice(1).join('\n'));
  if (!m) return null;
  return { load1: Number(m[1]), load5: Number(m[2]), load15: Number(m[3]), cpus: cpus ? Number(cpus[1]) : 0 };
}

/** `/proc/uptime`: seconds up, seconds idle. */
export function parseUptime(text: string): number | null {
  const m = /^\s*([\d.]+)/.exec(text);
  return m ? Number(m[1]) : null;
}

export function parseService(text: string, name: string): Omit<ServiceMeasurement, 'kind'> {
  const sc = /^SYSTEMCTL ?(.*)$/m.exec(text);
  const state = sc?.[1]?.trim() ?? '';
  return { name, systemctl: state === '' ? null : state, processFound: /^PROCESS 1$/m.test(text) };
}

export function parseLog(text: string, item: Extract<SshItem, { kind: 'log' }>): Omit<LogMeasurement, 'kind'> | null {
  if (/^NOFILE$/m.test(text)) {
    return {
      path: item.path, exists: false, fileSize: 0, fromOffset: item.fromOffset, newOffset: item.fromOffset, scannedBytes: 0,
      rotated: false, matches: 0, lines: [], more: false,
    };
  }
  const get = (k: string): number | null => {
    const m = new RegExp(`^${k} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const size = get('SIZE');
  const from = get('FROM');
  const read = get('READ');
  const count = get('COUNT');
  if (size === null || from === null || read === null || count === null) return null;
  const lines = text.split('\n').filter((l) => l.startsWith('L ')).map((l) => l.slice(2));
  return {
    path: item.path, exists: true, fileSize: size, fromOffset: from, newOffset: from + read, scannedBytes: read,
    rotated: get('ROTATED') === 1, matches: count, lines, more: from + read < size,
  };
}

/** One section's output → the item's measurement, or why not. */
export function measureItem(item: SshItem, s: Section): SshItemMeasurement | ProbeError {
  const code = s.exitCode ?? -1;
  const failed = (): ProbeError => probeError('EXEC', `退出码 ${code}${s.output.trim() ? `，${s.output.trim().split('\n')[0]!.slice(0, 120)}` : ''}`);
  switch (item.kind) {
    case 'disk': {
      const mounts = parseDfP(s.output);
      if (mounts.length === 0) return code === 0 ? probeError('PARSE', 'df -P') : failed();
      return { kind: 'disk', mounts } satisfies DiskMeasurement;
    }
    case 'memory': {
      const m = parseFreeB(s.output);
      return m ? { kind: 'memory', ...m } : code === 0 ? probeError('PARSE', 'free -b') : failed();
    }
    case 'load': {
      const m = parseLoad(s.output);
      return m ? { kind: 'load', ...m } : code === 0 ? probeError('PARSE', '/proc/loadavg') : failed();
    }
    case 'uptime': {
      const sec = parseUptime(s.output);
      if (sec !== null) return { kind: 'uptime', seconds: sec } satisfies UptimeMeasurement;
      return code === 0 ? probeError('PARSE', '/proc/uptime') : failed();
    }
    case 'service':
      return { kind: 'service', ...parseService(s.output, item.name) };
    case 'log': {
      const m = parseLog(s.output, item);
      return m ? { kind: 'log', ...m } : failed();
    }
    case 'custom':
      return { kind: 'custom', exitCode: code, output: s.output };
  }
}
