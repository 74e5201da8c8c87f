import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { en } from './en';
import { initI18n, i18next } from './index';
import { zhCN } from './zh-CN';

type Tree = { readonly [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  const zh = leaves(zhCN);
  const e = leaves(en);

  it('zh-CN and en have exactly the same keys', () => {
    expect([...e.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('no message is empty, and both use the same placeholders', () => {
    for (const [k, v] of zh) {
      expect(v.trim(), `zh-CN ${k}`).not.toBe('');
      expect(e.get(k)?.trim(), `en ${k}`).not.toBe('');
      expect(placeholders(e.get(k) ?? ''), `placeholders of ${k}`).toEqual(placeholders(v));
    }
  });

  it('zh-CN text is Chinese (every message has a CJK character or CJK punctuation, or is a dash)', () => {
    for (const [k, v] of zh) expect(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]|^[—–-]$/.test(v), `zh-CN ${k}: ${v}`).toBe(true);
  });

  it('every USB read-back mode the core reports has its message (the export dialog shows it)', () => {
    const modes = contract['packs/export-usb'].output.shape.readBack.options;
    expect(modes.length).toBeGreaterThan(0);
    for (const m of modes) expect(zh.has(`reports.usb.readBack.${m}`), m).toBe(true);
  });

  it('i18next starts in zh-CN and interpolates', () => {
    initI18n('zh-CN');
    expect(i18next.language).toBe('zh-CN');
    expect(i18next.t('app.version', { version: '0.1.0' })).toBe('版本 0.1.0');
    expect(i18next.t('nav.reports')).toBe('报表与验收');
  });
});
