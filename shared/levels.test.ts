import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareLevels,
  countLevels,
  isAbnormal,
  isResultLevel,
  levelByThreshold,
  RESULT_LEVEL_LABELS,
  RESULT_LEVEL_SYMBOLS,
  RESULT_LEVELS,
  resultLevelLegend,
  worst,
  type ResultLevel,
} from './levels';

describe('result levels', () => {
  it('labels, symbols and legend', () => {
    expect(RESULT_LEVELS.map((l) => RESULT_LEVEL_LABELS[l])).toEqual(['正常', '警告', '严重']);
    expect(RESULT_LEVELS.map((l) => RESULT_LEVEL_SYMBOLS[l])).toEqual(['√', '!', '×']);
    expect(resultLevelLegend()).toBe('√ 正常  ! 警告  × 严重');
    expect(isResultLevel('warning')).toBe(true);
    expect(isResultLevel('fatal')).toBe(false);
  });

  it('orders best to worst', () => {
    expect([...(['severe', 'normal', 'warning'] as ResultLevel[])].sort(compareLevels)).toEqual(['normal', 'warning', 'severe']);
    expect(worst([])).toBe('normal');
    expect(worst(['normal', 'warning', 'normal'])).toBe('warning');
    expect(worst(new Set<ResultLevel>(['warning', 'severe']))).toBe('severe');
    expect(isAbnormal('normal')).toBe(false);
    expect(isAbnormal('warning')).toBe(true);
    expect(countLevels(['normal', 'severe', 'severe'])).toEqual({ normal: 1, warning: 0, severe: 2 });
  });

  it('worst is the maximum and does not depend on order', () => {
    const arb = fc.array(fc.constantFrom(...RESULT_LEVELS));
    fc.assert(
      fc.property(arb, (ls) => {
        const w = worst(ls);
        for (const l of ls) expect(compareLevels(l, w)).toBeLessThanOrEqual(0);
        expect(worst([...ls].reverse())).toBe(w);
        if (ls.length) expect(ls).toContain(w);
      }),
    );
  });

  it('levels by threshold, both directions, inclusive', () => {
    const disk = { warn: 80, severe: 90, direction: 'above' as const };
    expect([79.9, 80, 89, 90, 100].map((v) => levelByThreshold(v, disk))).toEqual(['normal', 'warning', 'warning', 'severe', 'severe']);
    const cert = { warn: 30, severe: 7, direction: 'below' as const };
    expect([31, 30, 8, 7, -1].map((v) => levelByThreshold(v, cert))).toEqual(['normal', 'warning', 'warning', 'severe', 'severe']);
  });
});
