/**
 * Line breaking for Chinese forms: a line may break between any two CJK characters, Latin
 * words stay whole unless wider than the line, and the usual kinsoku rules hold (no closing
 * punctuation at a line start, no opening punctuation at a line end). Pure: widths come from
 * a measure function, so this is tested without a PDF.
 */

/** Width of a string at the current font and size. */
export type Measure = (s: string) => number;

/** Never starts a line (ASCII punctuation stays inside its Latin word: 10.32.1.15, a,b). */
const CLOSING = new Set('，。、；：？！）」』》〉】〕”’…—％·～'.split(''));
/** Never ends a line. */
const OPENING = new Set('（「『《〈【〔“‘'.split(''));

/** Ideographs, kana, hangul, CJK and full-width punctuation: a break is allowed around each. */
function isBreakAnywhere(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x25a0 && c <= 0x27bf) ||
    c >= 0x20000
  );
}

/**
 * Splits one line (no '\n') into unbreakable tokens: single CJK characters (with attached
 * punctuation), Latin words, and runs of spaces.
 */
export function tokenize(line: string): string[] {
  const raw: string[] = [];
  let word = '';
  const flush = (): void => {
    if (word) raw.push(word);
    word = '';
  };
  for (const ch of line) {
    if (ch === ' ' || ch === '\t') {
      flush();
      const last = raw[raw.length - 1];
      if (last !== undefined && /^ +$/.test(last)) raw[raw.length - 1] = last + ' ';
      else raw.push(' ');
    } else if (isBreakAnywhere(ch) || CLOSING.has(ch) || OPENING.has(ch)) {
      flush();
      raw.push(ch);
    } else {
      word += ch;
    }
  }
  flush();
  // Kinsoku: glue closing marks to what precedes them, opening marks to what follows.
  const out: string[] = [];
  let pendingOpen = '';
  for (const t of raw) {
    const prev = out[out.length - 1];
    if (t.length === 1 && CLOSING.has(t) && prev !== undefined && !pendingOpen && !/^ +$/.test(prev)) {
      out[out.length - 1] = prev + t;
    } else if (t.length === 1 && OPENING.has(t)) {
      pendingOpen += t;
    } else {
      out.push(pendingOpen + t);
      pendingOpen = '';
    }
  }
  if (pendingOpen) out.push(pendingOpen);
  return out;
}

/** Splits a token wider than `width` into pieces that fit (at least one character each). */
function hardBreak(token: string, width: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let cur = '';
  for (const ch of token) {
    if (cur && measure(cur + ch) > width) {
      pieces.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

/**
 * Wraps text into lines no wider than `width` (a single character wider than `width` still
 * gets its own line: callers shrink the font when that happens, see `fitsByCharacter`).
 * '\n' (and '\r\n') start new lines; empty lines are kept.
 */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
    let cur = '';
    let curW = 0;
    const push = (): void => {
      lines.push(cur.replace(/ +$/, ''));
      cur = '';
      curW = 0;
    };
    for (const tok of tokenize(para)) {
      const isSpace = /^ +$/.test(tok);
      if (isSpace && !cur) continue; // no leading spaces on wrapped lines
      const w = measure(tok);
      if (curW + w <= width + 1e-6) {
        cur += tok;
        curW += w;
        continue;
      }
      if (isSpace) {
        push();
        continue;
      }
      if (cur) push();
      if (w <= width + 1e-6) {
        cur = tok;
        curW = w;
        continue;
      }
      const pieces = hardBreak(tok, width, measure);
      const last = pieces.pop() ?? '';
      lines.push(...pieces);
      cur = last;
      curW = measure(last);
    }
    lines.push(cur.replace(/ +$/, ''));
  }
  return lines;
}

/** Widest single character of a text (what must fit in a cell for wrapping to work). */
export function widestChar(text: string, measure: Measure): number {
  let max = 0;
  for (const ch of new Set(text)) {
    if (ch === '\n' || ch === '\r') continue;
    max = Math.max(max, measure(ch));
  }
  return max;
}

/** Widest unbreakable token of a text (for choosing column widths). */
export function widestToken(text: string, measure: Measure): number {
  let max = 0;
  for (const para of text.split(/\r?\n/)) for (const t of tokenize(para)) max = Math.max(max, measure(t));
  return max;
}

/**
 * Like wrapText, but with lines of even length: the narrowest width that needs no more lines
 * (table headers and labels: "内容\n分类" rather than "内容分\n类").
 */
export function wrapBalanced(text: string, width: number, measure: Measure): string[] {
  const lines = wrapText(text, width, measure);
  if (lines.length < 2 || text.includes('\n')) return lines;
  let lo = Math.max(widestToken(text, measure), 1);
  let hi = width;
  if (lo >= hi) return lines;
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    if (wrapText(text, mid, measure).length <= lines.length) hi = mid;
    else lo = mid;
  }
  return wrapText(text, hi, measure);
}
