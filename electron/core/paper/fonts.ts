/**
 * The CJK font of every paper form: Source Han Sans SC (思源黑体) Regular + Bold, OTF.
 *
 * Search order (the first folder holding both files wins):
 *   1. setFontDir(dir) — Electron main passes `process.resourcesPath/fonts`;
 *   2. env OWB_FONT_DIR;
 *   3. <repo>/resources/fonts;
 *   4. node_modules/node-source-han-sans-sc (the devDependency, source runs and tests).
 *
 * STACK.md: load each file once per process into a Buffer, and register each face once per
 * document under one name (two names for one file made pages 50x slower).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/errors';

export type FontFace = 'regular' | 'bold';

export const FONT_FILES: Record<FontFace, string> = {
  regular: 'SourceHanSansSC-Regular.otf',
  bold: 'SourceHanSansSC-Bold.otf',
};

/** The names the faces are registered under in every pdfkit document. */
export const FONT_NAMES: Record<FontFace, string> = {
  regular: 'owb-sans',
  bold: 'owb-sans-bold',
};

const FONT_PACKAGE = 'node-source-han-sans-sc';

export interface ResolvedFonts {
  dir: string;
  /** Where the folder came from: 'override' | 'env' | 'repo' | 'package'. */
  source: FontSource;
  files: Record<FontFace, string>;
}
export type FontSource = 'override' | 'env' | 'repo' | 'package';

let overrideDir: string | null = null;
let resolved: ResolvedFonts | null = null;
const buffers = new Map<string, Buffer>();

/** Sets (or clears with null) the first folder searched. Electron main: `path.join(process.resourcesPath, 'fonts')`. */
export function setFontDir(dir: string | null): void {
  overrideDir = dir ? path.resolve(dir) : null;
  resolved = null;
}

/** The folder of this module, under ESM (tsx, vitest) and in a CommonJS bundle alike. */
function moduleDir(): string | null {
  const url = (import.meta as { url?: string }).url;
  if (typeof url === 'string' && url.startsWith('file:')) return path.dirname(fileURLToPath(url));
  return typeof __dirname === 'string' ? __dirname : null;
}

function packageDir(): string | null {
  const here = moduleDir();
  const bases = [here ? path.join(here, 'noop.js') : null, path.join(process.cwd(), 'noop.js')];
  for (const base of bases) {
    if (!base) continue;
    try {
      return path.dirname(createRequire(base).resolve(`${FONT_PACKAGE}/package.json`));
    } catch {
      // not resolvable from here: try the next base
    }
  }
  return null;
}

function candidates(): { dir: string; source: FontSource }[] {
  const out: { dir: string; source: FontSource }[] = [];
  if (overrideDir) out.push({ dir: overrideDir, source: 'override' });
  const env = process.env.OWB_FONT_DIR;
  if (env) out.push({ dir: path.resolve(env), source: 'env' });
  const here = moduleDir();
  if (here) out.push({ dir: path.resolve(here, '../../../resources/fonts'), source: 'repo' });
  out.push({ dir: path.resolve(process.cwd(), 'resources/fonts'), source: 'repo' });
  const pkg = packageDir();
  if (pkg) out.push({ dir: pkg, source: 'package' });
  return out;
}

function hasBoth(dir: string): boolean {
  return (Object.values(FONT_FILES) as string[]).every((f) => fs.existsSync(path.join(dir, f)));
}

/** The first candidate folder holding both faces. Throws AppError('IO') in Chinese, listing where it looked. */
export function findFontDir(list: readonly { dir: string; source: FontSource }[]): ResolvedFonts {
  const tried: string[] = [];
  for (const c of list) {
    if (tried.includes(c.dir)) continue;
    tried.push(c.dir);
    if (hasBoth(c.dir)) {
      return { dir: c.dir, source: c.source, files: { regular: path.join(c.dir, FONT_FILES.regular), bold: path.join(c.dir, FONT_FILES.bold) } };
    }
  }
  throw new AppError(
    'IO',
    `找不到生成 PDF 所需的中文字体（思源黑体 ${FONT_FILES.regular} 和 ${FONT_FILES.bold}）。` +
      `已查找：${tried.join('；') || '（无）'}。请将这两个字体文件放入安装目录的 resources/fonts 文件夹，` +
      '或用环境变量 OWB_FONT_DIR 指定字体所在文件夹。',
  );
}

/** The font folder, in the search order above (cached until setFontDir). */
export function resolveFonts(): ResolvedFonts {
  resolved ??= findFontDir(candidates());
  return resolved;
}

/** The bytes of one face, read once per process (per path). */
export function fontBuffer(face: FontFace): Buffer {
  const file = resolveFonts().files[face];
  let buf = buffers.get(file);
  if (!buf) {
    buf = fs.readFileSync(file);
    buffers.set(file, buf);
  }
  return buf;
}

/** How many font files this process has read (for tests: each at most once). */
export function fontReadCount(): number {
  return buffers.size;
}

/** The parts of a fontkit font pdfkit uses (it accepts a font object in place of bytes). */
interface FontkitFont {
  layout(text: string, features?: unknown, ...rest: unknown[]): unknown;
  createSubset(): unknown;
  postscriptName: string;
}
const parsed = new Map<string, FontkitFont | null>();

/**
 * OpenType substitutions switched off when pdfkit lays text out. Source Han Sans carries large
 * contextual GSUB tables (calt, ccmp, locl …) that do nothing for Chinese forms but made
 * shaping ~10x slower than the rest of page building; kerning (GPOS) stays on.
 */
export const FAST_FEATURES: Readonly<Record<string, boolean>> = {
  calt: false,
  ccmp: false,
  clig: false,
  curs: false,
  liga: false,
  locl: false,
  mark: false,
  mkmk: false,
  rclt: false,
  rlig: false,
  rvrn: false,
};

/**
 * pdfkit parses the font anew for every document (~90 ms per face for Source Han Sans: the
 * CFF charset and FDSelect of 65 k glyphs). pdfkit >= 0.17 accepts a fontkit font object in
 * place of bytes, so the font is parsed once per process with pdfkit's own fontkit, and every
 * document shares it (read-only tables and glyph caches). The object handed to pdfkit
 * inherits everything from the parsed font and only defaults `layout` to FAST_FEATURES.
 */
function fontObject(face: FontFace): FontkitFont | null {
  const file = resolveFonts().files[face];
  if (parsed.has(file)) return parsed.get(file) ?? null;
  let font: FontkitFont | null = null;
  try {
    const base = moduleDir() ?? process.cwd();
    const fromPdfkit = createRequire(createRequire(path.join(base, 'noop.js')).resolve('pdfkit'));
    const fontkit: unknown = fromPdfkit('fontkit');
    const create = (fontkit as { create?: unknown }).create;
    if (typeof create === 'function') {
      const f: unknown = create(fontBuffer(face));
      const real = f as Partial<FontkitFont>;
      if (typeof real.layout === 'function' && typeof real.createSubset === 'function') {
        const base = f as FontkitFont;
        const fast = Object.create(base) as FontkitFont;
        fast.layout = (text: string, features?: unknown, ...rest: unknown[]) => base.layout(text, features ?? FAST_FEATURES, ...rest);
        font = fast;
      }
    }
  } catch {
    font = null; // fall back to registering the bytes (slower, same look)
  }
  parsed.set(file, font);
  return font;
}

/** The part of a pdfkit document registerFonts needs. */
export interface FontHost {
  registerFont(name: string, src: unknown): unknown;
}

const registered = new WeakSet<FontHost>();

/** Registers both faces on a document, once per document (a second call is a no-op). */
export function registerFonts(doc: FontHost): void {
  if (registered.has(doc)) return;
  for (const face of ['regular', 'bold'] as const) doc.registerFont(FONT_NAMES[face], fontObject(face) ?? fontBuffer(face));
  registered.add(doc);
}
