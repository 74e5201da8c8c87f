import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { tempDir } from '../test-tmp';
import { FONT_FILES, FONT_NAMES, findFontDir, fontBuffer, registerFonts, resolveFonts, setFontDir } from './fonts';

afterEach(() => setFontDir(null));

describe('font lookup', () => {
  it('finds Source Han Sans SC (the npm package in a source checkout)', () => {
    const r = resolveFonts();
    expect(['repo', 'package', 'env', 'override']).toContain(r.source);
    expect(fs.existsSync(r.files.regular) && fs.existsSync(r.files.bold)).toBe(true);
  });

  it('takes the setFontDir folder first, and falls back when it lacks the files', () => {
    const pkg = resolveFonts();
    const dir = tempDir('owb-fonts-');
    for (const f of Object.values(FONT_FILES)) fs.symlinkSync(path.join(pkg.dir, f), path.join(dir, f));
    setFontDir(dir);
    expect(resolveFonts()).toMatchObject({ dir, source: 'override' });
    setFontDir(tempDir('owb-empty-'));
    expect(resolveFonts().source).not.toBe('override');
  });

  it('says in Chinese where it looked when no folder has both faces', () => {
    const empty = tempDir('owb-nofont-');
    fs.writeFileSync(path.join(empty, FONT_FILES.regular), 'only one face: not enough');
    try {
      findFontDir([{ dir: empty, source: 'override' }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('IO');
      expect((e as AppError).message).toContain('找不到生成 PDF 所需的中文字体');
      expect((e as AppError).message).toContain(empty);
    }
  });

  it('reads each file once per process and registers each face once per document', () => {
    expect(fontBuffer('regular')).toBe(fontBuffer('regular'));
    const calls: string[] = [];
    const host = { registerFont: (name: string) => calls.push(name) };
    registerFonts(host);
    registerFonts(host);
    expect(calls).toEqual([FONT_NAMES.regular, FONT_NAMES.bold]);
  });
});
