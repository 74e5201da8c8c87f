import { beforeAll, describe, expect, it } from 'vitest';
import type { FormInstance } from 'antd';
import { initI18n } from '../i18n';
import { applyIssues, isRequiredField, zodRules } from './contractForm';

beforeAll(() => {
  initI18n('zh-CN');
});

async function check(rules: ReturnType<typeof zodRules>, value: unknown): Promise<string | null> {
  const rule = rules[0];
  if (!rule || typeof rule === 'function' || !rule.validator) throw new Error('no validator rule');
  try {
    await rule.validator({}, value, () => undefined);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('contract form rules', () => {
  it('checks a field with the channel’s own zod schema, in Chinese', async () => {
    const username = zodRules('auth/setup-admin', 'username', { invalid_format: '只能包含字母、数字、下划线、点和短横线' });
    expect(await check(username, undefined)).toBe('此项必填');
    expect(await check(username, '')).toBe('此项必填');
    expect(await check(username, 'ab')).toBe('至少 3 个字符');
    expect(await check(username, 'x'.repeat(33))).toBe('最多 32 个字符');
    expect(await check(username, 'bad name')).toBe('只能包含字母、数字、下划线、点和短横线');
    expect(await check(username, 'zhang.wei')).toBeNull();
    const idle = zodRules('settings/update', 'idleLockMinutes');
    expect(await check(idle, 0)).toBe('不能小于 1');
    expect(await check(idle, 121)).toBe('不能大于 120');
    expect(await check(idle, 10)).toBeNull();
  });

  it('has no rules for a field the channel does not have', () => {
    expect(zodRules('auth/setup-admin', 'confirm')).toEqual([]);
  });

  it('knows which fields are required', () => {
    expect(isRequiredField('auth/setup-admin', 'username')).toBe(true);
    expect(isRequiredField('settings/update', 'updaterUrl')).toBe(false);
    expect(isRequiredField('auth/setup-admin', 'nope')).toBe(false);
  });

  it('puts field issues under their fields and returns the rest', () => {
    const set: Array<{ name: string; errors: string[] }> = [];
    const form = { setFields: (f: Array<{ name: string; errors: string[] }>) => set.push(...f) } as unknown as FormInstance;
    const rest = applyIssues(
      form,
      [
        { path: 'password', message: '密码强度不足' },
        { path: 'password', message: '密码强度不足' },
        { path: 'roles.0', message: '无效的角色' },
        { path: '', message: '整体错误' },
        { path: 'other', message: '不在表单里' },
      ],
      new Set(['password', 'roles']),
    );
    expect(set).toEqual([
      { name: 'password', errors: ['密码强度不足'] },
      { name: 'roles', errors: ['无效的角色'] },
    ]);
    expect(rest.map((i) => i.message)).toEqual(['整体错误', '不在表单里']);
  });
});
