import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOCK_KINDS,
  computeSla,
  countBreaches,
  defaultSlaSettings,
  isBreach,
  SEVERITIES,
  SEVERITY_LABELS,
  validateStamps,
  type Clock,
  type ClockKind,
  type ClockState,
  type FaultStamps,
  type SlaSettings,
} from './sla';
import { bizDateTimeToInstant, toBizDate } from './time';

const S = defaultSlaSettings();
const MIN = 60_000;
const at = (local: string) => new Date(local).toISOString(); // local strings carry +08:00
const clock = (r: ReturnType<typeof computeSla>, k: ClockKind): Clock => r.clocks.find((c) => c.kind === k)!;

describe('defaults and labels', () => {
  it('the contract values', () => {
    expect(S).toEqual({
      responseMinutes: 30,
      onSiteMinutes: 120,
      resolveMinutesBySeverity: { normal: 240, serious: 720, critical: 1440 },
      reportMinutes: 1440,
      dueSoonMinutes: 15,
    });
    expect(SEVERITIES.map((s) => SEVERITY_LABELS[s])).toEqual(['一般', '严重', '特别严重']);
    // A fresh object each time: editing one project's copy never changes another's.
    defaultSlaSettings().resolveMinutesBySeverity.normal = 1;
    expect(defaultSlaSettings().resolveMinutesBySeverity.normal).toBe(240);
  });
});

describe('computeSla', () => {
  const reportedAt = at('2026-03-10T09:00:00+08:00');

  it('a fresh fault: response and resolve run, onsite and report wait for their start', () => {
    const r = computeSla({ reportedAt, severity: 'normal' }, S, at('2026-03-10T09:05:00+08:00'));
    expect(r.clocks.map((c) => c.kind)).toEqual(CLOCK_KINDS);
    expect(clock(r, 'response')).toMatchObject({ deadline: at('2026-03-10T09:30:00+08:00'), state: 'pending', remainingMs: 25 * MIN, stampedAt: null });
    expect(clock(r, 'onsite')).toMatchObject({ deadline: null, state: 'pending', remainingMs: null });
    expect(clock(r, 'resolve')).toMatchObject({ deadline: at('2026-03-10T13:00:00+08:00'), state: 'pending' });
    expect(clock(r, 'report')).toMatchObject({ deadline: null, state: 'pending' });
    expect(r).toMatchObject({ breached: false, breaches: 0, worstState: 'pending', nextDeadline: at('2026-03-10T09:30:00+08:00') });
  });

  it('due soon within the window, breached after the deadline, in time exactly at it', () => {
    const f: FaultStamps = { reportedAt, severity: 'normal' };
    expect(clock(computeSla(f, S, at('2026-03-10T09:14:59+08:00')), 'response').state).toBe('pending');
    expect(clock(computeSla(f, S, at('2026-03-10T09:15:00+08:00')), 'response').state).toBe('due_soon');
    expect(clock(computeSla(f, S, at('2026-03-10T09:30:00+08:00')), 'response').state).toBe('due_soon');
    const late = computeSla(f, S, at('2026-03-10T09:30:00.001+08:00'));
    expect(clock(late, 'response')).toMatchObject({ state: 'breached', remainingMs: -1 });
    expect(late).toMatchObject({ breached: true, breaches: 1, worstState: 'breached' });
  });

  it('a ratio widens the due-soon window of long clocks', () => {
    const s: SlaSettings = { ...S, dueSoonRatio: 0.25 };
    // resolve (critical) = 1440 min → due soon in the last 360 min; response keeps 15 min (> 7.5).
    const f: FaultStamps = { reportedAt, severity: 'critical', respondedAt: reportedAt, onSiteAt: reportedAt };
    expect(clock(computeSla(f, s, at('2026-03-11T03:00:00+08:00')), 'resolve').state).toBe('due_soon');
    expect(clock(computeSla(f, S, at('2026-03-11T03:00:00+08:00')), 'resolve').state).toBe('pending');
    expect(clock(computeSla({ reportedAt, severity: 'normal' }, s, at('2026-03-10T09:14:00+08:00')), 'response').state).toBe('pending');
  });

  it('stamped clocks: met in time (even exactly at the deadline), met_late after', () => {
    const f: FaultStamps = {
      reportedAt,
      severity: 'serious',
      respondedAt: at('2026-03-10T09:30:00+08:00'),
      onSiteAt: at('2026-03-10T11:31:00+08:00'),
      resolvedAt: at('2026-03-10T20:00:00+08:00'),
      reportFiledAt: at('2026-03-11T19:00:00+08:00'),
    };
    const r = computeSla(f, S, at('2026-04-01T00:00:00+08:00'));
    expect(clock(r, 'response')).toMatchObject({ state: 'met', marginMs: 0 });
    expect(clock(r, 'onsite')).toMatchObject({ deadline: at('2026-03-10T11:30:00+08:00'), state: 'met_late', marginMs: -MIN });
    expect(clock(r, 'resolve')).toMatchObject({ deadline: at('2026-03-10T21:00:00+08:00'), state: 'met' });
    expect(clock(r, 'report')).toMatchObject({ deadline: at('2026-03-11T20:00:00+08:00'), state: 'met' });
    expect(r).toMatchObject({ breached: true, breaches: 1, worstState: 'met_late', nextDeadline: null });
  });

  it('onsite counts from the actual response, report from the resolution', () => {
    const r = computeSla(
      { reportedAt, severity: 'normal', respondedAt: at('2026-03-10T10:00:00+08:00'), resolvedAt: at('2026-03-10T12:00:00+08:00') },
      S,
      at('2026-03-10T12:00:00+08:00'),
    );
    expect(clock(r, 'response').state).toBe('met_late');
    expect(clock(r, 'onsite').deadline).toBe(at('2026-03-10T12:00:00+08:00'));
    expect(clock(r, 'report').deadline).toBe(at('2026-03-11T12:00:00+08:00'));
    expect(r.nextDeadline).toBe(at('2026-03-10T12:00:00+08:00'));
  });

  it('accepts now as an ISO string and a Date alike', () => {
    const f: FaultStamps = { reportedAt, severity: 'critical' };
    const now = at('2026-03-10T09:20:00+08:00');
    expect(computeSla(f, S, now)).toEqual(computeSla(f, S, new Date(now)));
  });

  it('reported 2025-12-31 23:50 in Shanghai: deadlines cross midnight, month and year', () => {
    const f: FaultStamps = { reportedAt: at('2025-12-31T23:50:00+08:00'), severity: 'critical' };
    expect(f.reportedAt).toBe('2025-12-31T15:50:00.000Z');
    const r = computeSla(f, S, at('2026-01-01T00:10:00+08:00'));
    const response = clock(r, 'response');
    expect(response.deadline).toBe('2025-12-31T16:20:00.000Z');
    expect(toBizDate(response.deadline!)).toBe('2026-01-01');
    expect(response.state).toBe('due_soon');
    expect(clock(r, 'resolve').deadline).toBe(bizDateTimeToInstant('2026-01-01', '23:50'));
    expect(clock(computeSla(f, S, at('2026-01-01T00:20:01+08:00')), 'response').state).toBe('breached');
  });

  it('month end of a leap year', () => {
    const f: FaultStamps = { reportedAt: at('2024-02-29T22:00:00+08:00'), severity: 'serious' };
    const r = computeSla(f, S, at('2024-02-29T22:01:00+08:00'));
    expect(clock(r, 'resolve').deadline).toBe(at('2024-03-01T10:00:00+08:00'));
  });

  it('a stamp without its start has no deadline and is left to validateStamps', () => {
    const r = computeSla({ reportedAt, severity: 'normal', onSiteAt: at('2026-03-10T09:20:00+08:00') }, S, at('2026-03-10T09:21:00+08:00'));
    expect(clock(r, 'onsite')).toMatchObject({ deadline: null, state: 'met', stampedAt: at('2026-03-10T09:20:00+08:00') });
    expect(validateStamps({ reportedAt, onSiteAt: at('2026-03-10T09:20:00+08:00') })).toMatchObject([{ field: 'onSiteAt', code: 'missing_previous', other: 'respondedAt' }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const T0 = Date.parse('2020-01-01T00:00:00Z');
const T1 = Date.parse('2030-12-31T00:00:00Z');
const settingsArb: fc.Arbitrary<SlaSettings> = fc.record({
  responseMinutes: fc.integer({ min: 1, max: 600 }),
  onSiteMinutes: fc.integer({ min: 1, max: 600 }),
  resolveMinutesBySeverity: fc.record({ normal: fc.integer({ min: 1, max: 5000 }), serious: fc.integer({ min: 1, max: 5000 }), critical: fc.integer({ min: 1, max: 5000 }) }),
  reportMinutes: fc.integer({ min: 1, max: 5000 }),
  dueSoonMinutes: fc.integer({ min: 1, max: 120 }),
  dueSoonRatio: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});
/** Stamps in lifecycle order; each later step may be missing (then all after it are too). */
const faultArb: fc.Arbitrary<FaultStamps> = fc
  .record({
    t: fc.integer({ min: T0, max: T1 }),
    gaps: fc.array(fc.integer({ min: 0, max: 3000 * MIN }), { minLength: 4, maxLength: 4 }),
    upTo: fc.integer({ min: 0, max: 4 }),
    severity: fc.constantFrom(...SEVERITIES),
  })
  .map(({ t, gaps, upTo, severity }) => {
    const stamps: string[] = [];
    let cur = t;
    for (let i = 0; i < upTo; i++) {
      cur += gaps[i]!;
      stamps.push(new Date(cur).toISOString());
    }
    return {
      reportedAt: new Date(t).toISOString(),
      respondedAt: stamps[0] ?? null,
      onSiteAt: stamps[1] ?? null,
      resolvedAt: stamps[2] ?? null,
      reportFiledAt: stamps[3] ?? null,
      severity,
    };
  });
const nowArb = fc.integer({ min: T0, max: T1 + 10_000 * MIN }).map((ms) => new Date(ms));
const RANK: Record<ClockState, number> = { pending: 0, due_soon: 1, breached: 2, met: -1, met_late: -1 };

describe('SLA properties', () => {
  it('breach iff the stamp is after the deadline, or no stamp and now is after it', () => {
    fc.assert(
      fc.property(faultArb, settingsArb, nowArb, (f, s, now) => {
        const r = computeSla(f, s, now);
        for (const c of r.clocks) {
          if (c.deadline === null) {
            expect(isBreach(c.state)).toBe(false);
            continue;
          }
          const d = Date.parse(c.deadline);
          const late = c.stampedAt !== null ? Date.parse(c.stampedAt) > d : now.getTime() > d;
          expect(isBreach(c.state)).toBe(late);
          if (c.stampedAt !== null) expect(c.state).toBe(late ? 'met_late' : 'met');
          else expect(c.remainingMs).toBe(d - now.getTime());
        }
        expect(r.breached).toBe(r.clocks.some((c) => isBreach(c.state)));
        expect(r.breaches).toBe(r.clocks.filter((c) => isBreach(c.state)).length);
      }),
    );
  });

  it('deadlines move with their start stamp and never earlier (monotonic)', () => {
    fc.assert(
      fc.property(faultArb, settingsArb, fc.integer({ min: 0, max: 5000 * MIN }), fc.constantFrom('reportedAt', 'respondedAt', 'resolvedAt'), (f, s, delta, field) => {
        const v = f[field as keyof FaultStamps] as string | null | undefined;
        if (!v) return;
        const g: FaultStamps = { ...f, [field]: new Date(Date.parse(v) + delta).toISOString() };
        const now = new Date(T1);
        const a = computeSla(f, s, now);
        const b = computeSla(g, s, now);
        for (const k of CLOCK_KINDS) {
          const da = clock(a, k).deadline;
          const db = clock(b, k).deadline;
          expect(da === null).toBe(db === null);
          if (da !== null && db !== null) {
            expect(Date.parse(db)).toBeGreaterThanOrEqual(Date.parse(da));
            const starts = { response: 'reportedAt', resolve: 'reportedAt', onsite: 'respondedAt', report: 'resolvedAt' }[k];
            expect(Date.parse(db) - Date.parse(da)).toBe(starts === field ? delta : 0);
          }
        }
      }),
    );
  });

  it('a later stop stamp never turns a breach into met', () => {
    fc.assert(
      fc.property(faultArb, settingsArb, fc.integer({ min: 0, max: 5000 * MIN }), (f, s, delta) => {
        const g: FaultStamps = { ...f, respondedAt: f.respondedAt ? new Date(Date.parse(f.respondedAt) + delta).toISOString() : f.respondedAt };
        const now = new Date(T1);
        const a = clock(computeSla(f, s, now), 'response');
        const b = clock(computeSla(g, s, now), 'response');
        if (isBreach(a.state)) expect(isBreach(b.state)).toBe(true);
      }),
    );
  });

  it('as time passes an open clock only moves pending → due_soon → breached; stamped clocks stay put', () => {
    fc.assert(
      fc.property(faultArb, settingsArb, fc.array(fc.integer({ min: T0, max: T1 + 10_000 * MIN }), { minLength: 2, maxLength: 12 }), (f, s, times) => {
        const results = [...times].sort((x, y) => x - y).map((t) => computeSla(f, s, new Date(t)));
        for (const k of CLOCK_KINDS) {
          const states = results.map((r) => clock(r, k).state);
          const c0 = clock(results[0]!, k);
          if (c0.stampedAt !== null) {
            expect(new Set(states).size).toBe(1);
            continue;
          }
          for (let i = 1; i < states.length; i++) expect(RANK[states[i]!]).toBeGreaterThanOrEqual(RANK[states[i - 1]!]);
        }
      }),
    );
  });

  it('nextDeadline is the earliest open deadline', () => {
    fc.assert(
      fc.property(faultArb, settingsArb, nowArb, (f, s, now) => {
        const r = computeSla(f, s, now);
        const open = r.clocks.filter((c) => c.deadline !== null && c.stampedAt === null).map((c) => Date.parse(c.deadline!));
        expect(r.nextDeadline === null ? null : Date.parse(r.nextDeadline)).toBe(open.length ? Math.min(...open) : null);
      }),
    );
  });

  it('stamps generated in order never fail validation', () => {
    fc.assert(
      fc.property(faultArb, (f) => {
        expect(validateStamps(f)).toEqual([]);
      }),
    );
  });
});

describe('validateStamps', () => {
  const reportedAt = at('2026-03-10T09:00:00+08:00');

  it('a stamp earlier than an earlier step is an error with a Chinese message', () => {
    const errors = validateStamps({ reportedAt, respondedAt: at('2026-03-10T08:50:00+08:00') });
    expect(errors).toEqual([
      { field: 'respondedAt', code: 'before_previous', other: 'reportedAt', message: '响应时间（2026年3月10日 08:50）早于报告时间（2026年3月10日 09:00）' },
    ]);
  });

  it('one wrong stamp gives one error; the next stamps compare with the latest good one', () => {
    const errors = validateStamps({
      reportedAt,
      respondedAt: at('2026-03-10T09:10:00+08:00'),
      onSiteAt: at('2026-03-10T09:05:00+08:00'),
      resolvedAt: at('2026-03-10T10:00:00+08:00'),
      reportFiledAt: at('2026-03-10T11:00:00+08:00'),
      reviewedAt: at('2026-03-10T10:30:00+08:00'),
    });
    expect(errors.map((e) => [e.field, e.code, e.other])).toEqual([
      ['onSiteAt', 'before_previous', 'respondedAt'],
      ['reviewedAt', 'before_previous', 'reportFiledAt'],
    ]);
    expect(errors[1]!.message).toContain('审核时间');
  });

  it('missing earlier steps, invalid values and future stamps', () => {
    const errors = validateStamps(
      { reportedAt, resolvedAt: at('2026-03-10T10:00:00+08:00'), reportFiledAt: 'yesterday', reviewedAt: at('2026-03-12T10:00:00+08:00') },
      at('2026-03-11T00:00:00+08:00'),
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['resolvedAt', 'missing_previous'],
      ['reportFiledAt', 'invalid'],
      ['reviewedAt', 'in_future'],
    ]);
    expect(errors[0]!.message).toBe('已填写解决时间，但缺少响应时间');
    expect(errors[2]!.message).toBe('审核时间（2026年3月12日 10:00）晚于当前时间');
  });
});

describe('countBreaches', () => {
  const now = at('2026-02-01T00:00:00+08:00');
  const faults = [
    // Reported 2026-01-01 00:10 Shanghai = 2025-12-31 16:10 UTC: belongs to January.
    { reportedAt: at('2026-01-01T00:10:00+08:00'), respondedAt: at('2026-01-01T01:00:00+08:00'), severity: 'normal' as const, engineer: '张伟' },
    { reportedAt: at('2025-12-31T23:50:00+08:00'), respondedAt: at('2025-12-31T23:55:00+08:00'), severity: 'critical' as const, engineer: '李明' },
    { reportedAt: at('2025-12-15T09:00:00+08:00'), respondedAt: at('2025-12-15T09:10:00+08:00'), onSiteAt: at('2025-12-15T09:30:00+08:00'), resolvedAt: at('2025-12-15T10:00:00+08:00'), reportFiledAt: at('2025-12-15T12:00:00+08:00'), severity: 'normal' as const, engineer: '张伟' },
    { reportedAt: at('2026-01-20T09:00:00+08:00'), severity: 'normal' as const, engineer: null },
  ];

  it('groups by Shanghai month of the report', () => {
    const g = countBreaches(faults, S, now, 'month');
    expect(g.map((x) => x.key)).toEqual(['2025-12', '2026-01']);
    // December: the 23:50 fault (responded in time, onsite and resolve open → breached by now) and the clean one.
    expect(g[0]).toEqual({ key: '2025-12', faults: 2, breachedFaults: 1, breaches: 2, byClock: { response: 0, onsite: 1, resolve: 1, report: 0 } });
    // January: late response + open onsite and resolve; the unassigned fault breached response and resolve.
    expect(g[1]).toEqual({ key: '2026-01', faults: 2, breachedFaults: 2, breaches: 5, byClock: { response: 2, onsite: 1, resolve: 2, report: 0 } });
  });

  it('groups by engineer ("" = unassigned)', () => {
    const g = countBreaches(faults, S, now, 'engineer');
    expect(g.map((x) => [x.key, x.faults, x.breachedFaults, x.breaches])).toEqual([
      ['', 1, 1, 2],
      ['张伟', 2, 1, 3],
      ['李明', 1, 1, 2],
    ]);
  });

  it('the totals over groups equal the per-fault results', () => {
    fc.assert(
      fc.property(fc.array(faultArb, { maxLength: 20 }), settingsArb, nowArb, (fs, s, n) => {
        const g = countBreaches(fs, s, n, 'month');
        expect(g.reduce((a, x) => a + x.faults, 0)).toBe(fs.length);
        expect(g.reduce((a, x) => a + x.breaches, 0)).toBe(fs.reduce((a, f) => a + computeSla(f, s, n).breaches, 0));
        for (const x of g) expect(Object.values(x.byClock).reduce((a, v) => a + v, 0)).toBe(x.breaches);
      }),
    );
  });
});
