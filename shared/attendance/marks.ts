/**
 * Attendance mark types (考勤标记, 合同附件6) as data. The contract's legend is garbled in the
 * scan (it reads 加班◆ … 错勤（迟到或早退）× … 学习培训□ … 事假○ with duplicates); our legend
 * keeps its legible symbols where they do not clash and gives every mark its own symbol so
 * the printed sheet can be read back unambiguously:
 *
 *   √ 出勤   ◆ 加班   △ 迟到   ▲ 早退   ◇ 出差   □ 学习培训
 *   ● 休假   ○ 事假   ☆ 病假   × 旷工
 *
 * (× goes to 旷工, the universal meaning on Chinese attendance sheets; 迟到/早退 — the
 * contract's 错勤 — get △/▲.) All glyphs are in GB2312 and in the embedded Source Han Sans.
 *
 * `code` is what the database stores, `kind` is what the rules understand; code, label,
 * symbol and the typing key are project data and may be changed per project.
 */

/** What a mark means for the rules and totals. */
export const MARK_KINDS = ['present', 'overtime', 'late', 'early', 'trip', 'training', 'vacation', 'personal', 'sick', 'absent'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** How a marked day counts in the totals. */
export type CountsAs = 'present' | 'overtime' | 'leave' | 'absent';

export const HALVES = ['full', 'am', 'pm'] as const;
export type Half = (typeof HALVES)[number];
export const HALF_LABELS: Record<Half, string> = { full: '全天', am: '上午', pm: '下午' };

/** A day's weight in the totals: 1 for a whole day, 0.5 for a half. */
export function halfWeight(half: Half): number {
  return half === 'full' ? 1 : 0.5;
}

export interface MarkBehavior {
  /**
   * present: a day at work (出勤, 迟到, 早退, 出差, 学习培训); overtime: work on a day off (加班
   * on a working day counts as present, see totals.ts); leave: 休假, 事假, 病假; absent: 旷工.
   */
  countsAs: CountsAs;
  /** May be marked for half a day (上午 / 下午). */
  halfDayAllowed: boolean;
  /** Needs an approved leave request covering the day (else 旷工). */
  needsRequest: boolean;
  /** The request must be made leaveNoticeDays ahead (事假: 提前一天). */
  needsNotice: boolean;
  /** The request needs a hospital note (病假: 凭医院诊断书). */
  needsSickNote: boolean;
}

/**
 * One mark of the legend. The behaviour fields are optional: when absent they follow the
 * kind (KIND_BEHAVIOR), so a legend stored with only code/label/symbol/key/kind still works.
 */
export interface MarkType extends Partial<MarkBehavior> {
  /** Stable code stored with each mark (lowercase). */
  code: string;
  /** Printed name (出勤). */
  label: string;
  /** Printed symbol (√). */
  symbol: string;
  /** One key that types this mark in the month grid. */
  key: string;
  kind: MarkKind;
}

const b = (countsAs: CountsAs, o: Partial<MarkBehavior> = {}): MarkBehavior => ({
  countsAs,
  halfDayAllowed: true,
  needsRequest: false,
  needsNotice: false,
  needsSickNote: false,
  ...o,
});

/** The behaviour of each kind by default. */
export const KIND_BEHAVIOR: Record<MarkKind, MarkBehavior> = {
  present: b('present'),
  overtime: b('overtime'),
  late: b('present', { halfDayAllowed: false }),
  early: b('present', { halfDayAllowed: false }),
  trip: b('present'),
  training: b('present'),
  vacation: b('leave', { needsRequest: true }),
  personal: b('leave', { needsRequest: true, needsNotice: true }),
  sick: b('leave', { needsRequest: true, needsSickNote: true }),
  absent: b('absent'),
};

/** A mark type's behaviour: its own fields, else its kind's defaults. */
export function markBehavior(t: MarkType): MarkBehavior {
  const d = KIND_BEHAVIOR[t.kind];
  return {
    countsAs: t.countsAs ?? d.countsAs,
    halfDayAllowed: t.halfDayAllowed ?? d.halfDayAllowed,
    needsRequest: t.needsRequest ?? d.needsRequest,
    needsNotice: t.needsNotice ?? d.needsNotice,
    needsSickNote: t.needsSickNote ?? d.needsSickNote,
  };
}

/** The kinds that are leave and need a request (事假, 病假, 休假). */
export const LEAVE_KINDS = ['personal', 'sick', 'vacation'] as const satisfies readonly MarkKind[];

/** The default legend, in the order printed on the sheet. */
export function defaultMarkTypes(): MarkType[] {
  const t = (kind: MarkKind, label: string, symbol: string, key: string): MarkType => ({ code: kind, label, symbol, key, kind, ...KIND_BEHAVIOR[kind] });
  return [
    t('present', '出勤', '√', '1'),
    t('overtime', '加班', '◆', '2'),
    t('late', '迟到', '△', '3'),
    t('early', '早退', '▲', '4'),
    t('trip', '出差', '◇', '5'),
    t('training', '学习培训', '□', '6'),
    t('vacation', '休假', '●', '7'),
    t('personal', '事假', '○', '8'),
    t('sick', '病假', '☆', '9'),
    t('absent', '旷工', '×', '0'),
  ];
}

/** The mark type of a code (undefined for an unknown code). */
export function markTypeOf(types: readonly MarkType[], code: string): MarkType | undefined {
  return types.find((t) => t.code === code);
}

/** The first mark type of a kind (the rules look up 出勤, 加班… by kind, not by code). */
export function markTypeOfKind(types: readonly MarkType[], kind: MarkKind): MarkType | undefined {
  return types.find((t) => t.kind === kind);
}

/** The legend line printed on the sheet: `考勤标记：√ 出勤  ◆ 加班 …`. */
export function markLegend(types: readonly MarkType[]): string {
  return `考勤标记：${types.map((t) => `${t.symbol} ${t.label}`).join('  ')}`;
}

/**
 * What a day cell prints: the symbol of a whole-day mark, or `上午/下午` symbols (`√/○`) for
 * half days (a missing half prints as a space). Unknown codes print `?`.
 */
export function cellSymbol(types: readonly MarkType[], marks: ReadonlyArray<{ half: Half; mark: string }>): string {
  const sym = (code: string | undefined) => (code === undefined ? ' ' : (markTypeOf(types, code)?.symbol ?? '?'));
  const full = marks.find((m) => m.half === 'full');
  if (full) return sym(full.mark);
  const am = marks.find((m) => m.half === 'am');
  const pm = marks.find((m) => m.half === 'pm');
  if (!am && !pm) return '';
  return `${sym(am?.mark)}/${sym(pm?.mark)}`;
}

/** Problems of a legend, in Chinese (empty when valid). */
export function validateMarkTypes(types: readonly MarkType[]): string[] {
  const errors: string[] = [];
  const seen = { code: new Set<string>(), symbol: new Set<string>(), key: new Set<string>(), label: new Set<string>() };
  for (const t of types) {
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(t.code)) errors.push(`考勤标记“${t.label}”的代码应为小写字母开头的字母、数字或下划线`);
    if (!t.label.trim()) errors.push(`考勤标记 ${t.code} 缺少名称`);
    if (!t.symbol.trim()) errors.push(`考勤标记“${t.label}”缺少符号`);
    if (t.key.length !== 1) errors.push(`考勤标记“${t.label}”的快捷键应为一个字符`);
    for (const f of ['code', 'symbol', 'key', 'label'] as const) {
      if (seen[f].has(t[f])) errors.push(`考勤标记的${{ code: '代码', symbol: '符号', key: '快捷键', label: '名称' }[f]}“${t[f]}”重复`);
      seen[f].add(t[f]);
    }
  }
  for (const k of ['present', 'overtime', 'absent'] as const) {
    if (!types.some((t) => t.kind === k)) errors.push(`缺少类型为 ${k} 的考勤标记`);
  }
  return errors;
}
