import { describe, expect, it } from 'vitest';
import { cellSymbol, defaultMarkTypes, halfWeight, KIND_BEHAVIOR, markBehavior, markLegend, markTypeOf, markTypeOfKind, MARK_KINDS, validateMarkTypes, type MarkType } from './marks';

describe('default legend', () => {
  const types = defaultMarkTypes();

  it('ten marks, one per kind, distinct codes, symbols and keys', () => {
    expect(types.map((t) => t.label)).toEqual(['出勤', '加班', '迟到', '早退', '出差', '学习培训', '休假', '事假', '病假', '旷工']);
    expect(types.map((t) => t.kind)).toEqual([...MARK_KINDS]);
    expect(validateMarkTypes(types)).toEqual([]);
    expect(markLegend(types)).toBe('考勤标记：√ 出勤  ◆ 加班  △ 迟到  ▲ 早退  ◇ 出差  □ 学习培训  ● 休假  ○ 事假  ☆ 病假  × 旷工');
  });

  it('what each counts as', () => {
    const counts = Object.fromEntries(types.map((t) => [t.label, markBehavior(t).countsAs]));
    expect(counts).toEqual({
      出勤: 'present', 加班: 'overtime', 迟到: 'present', 早退: 'present', 出差: 'present', 学习培训: 'present',
      休假: 'leave', 事假: 'leave', 病假: 'leave', 旷工: 'absent',
    });
    expect(markBehavior(markTypeOf(types, 'personal')!)).toMatchObject({ needsRequest: true, needsNotice: true, needsSickNote: false });
    expect(markBehavior(markTypeOf(types, 'sick')!)).toMatchObject({ needsRequest: true, needsNotice: false, needsSickNote: true });
    expect(markBehavior(markTypeOf(types, 'late')!).halfDayAllowed).toBe(false);
    expect(markBehavior(markTypeOf(types, 'present')!).halfDayAllowed).toBe(true);
  });

  it('a legend stored without behaviour fields follows the kind', () => {
    const bare: MarkType = { code: 'sj', label: '事假', symbol: 'S', key: 's', kind: 'personal' };
    expect(markBehavior(bare)).toEqual(KIND_BEHAVIOR.personal);
    expect(markBehavior({ ...bare, needsNotice: false }).needsNotice).toBe(false);
    expect(markTypeOfKind([bare], 'personal')).toBe(bare);
    expect(markTypeOfKind([bare], 'sick')).toBeUndefined();
  });

  it('cells: whole days, half days and unknown codes', () => {
    expect(cellSymbol(types, [{ half: 'full', mark: 'present' }])).toBe('√');
    expect(cellSymbol(types, [{ half: 'pm', mark: 'personal' }, { half: 'am', mark: 'present' }])).toBe('√/○');
    expect(cellSymbol(types, [{ half: 'am', mark: 'sick' }])).toBe('☆/ ');
    expect(cellSymbol(types, [{ half: 'full', mark: 'nope' }])).toBe('?');
    expect(cellSymbol(types, [])).toBe('');
    expect(halfWeight('full')).toBe(1);
    expect(halfWeight('am')).toBe(0.5);
  });

  it('validation in Chinese', () => {
    const bad: MarkType[] = [
      { code: 'Present', label: '出勤', symbol: '√', key: '1', kind: 'present' },
      { code: 'p2', label: '出勤', symbol: '√', key: '12', kind: 'present' },
    ];
    expect(validateMarkTypes(bad)).toEqual([
      '考勤标记“出勤”的代码应为小写字母开头的字母、数字或下划线',
      '考勤标记“出勤”的快捷键应为一个字符',
      '考勤标记的符号“√”重复',
      '考勤标记的名称“出勤”重复',
      '缺少类型为 overtime 的考勤标记',
      '缺少类型为 absent 的考勤标记',
    ]);
  });
});
