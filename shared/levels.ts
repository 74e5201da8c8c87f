/**
 * Result levels of an inspection item or a probe (DOMAIN.md §3): 正常 / 警告 / 严重.
 * Ordered from best to worst; the worst of a set is the set's result.
 */
export const RESULT_LEVELS = ['normal', 'warning', 'severe'] as const;
export type ResultLevel = (typeof RESULT_LEVELS)[number];

export const RESULT_LEVEL_LABELS: Record<ResultLevel, string> = { normal: '正常', warning: '警告', severe: '严重' };

/**
 * Symbols printed in the check columns of the paper forms. The contract's 设备记录表 legend is
 * `√ 正常  × 不正常`; a warning is printed `!` so it stays visible without reading as a failure.
 * (√ is U+221A, the glyph of the Chinese forms and of the embedded Source Han Sans font.)
 */
export const RESULT_LEVEL_SYMBOLS: Record<ResultLevel, string> = { normal: '√', warning: '!', severe: '×' };

/** The legend line printed under a form: `√ 正常  ! 警告  × 严重`. */
export function resultLevelLegend(): string {
  return RESULT_LEVELS.map((l) => `${RESULT_LEVEL_SYMBOLS[l]} ${RESULT_LEVEL_LABELS[l]}`).join('  ');
}

const RANK: Record<ResultLevel, number> = { normal: 0, warning: 1, severe: 2 };

export function isResultLevel(s: string): s is ResultLevel {
  return (RESULT_LEVELS as readonly string[]).includes(s);
}

/** Negative when `a` is better than `b`, 0 when equal, positive when worse (sorts best first). */
export function compareLevels(a: ResultLevel, b: ResultLevel): number {
  return RANK[a] - RANK[b];
}

/** The worst of the levels; `normal` for none. */
export function worst(levels: Iterable<ResultLevel>): ResultLevel {
  let w: ResultLevel = 'normal';
  for (const l of levels) if (RANK[l] > RANK[w]) w = l;
  return w;
}

/** Anything but normal: the inspector must notify (DOMAIN.md §3). */
export function isAbnormal(level: ResultLevel): boolean {
  return level !== 'normal';
}

/** Count of each level. */
export function countLevels(levels: Iterable<ResultLevel>): Record<ResultLevel, number> {
  const out: Record<ResultLevel, number> = { normal: 0, warning: 0, severe: 0 };
  for (const l of levels) out[l]++;
  return out;
}

export interface LevelThresholds {
  warn: number;
  severe: number;
  /**
   * 'above': bigger is worse (disk 85 % with warn 80 / severe 90 → warning);
   * 'below': smaller is worse (certificate valid 5 more days with warn 30 / severe 7 → severe).
   * A value equal to a threshold reaches it.
   */
  direction: 'above' | 'below';
}

/** The level of a measured value against thresholds (the thresholds are project data). */
export function levelByThreshold(value: number, t: LevelThresholds): ResultLevel {
  if (t.direction === 'above') return value >= t.severe ? 'severe' : value >= t.warn ? 'warning' : 'normal';
  return value <= t.severe ? 'severe' : value <= t.warn ? 'warning' : 'normal';
}
