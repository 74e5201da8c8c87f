/**
 * SLA clocks of a fault (DOMAIN.md §4): response from the moment the fault is known,
 * on site from the response, resolution from the moment it is known (by severity), the
 * written report from the resolution. One pure function for UI, lists, statistics and forms.
 */
export type Severity = 'normal' | 'serious' | 'critical';
export type ClockKind = 'response' | 'onsite' | 'resolve' | 'report';
export type ClockState = 'pending' | 'due_soon' | 'breached' | 'met' | 'met_late';

export interface SlaSettings {
  responseMinutes: number;
  onSiteMinutes: number;
  resolveMinutesBySeverity: Record<Severity, number>;
  reportMinutes: number;
  dueSoonMinutes: number;
}

export interface FaultStamps {
  reportedAt: string;
  respondedAt?: string | null;
  onSiteAt?: string | null;
  resolvedAt?: string | null;
  reportFiledAt?: string | null;
  severity: Severity;
}

export interface Clock {
  kind: ClockKind;
  deadline: string | null;
  stampedAt: string | null;
  state: ClockState;
  remainingMs: number | null;
}

export interface SlaResult {
  clocks: Clock[];
  breached: boolean;
  worstState: ClockState;
  nextDeadline: string | null;
}

const RANK: Record<ClockState, number> = { met: 0, pending: 1, due_soon: 2, met_late: 3, breached: 4 };
const plus = (iso: string, min: number) => new Date(Date.parse(iso) + min * 60_000).toISOString();

function clock(kind: ClockKind, start: string | null | undefined, minutes: number, stamp: string | null | undefined, now: Date, dueSoonMs: number): Clock {
  if (!start) return { kind, deadline: null, stampedAt: stamp ?? null, state: 'pending', remainingMs: null };
  const deadline = plus(start, minutes);
  const d = Date.parse(deadline);
  if (stamp) return { kind, deadline, stampedAt: stamp, state: Date.parse(stamp) > d ? 'met_late' : 'met', remainingMs: null };
  const remaining = d - now.getTime();
  return { kind, deadline, stampedAt: null, state: remaining < 0 ? 'breached' : remaining <= dueSoonMs ? 'due_soon' : 'pending', remainingMs: remaining };
}

export function computeSla(f: FaultStamps, s: SlaSettings, now: Date): SlaResult {
  const soon = s.dueSoonMinutes * 60_000;
  const clocks = [
    clock('response', f.reportedAt, s.responseMinutes, f.respondedAt, now, soon),
    clock('onsite', f.respondedAt, s.onSiteMinutes, f.onSiteAt, now, soon),
    clock('resolve', f.reportedAt, s.resolveMinutesBySeverity[f.severity], f.resolvedAt, now, soon),
    clock('report', f.resolvedAt, s.reportMinutes, f.reportFiledAt, now, soon),
  ];
  const worst = clocks.reduce((w, c) => (RANK[c.state] > RANK[w] ? c.state : w), 'met' as ClockState);
  const open = clocks.filter((c) => c.deadline && !c.stampedAt).map((c) => c.deadline!).sort();
  return { clocks, breached: clocks.some((c) => c.state === 'breached' || c.state === 'met_late'), worstState: worst, nextDeadline: open[0] ?? null };
}
