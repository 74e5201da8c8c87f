/**
 * Document numbers (文档编号) by a rule per document kind, e.g. `GZ-{YYYY}-{SEQ:4}` →
 * `GZ-2026-0007`. The rules are project data (`settings.numbering`).
 *
 * Tokens: `{YYYY}` year, `{YY}` two-digit year, `{MM}` month, `{SEQ:n}` the sequence padded
 * to n digits (1–9; `{SEQ}` = 4). Everything else is literal text (the prefix `GZ-`, separators).
 * The sequence restarts every year when the rule has a year, every month when it also has
 * `{MM}`, and never otherwise (`counterScope`). A sequence beyond its width keeps all digits.
 */

export const DOC_KINDS = ['fault', 'workorder', 'problem', 'inspection', 'document'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export const DOC_KIND_LABELS: Record<DocKind, string> = {
  fault: '故障报告单',
  workorder: '运维实施工单',
  problem: '问题单',
  inspection: '巡检记录',
  document: '文档',
};

export type NumberingRules = Record<DocKind, string>;

/** The default project's rules (GZ 故障, GD 工单, WT 问题, XJ 巡检, WD 文档). */
export function defaultNumberingRules(): NumberingRules {
  return {
    fault: 'GZ-{YYYY}-{SEQ:4}',
    workorder: 'GD-{YYYY}-{SEQ:4}',
    problem: 'WT-{YYYY}-{SEQ:4}',
    inspection: 'XJ-{YYYY}-{SEQ:4}',
    document: 'WD-{YYYY}-{SEQ:3}',
  };
}

export const RULE_MAX_LENGTH = 60;
export const DEFAULT_SEQ_WIDTH = 4;
const FORBIDDEN = /[\s\\/:*?"<>|]/;

export type RuleToken = { type: 'text'; text: string } | { type: 'YYYY' } | { type: 'YY' } | { type: 'MM' } | { type: 'SEQ'; width: number };

export type ParsedRule = { ok: true; tokens: RuleToken[] } | { ok: false; errors: string[] };

/** Tokens of a rule, or its problems in Chinese. */
export function parseRule(rule: string): ParsedRule {
  const errors: string[] = [];
  const tokens: RuleToken[] = [];
  if (rule.trim() === '') return { ok: false, errors: ['编号规则不能为空'] };
  if (rule.length > RULE_MAX_LENGTH) errors.push(`编号规则最多 ${RULE_MAX_LENGTH} 个字符`);
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) tokens.push({ type: 'text', text });
    text = '';
  };
  while (i < rule.length) {
    const ch = rule[i]!;
    if (ch === '}') {
      errors.push('花括号不匹配：多余的“}”');
      i++;
      continue;
    }
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    const close = rule.indexOf('}', i);
    const nextOpen = rule.indexOf('{', i + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      errors.push('花括号不匹配：“{”没有对应的“}”');
      i++;
      continue;
    }
    const body = rule.slice(i + 1, close);
    flush();
    const seq = /^SEQ(?::(\d+))?$/.exec(body);
    if (body === 'YYYY' || body === 'YY' || body === 'MM') tokens.push({ type: body });
    else if (seq) {
      const width = seq[1] === undefined ? DEFAULT_SEQ_WIDTH : Number(seq[1]);
      if (!Number.isInteger(width) || width < 1 || width > 9) errors.push(`序号位数应为 1–9：{${body}}`);
      tokens.push({ type: 'SEQ', width });
    } else errors.push(`未知的占位符 {${body}}，可用：{YYYY} {YY} {MM} {SEQ:n}`);
    i = close + 1;
  }
  flush();
  const literal = tokens.flatMap((t) => (t.type === 'text' ? [t.text] : [])).join('');
  if (FORBIDDEN.test(literal)) errors.push('编号规则不能包含空白或字符 \\ / : * ? " < > |（编号会用作文件名）');
  const seqs = tokens.filter((t) => t.type === 'SEQ').length;
  if (seqs === 0) errors.push('编号规则必须包含序号占位符 {SEQ:n}');
  if (seqs > 1) errors.push('序号占位符 {SEQ} 只能出现一次');
  const hasYear = tokens.some((t) => t.type === 'YYYY' || t.type === 'YY');
  if (tokens.some((t) => t.type === 'MM') && !hasYear) errors.push('包含月份 {MM} 时必须同时包含年份 {YYYY} 或 {YY}');
  return errors.length ? { ok: false, errors } : { ok: true, tokens };
}

/** Problems of a rule in Chinese; empty when the rule is valid. */
export function validateNumberingRule(rule: string): string[] {
  const r = parseRule(rule);
  return r.ok ? [] : r.errors;
}

/** Problems of a rule set: every kind present and valid (messages name the kind). */
export function validateNumberingRules(rules: Partial<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const kind of DOC_KINDS) {
    const rule = rules[kind];
    if (rule === undefined) out.push(`缺少${DOC_KIND_LABELS[kind]}的编号规则`);
    else for (const e of validateNumberingRule(rule)) out.push(`${DOC_KIND_LABELS[kind]}：${e}`);
  }
  return out;
}

function tokensOf(rule: string): RuleToken[] {
  const r = parseRule(rule);
  if (!r.ok) throw new RangeError(`编号规则无效（${rule}）：${r.errors.join('；')}`);
  return r.tokens;
}

function assertDate(date: string): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(date)) throw new RangeError(`invalid business date: ${date}`);
}

/** The number for sequence `seq` (1, 2, …) on business date `date` ('YYYY-MM-DD'). */
export function formatDocNo(rule: string, date: string, seq: number): string {
  assertDate(date);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`invalid sequence: ${seq}`);
  return tokensOf(rule)
    .map((t) => {
      switch (t.type) {
        case 'text':
          return t.text;
        case 'YYYY':
          return date.slice(0, 4);
        case 'YY':
          return date.slice(2, 4);
        case 'MM':
          return date.slice(5, 7);
        case 'SEQ':
          return String(seq).padStart(t.width, '0');
      }
    })
    .join('');
}

/**
 * The counter a number is drawn from: 'YYYY' (e.g. '2026') when the rule has a year, 'YYYY-MM'
 * when it also has a month, 'all' when it has neither. Same strings as the core's doc_counters.
 */
export function counterScope(rule: string, date: string): string {
  assertDate(date);
  const tokens = tokensOf(rule);
  const year = tokens.some((t) => t.type === 'YYYY' || t.type === 'YY');
  const month = tokens.some((t) => t.type === 'MM');
  return year ? (month ? date.slice(0, 7) : date.slice(0, 4)) : 'all';
}

export interface ParsedDocNo {
  seq: number;
  /** From {YYYY}, or 2000 + {YY}; null when the rule has no year. */
  year: number | null;
  month: number | null;
  /** The counter scope the number belongs to (see counterScope). */
  scope: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads a number back by its rule; null when it does not match. (Only the sequence has a
 * variable width, so a valid rule reads every number it formats back unambiguously.)
 */
export function parseDocNo(rule: string, docNo: string): ParsedDocNo | null {
  const tokens = tokensOf(rule);
  const names: Array<'YYYY' | 'YY' | 'MM' | 'SEQ'> = [];
  const re = tokens
    .map((t) => {
      if (t.type === 'text') return escapeRe(t.text);
      names.push(t.type);
      if (t.type === 'YYYY') return '(\\d{4})';
      if (t.type === 'SEQ') return `(\\d{${t.width},})`;
      return '(\\d{2})';
    })
    .join('');
  const m = new RegExp(`^${re}$`).exec(docNo);
  if (!m) return null;
  let yyyy4: number | null = null;
  let yy: number | null = null;
  let month: number | null = null;
  let seq = 0;
  for (let i = 0; i < names.length; i++) {
    const raw = m[i + 1]!;
    const v = Number(raw);
    const name = names[i];
    if (name === 'YYYY') yyyy4 = v;
    else if (name === 'YY') yy = v;
    else if (name === 'MM') month = v;
    else {
      seq = v;
      // Only the canonical form: 'GZ-2026-00007' is not how {SEQ:4} writes 7.
      const width = tokens.find((t): t is { type: 'SEQ'; width: number } => t.type === 'SEQ')?.width ?? DEFAULT_SEQ_WIDTH;
      if (raw !== String(v).padStart(width, '0')) return null;
    }
  }
  if (yyyy4 !== null && yy !== null && yyyy4 % 100 !== yy) return null;
  const year = yyyy4 ?? (yy === null ? null : 2000 + yy);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (seq < 1) return null;
  const yyyy = year === null ? null : String(year).padStart(4, '0');
  const scope = yyyy === null ? 'all' : month === null ? yyyy : `${yyyy}-${String(month).padStart(2, '0')}`;
  return { seq, year, month, scope };
}
