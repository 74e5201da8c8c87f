import type { DeepPartial, Thresholds } from './types';

/** The defaults (the project record may override any of them). */
export function defaultThresholds(): Thresholds {
  return {
    latency: { warnMs: 200, severeMs: null },
    http: { slowWarnMs: 3000, slowSevereMs: null, mismatchLevel: 'severe' },
    disk: {
      warn: 80,
      severe: 90,
      ignoreMounts: ['/proc(/.*)?', '/sys(/.*)?', '/dev(/.*)?', '/run(/.*)?', '/snap/.*'],
      ignoreFilesystems: ['tmpfs', 'devtmpfs', 'udev', 'shm', 'none', 'proc', 'sysfs', 'cgroup', 'cgroup2', 'overlay_tmpfs'],
    },
    memory: { warn: 85, severe: 95 },
    swap: { warn: 50, severe: 80 },
    loadPerCpu: { warn: 1.5, severe: 3 },
    cert: { warnDays: 30, severeDays: 7, untrustedLevel: 'warning' },
    log: { warn: 1, severe: null },
    uptime: { warnBelowSec: null },
    serviceDownLevel: 'severe',
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeInto(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? mergeInto(b, v) : v;
  }
  return out;
}

/** `base` with the given fields replaced (deeply; arrays are replaced whole). */
export function mergeThresholds(base: Thresholds, over: DeepPartial<Thresholds> | undefined): Thresholds {
  if (!over) return base;
  // Same shape by construction: every key of `over` is a key of Thresholds.
  return mergeInto(base as unknown as Record<string, unknown>, over as Record<string, unknown>) as unknown as Thresholds;
}

/** The flat thresholds of the project record (resources/default-project.json). */
export interface ProjectThresholds {
  diskWarnPct?: number;
  diskSeverePct?: number;
  memWarnPct?: number;
  memSeverePct?: number;
  certWarnDays?: number;
  certSevereDays?: number;
}

/** Engine thresholds from the project's flat record, the rest from `defaultThresholds()`. */
export function thresholdsFromProject(p: ProjectThresholds): Thresholds {
  return mergeThresholds(defaultThresholds(), {
    disk: { warn: p.diskWarnPct, severe: p.diskSeverePct },
    memory: { warn: p.memWarnPct, severe: p.memSeverePct },
    cert: { warnDays: p.certWarnDays, severeDays: p.certSevereDays },
  });
}
