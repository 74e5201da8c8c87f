/**
 * Which inspection items a probe check can pre-fill. A check may name its aspect; otherwise it
 * follows from its kind and config (ping → network; TCP 3389/22 → remote; database and MQ
 * ports → data; HTTP → app). An SSH check measures several things at once: its stored
 * result carries one part per aspect (login, disk, memory, cpu, log, app) in `metrics.parts`.
 */
import { ASPECTS, type Aspect } from '../../../shared/contract/inspections';
import { isResultLevel, type ResultLevel } from '../../../shared/levels';

export const REMOTE_PORTS: ReadonlySet<number> = new Set([22, 3389, 5900]);
/** SQL Server, Oracle, MySQL, PostgreSQL, DM (达梦), IBM MQ listener. */
export const DATA_PORTS: ReadonlySet<number> = new Set([1433, 1521, 3306, 5432, 5236, 1414]);

export function isAspect(s: unknown): s is Aspect {
  return typeof s === 'string' && (ASPECTS as readonly string[]).includes(s);
}

function portOf(config: unknown): number | null {
  if (config && typeof config === 'object' && 'port' in config) {
    const p = (config as { port: unknown }).port;
    return typeof p === 'number' ? p : null;
  }
  return null;
}

/** The aspects a check's whole result speaks for (an SSH check's parts speak for themselves). */
export function checkAspects(kind: string, config: unknown, aspect: string | null): Aspect[] {
  if (aspect && isAspect(aspect)) return [aspect];
  switch (kind) {
    case 'ping':
      return ['network'];
    case 'tcp': {
      const port = portOf(config);
      if (port !== null && REMOTE_PORTS.has(port)) return ['remote'];
      if (port !== null && DATA_PORTS.has(port)) return ['data'];
      return ['app'];
    }
    case 'http':
      return ['app'];
    case 'ssh':
      return ['login'];
    default:
      return [];
  }
}

/** One measured part of a result, stored in metrics.parts. */
export interface StoredPart {
  aspect: Aspect;
  level: ResultLevel;
  summary: string;
  /** Numeric value for trends (disk %, memory %, load…). */
  value?: number;
  /** Name within the aspect: the mount point, the service, the log file. */
  name?: string;
}

export function partsOf(metrics: unknown): StoredPart[] | null {
  if (!metrics || typeof metrics !== 'object' || !('parts' in metrics)) return null;
  const parts = (metrics as { parts: unknown }).parts;
  if (!Array.isArray(parts)) return null;
  const out: StoredPart[] = [];
  for (const p of parts) {
    if (!p || typeof p !== 'object') continue;
    const o = p as Record<string, unknown>;
    if (!isAspect(o.aspect) || typeof o.level !== 'string' || !isResultLevel(o.level)) continue;
    const part: StoredPart = { aspect: o.aspect, level: o.level, summary: typeof o.summary === 'string' ? o.summary : '' };
    if (typeof o.value === 'number' && Number.isFinite(o.value)) part.value = o.value;
    if (typeof o.name === 'string') part.name = o.name;
    out.push(part);
  }
  return out;
}
