/**
 * SLA clocks of a fault (DOMAIN.md §4). One pure function for the UI countdown, the lists, the
 * statistics and the forms. All durations are project data (`SlaSettings`).
 *
 * Where each clock starts (our decision, following the contract's wording):
 * - response  from `reportedAt` (the moment the fault is known)   ≤ responseMinutes (30)
 * - onsite    from `respondedAt` (the engineer's actual response) ≤ onSiteMinutes (120)
 * - resolve   from `reportedAt`, by severity                      ≤ 240 / 720 / 1440
 * - report    from `resolvedAt` (the written 故障报告单)            ≤ reportMinutes (1440)
 * A clock whose start stamp is missing has no deadline yet (state `pending`, deadline null); if
 * its own stamp is there anyway it is `met` (nothing to miss) and validateStamps reports the gap.
 * An unstamped clock keeps running even when later steps are stamped.
 *
 * States: a stamped clock is `met` when stamped at or before its deadline and `met_late` when
 * stamped after it (a breach). An open clock is `breached` once `now` is after the deadline,
 * `due_soon` within the due-soon window, else `pending`. Exactly at the deadline is in time.
 */
import { formatBizDateTime, instantMs, monthOf, toBizDate } from './time';

export const SEVERITIES = ['normal', 'serious', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { normal: '一般', serious: '严重', critical: '特别严重' };

export const CLOCK_KINDS = ['response', 'onsite', 'resolve', 'report'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export const CLOCK_KIND_LABELS: Record<ClockKind, string> = { response: '响应', onsite: '到场', resolve: '解决', report: '书面报告' };

export const CLOCK_STATES = ['pending', 'due_soon', 'breached', 'met', 'met_late'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];
export const CLOCK_STATE_LABELS: Record<ClockState, string> = {
  pending: '计时中',
  due_soon: '即将超时',
  breached: '已超时',
  met: '按时完成',
  met_late: '超时完成',
};

export interface SlaSettings {
  /** Response after the fault is known. */
  responseMinutes: number;
  /** Engineer on site after the response. */
  onSiteMinutes: number;
  /** Resolution after the fault is known, by severity. */
  resolveMinutesBySeverity: Record<Severity, number>;
  /** Written fault report after the resolution. */
  reportMinutes: number;
  /** An open clock is due soon when at most this many minutes remain… */
  dueSoonMinutes: number;
  /** …or at most this fraction of the clock's length remains (0–1), whichever window is larger. */
  dueSoonRatio?: number;
}

/** The contract's values (DOMAIN.md §4); they seed the default project. */
export function defaultSlaSettings(): SlaSettings {
  return {
    responseMinutes: 30,
    onSiteMinutes: 120,
    resolveMinutesBySeverity: { normal: 240, serious: 720, critical: 1440 },
    reportMinutes: 1440,
    dueSoonMinutes: 15,
  };
}

/** The stamps the clocks read (UTC ISO instants; null/undefined = not yet). */
export interface FaultStamps {
  /** The moment the fault is known: all clocks but onsite and report count from here. */
  reportedAt: string;
  respondedAt?: string | null;
  onSiteAt?: string | null;
  resolvedAt?: string | null;
  reportFiledAt?: string | null;
  severity: Severity;
}

export interface Clock {
  kind: ClockKind;
  /** Null while the clock's start stamp is missing. */
  deadline: string | null;
  stampedAt: string | null;
  state: ClockState;
  /** Open clock: deadline − now (negative once breached). Null when stamped or not started. */
  remainingMs: number | null;
  /** Stamped clock: deadline − stamp (negative = how late). Null otherwise. */
  marginMs: number | null;
}

export interface SlaResult {
  /** Always four, in the order response, onsite, resolve, report. */
  clocks: Clock[];
  /** Any clock breached (open and overdue) or met late. */
  breached: boolean;
  /** Number of clocks breached or met late (0–4). */
  breaches: number;
  /** The worst state: breached > met_late > due_soon > pending > met. */
  worstState: ClockState;
  /** Earliest deadline of the open clocks (may be past when one is breached), or null. */
  nextDeadline: string | null;
}

const RANK: Record<ClockState, number> = { met: 0, pending: 1, due_soon: 2, met_late: 3, breached: 4 };

/** Whether a state counts as a breach (breached or met_late). */
export function isBreach(state: ClockState): boolean {
  return state === 'breached' || state === 'met_late';
}

/** The worse of two states (see SlaResult.worstState). */
export function worseState(a: ClockState, b: ClockState): ClockState {
  return RANK[b] > RANK[a] ? b : a;
}

/** Minutes a clock runs once started. */
export function clockMinutes(kind: ClockKind, severity: Severity, s: SlaSettings): number {
  switch (kind) {
    case 'response':
      return s.responseMinutes;
    case 'onsite':
      return s.onSiteMinutes;
    case 'resolve':
      return s.resolveMinutesBySeverity[severity];
    case 'report':
      return s.reportMinutes;
  }
}

/** The stamp a clock starts from and the stamp that stops it. */
export const CLOCK_SPANS: Record<ClockKind, { start: keyof FaultStamps; stop: keyof FaultStamps }> = {
  response: { start: 'reportedAt', stop: 'respondedAt' },
  onsite: { start: 'respondedAt', stop: 'onSiteAt' },
  resolve: { start: 'reportedAt', stop: 'resolvedAt' },
  report: { start: 'resolvedAt', stop: 'reportFiledAt' },
};

function stampOf(f: FaultStamps, key: keyof FaultStamps): string | null {
  const v = f[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

function evalClock(kind: ClockKind, f: FaultStamps, s: SlaSettings, nowMs: number): Clock {
  const span = CLOCK_SPANS[kind];
  const start = stampOf(f, span.start);
  const stamp = stampOf(f, span.stop);
  if (start === null) {
    // No deadline to miss: a stamp without its start is an ordering error (validateStamps).
    return { kind, deadline: null, stampedAt: stamp, state: stamp ? 'met' : 'pending', remainingMs: null, marginMs: null };
  }
  const minutes = clockMinutes(kind, f.severity, s);
  const deadlineMs = instantMs(start) + minutes * 60_000;
  const deadline = new Date(deadlineMs).toISOString();
  if (stamp !== null) {
    const margin = deadlineMs - instantMs(stamp);
    return { kind, deadline, stampedAt: stamp, state: margin < 0 ? 'met_late' : 'met', remainingMs: null, marginMs: margin };
  }
  const remaining = deadlineMs - nowMs;
  const windowMs = Math.max(s.dueSoonMinutes * 60_000, (s.dueSoonRatio ?? 0) * minutes * 60_000);
  const state: ClockState = remaining < 0 ? 'breached' : remaining <= windowMs ? 'due_soon' : 'pending';
  return { kind, deadline, stampedAt: null, state, remainingMs: remaining, marginMs: null };
}

/** The four SLA clocks of a fault at `now` (a Date or an ISO instant). */
export function computeSla(fault: FaultStamps, settings: SlaSettings, now: Date | string): SlaResult {
  const nowMs = instantMs(now);
  const clocks = CLOCK_KINDS.map((k) => evalClock(k, fault, settings, nowMs));
  const worstState = clocks.reduce<ClockState>((w, c) => worseState(w, c.state), 'met');
  const breaches = clocks.filter((c) => isBreach(c.state)).length;
  let next: number | null = null;
  for (const c of clocks) {
    if (c.deadline !== null && c.stampedAt === null) {
      const d = Date.parse(c.deadline);
      if (next === null || d < next) next = d;
    }
  }
  return { clocks, breached: breaches > 0, breaches, worstState, nextDeadline: next === null ? null : new Date(next).toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Stamp order
// ---------------------------------------------------------------------------------------------

/** The stamps in lifecycle order; each must not be earlier than the ones before it. */
export const STAMP_FIELDS = ['reportedAt', 'respondedAt', 'onSiteAt', 'resolvedAt', 'reportFiledAt', 'reviewedAt'] as const;
export type StampField = (typeof STAMP_FIELDS)[number];
export const STAMP_LABELS: Record<StampField, string> = {
  reportedAt: '报告时间',
  respondedAt: '响应时间',
  onSiteAt: '到场时间',
  resolvedAt: '解决时间',
  reportFiledAt: '书面报告提交时间',
  reviewedAt: '审核时间',
};

export type StampsForValidation = Partial<Record<StampField, string | null>>;

export interface StampError {
  field: StampField;
  /** before_previous: earlier than an earlier step; missing_previous: an earlier step has no stamp;
   * invalid: not an ISO instant; in_future: after `now`. */
  code: 'before_previous' | 'missing_previous' | 'invalid' | 'in_future';
  /** The earlier step it conflicts with. */
  other: StampField | null;
  message: string;
}

/**
 * Ordering errors of a fault's stamps, in lifecycle order, with Chinese messages. Each present
 * stamp is compared with the latest earlier present stamp (so one wrong stamp gives one error);
 * a stamp whose earlier step is missing is reported once; with `now`, a future stamp is an error.
 */
export function validateStamps(fault: StampsForValidation, now?: Date | string): StampError[] {
  const errors: StampError[] = [];
  const nowMs = now === undefined ? null : instantMs(now);
  let prev: { field: StampField; ms: number; at: string } | null = null;
  let missing: StampField | null = null;
  for (const field of STAMP_FIELDS) {
    const v = fault[field];
    if (v === null || v === undefined || v === '') {
      if (missing === null) missing = field;
      continue;
    }
    const ms = Date.parse(v);
    if (!Number.isFinite(ms)) {
      errors.push({ field, code: 'invalid', other: null, message: `${STAMP_LABELS[field]}格式无效：${v}` });
      continue;
    }
    if (missing !== null) {
      errors.push({ field, code: 'missing_previous', other: missing, message: `已填写${STAMP_LABELS[field]}，但缺少${STAMP_LABELS[missing]}` });
      missing = null;
    }
    if (prev && ms < prev.ms) {
      errors.push({
        field,
        code: 'before_previous',
        other: prev.field,
        message: `${STAMP_LABELS[field]}（${formatBizDateTime(v)}）早于${STAMP_LABELS[prev.field]}（${formatBizDateTime(prev.at)}）`,
      });
    }
    if (nowMs !== null && ms > nowMs) {
      errors.push({ field, code: 'in_future', other: null, message: `${STAMP_LABELS[field]}（${formatBizDateTime(v)}）晚于当前时间` });
    }
    if (!prev || ms >= prev.ms) prev = { field, ms, at: v };
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

export interface FaultForStats extends FaultStamps {
  /** The responsible engineer's name (grouping key), null when nobody is assigned. */
  engineer?: string | null;
}

export interface BreachGroup {
  /** 'YYYY-MM' (the business month of reportedAt) or the engineer's name ('' = unassigned). */
  key: string;
  faults: number;
  /** Faults with at least one breach. */
  breachedFaults: number;
  /** Breached clocks (open and overdue, or met late). */
  breaches: number;
  byClock: Record<ClockKind, number>;
}

export const UNASSIGNED_ENGINEER_LABEL = '未指派';

/**
 * Faults and SLA breaches per business month of `reportedAt` or per engineer, sorted by key.
 * Every breached clock counts (the contract's penalty counts late responses one by one).
 */
export function countBreaches(faults: readonly FaultForStats[], settings: SlaSettings, now: Date | string, groupBy: 'month' | 'engineer'): BreachGroup[] {
  const groups = new Map<string, BreachGroup>();
  for (const f of faults) {
    const key = groupBy === 'month' ? monthOf(toBizDate(f.reportedAt)) : (f.engineer ?? '').trim();
    let g = groups.get(key);
    if (!g) {
      g = { key, faults: 0, breachedFaults: 0, breaches: 0, byClock: { response: 0, onsite: 0, resolve: 0, report: 0 } };
      groups.set(key, g);
    }
    const r = computeSla(f, settings, now);
    g.faults++;
    if (r.breached) g.breachedFaults++;
    g.breaches += r.breaches;
    for (const c of r.clocks) if (isBreach(c.state)) g.byClock[c.kind]++;
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
