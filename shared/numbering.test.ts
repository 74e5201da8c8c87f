import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  counterScope,
  defaultNumberingRules,
  DOC_KINDS,
  formatDocNo,
  parseDocNo,
  parseRule,
  validateNumberingRule,
  validateNumberingRules,
} from './numbering';

describe('default rules', () => {
  it('one valid rule per kind, as the default project seeds them', () => {
    const r = defaultNumberingRules();
    expect(Object.keys(r)).toEqual([...DOC_KINDS]);
    expect(r.fault).toBe('GZ-{YYYY}-{SEQ:4}');
    expect(r.workorder).toBe('GD-{YYYY}-{SEQ:4}');
    expect(r.problem.startsWith('WT-')).toBe(true);
    expect(r.inspection.startsWith('XJ-')).toBe(true);
    expect(r.document.startsWith('WD-')).toBe(true);
    expect(validateNumberingRules(r)).toEqual([]);
  });
});

describe('formatDocNo', () => {
  it('pads the sequence and keeps all digits beyond the width', () => {
    expect(formatDocNo('GZ-{YYYY}-{SEQ:4}', '2026-11-28', 7)).toBe('GZ-2026-0007');
    expect(formatDocNo('GZ-{YYYY}-{SEQ:4}', '2026-11-28', 12345)).toBe('GZ-2026-12345');
    expect(formatDocNo('WD{YY}{MM}-{SEQ:3}', '2026-01-05', 1)).toBe('WD2601-001');
    expect(formatDocNo('NO.{SEQ}', '2026-01-05', 42)).toBe('NO.0042');
    expect(formatDocNo('{SEQ:1}', '2026-01-05', 3)).toBe('3');
  });

  it('refuses a bad rule, date or sequence', () => {
    expect(() => formatDocNo('GZ-{YYYY}', '2026-01-05', 1)).toThrow(/序号/);
    expect(() => formatDocNo('GZ-{SEQ:4}', '2026-13-05', 1)).toThrow(RangeError);
    expect(() => formatDocNo('GZ-{SEQ:4}', '2026-01-05', 0)).toThrow(RangeError);
    expect(() => formatDocNo('GZ-{SEQ:4}', '2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('counterScope', () => {
  it('resets per year with a year, per month with a month, never without', () => {
    expect(counterScope('GZ-{YYYY}-{SEQ:4}', '2025-12-31')).toBe('2025');
    expect(counterScope('GZ-{YYYY}-{SEQ:4}', '2026-01-01')).toBe('2026');
    expect(counterScope('GZ-{YY}-{SEQ:4}', '2026-01-01')).toBe('2026');
    expect(counterScope('GZ-{YYYY}{MM}-{SEQ:3}', '2026-02-01')).toBe('2026-02');
    expect(counterScope('GZ-{SEQ:6}', '2026-02-01')).toBe('all');
  });

  it('year end: the last number of a year and the first of the next', () => {
    const rule = 'GZ-{YYYY}-{SEQ:4}';
    expect(counterScope(rule, '2025-12-31')).not.toBe(counterScope(rule, '2026-01-01'));
    expect(formatDocNo(rule, '2025-12-31', 318)).toBe('GZ-2025-0318');
    expect(formatDocNo(rule, '2026-01-01', 1)).toBe('GZ-2026-0001');
  });
});

describe('parseDocNo', () => {
  it('reads numbers back', () => {
    expect(parseDocNo('GZ-{YYYY}-{SEQ:4}', 'GZ-2026-0007')).toEqual({ seq: 7, year: 2026, month: null, scope: '2026' });
    expect(parseDocNo('GZ-{YYYY}-{SEQ:4}', 'GZ-2026-12345')).toEqual({ seq: 12345, year: 2026, month: null, scope: '2026' });
    expect(parseDocNo('WD{YY}{MM}-{SEQ:3}', 'WD2601-001')).toEqual({ seq: 1, year: 2026, month: 1, scope: '2026-01' });
    expect(parseDocNo('{SEQ:4}{YYYY}', '123452026')).toEqual({ seq: 12345, year: 2026, month: null, scope: '2026' });
    expect(parseDocNo('A.{SEQ:2}', 'A.07')).toEqual({ seq: 7, year: null, month: null, scope: 'all' });
  });

  it('null for numbers of another rule or not canonical', () => {
    expect(parseDocNo('GZ-{YYYY}-{SEQ:4}', 'GD-2026-0007')).toBeNull();
    expect(parseDocNo('GZ-{YYYY}-{SEQ:4}', 'GZ-2026-007')).toBeNull();
    expect(parseDocNo('GZ-{YYYY}-{SEQ:4}', 'GZ-2026-00007')).toBeNull();
    expect(parseDocNo('GZ-{YYYY}-{SEQ:4}', 'GZ-2026-0000')).toBeNull();
    expect(parseDocNo('GZ-{YYYY}{MM}-{SEQ:4}', 'GZ-202613-0001')).toBeNull();
    expect(parseDocNo('A.{SEQ:2}', 'AX07')).toBeNull();
    expect(parseDocNo('{YYYY}-{YY}-{SEQ:2}', '2026-25-01')).toBeNull();
  });

  it('round-trips every valid rule, date and sequence', () => {
    const literal = fc.stringMatching(/^[A-Z0-9\-_.#]{0,4}$/);
    const token = fc.constantFrom('{YYYY}', '{YY}', '{MM}');
    const rule = fc
      .tuple(literal, fc.array(fc.tuple(token, literal), { maxLength: 3 }), fc.integer({ min: 1, max: 9 }), literal, fc.boolean())
      .map(([pre, parts, width, post, seqFirst]) => {
        const body = parts.map(([t, l]) => t + l).join('');
        return seqFirst ? `${pre}{SEQ:${width}}${body}${post}` : `${pre}${body}{SEQ:${width}}${post}`;
      })
      .filter((r) => validateNumberingRule(r).length === 0);
    const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(rule, date, fc.integer({ min: 1, max: 10_000_000 }), (r, d, seq) => {
        const no = formatDocNo(r, d, seq);
        const p = parseDocNo(r, no);
        expect(p).not.toBeNull();
        expect(p!.seq).toBe(seq);
        expect(p!.scope).toBe(counterScope(r, d));
      }),
    );
  });
});

describe('rule validation (Chinese messages)', () => {
  it('lists every problem', () => {
    expect(validateNumberingRule('')).toEqual(['编号规则不能为空']);
    expect(validateNumberingRule('GZ-{YYYY}')).toEqual(['编号规则必须包含序号占位符 {SEQ:n}']);
    expect(validateNumberingRule('GZ-{SEQ:4}-{SEQ:2}')).toEqual(['序号占位符 {SEQ} 只能出现一次']);
    expect(validateNumberingRule('GZ-{SEQ:0}')).toEqual(['序号位数应为 1–9：{SEQ:0}']);
    expect(validateNumberingRule('GZ-{SEQ:12}')).toEqual(['序号位数应为 1–9：{SEQ:12}']);
    expect(validateNumberingRule('GZ-{DD}-{SEQ:4}')).toEqual(['未知的占位符 {DD}，可用：{YYYY} {YY} {MM} {SEQ:n}']);
    expect(validateNumberingRule('GZ-{MM}-{SEQ:4}')).toEqual(['包含月份 {MM} 时必须同时包含年份 {YYYY} 或 {YY}']);
    expect(validateNumberingRule('GZ/{YYYY}/{SEQ:4}')).toEqual(['编号规则不能包含空白或字符 \\ / : * ? " < > |（编号会用作文件名）']);
    expect(validateNumberingRule('GZ {SEQ:4}')).toHaveLength(1);
    expect(validateNumberingRule('GZ-{YYYY-{SEQ:4}')).toContain('花括号不匹配：“{”没有对应的“}”');
    expect(validateNumberingRule('GZ-}{SEQ:4}')).toEqual(['花括号不匹配：多余的“}”']);
    expect(validateNumberingRule(`${'X'.repeat(60)}{SEQ}`)).toEqual(['编号规则最多 60 个字符']);
    expect(parseRule('故障{YYYY}第{SEQ:3}号')).toMatchObject({ ok: true });
  });

  it('a rule set names the kind', () => {
    expect(validateNumberingRules({ ...defaultNumberingRules(), fault: 'GZ' })).toEqual(['故障报告单：编号规则必须包含序号占位符 {SEQ:n}']);
    const { problem: _p, ...rest } = defaultNumberingRules();
    expect(validateNumberingRules(rest)).toEqual(['缺少问题单的编号规则']);
  });
});
