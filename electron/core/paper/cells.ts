/**
 * User text into spreadsheet cells and CSV fields, safely: a value typed by a user never
 * becomes a formula, and never breaks the file.
 */
import type { CellValue } from 'exceljs';
import { isCheckGroup, type CheckGroup } from './pdf-content';

/** Excel's limit per cell. */
export const MAX_CELL_CHARS = 32767;

/** Characters XML 1.0 forbids (they make the whole xlsx unreadable); tab, LF and CR are allowed. */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** First characters that make spreadsheet programs read a CSV field as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A check group as text: √ before chosen options, □ before the others (same as the PDF's text layer). */
export function checksText(group: CheckGroup): string {
  return group.checks.map((c) => `${c.checked ? '√' : '□'}${c.label}`).join('  ');
}

function cleanString(s: string): string {
  const clean = s.replace(XML_ILLEGAL, '');
  return clean.length > MAX_CELL_CHARS ? clean.slice(0, MAX_CELL_CHARS) : clean;
}

/**
 * A cell value that is always a plain value: strings stay strings (exceljs writes them as
 * strings, so "=HYPERLINK(…)" shows as text, not a formula), numbers stay numbers, dates stay
 * dates. Objects (formula, rich text, hyperlink shapes) are never passed through: they become
 * their text. Characters XML forbids are dropped; text longer than Excel allows is cut.
 */
export function safeCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return cleanString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (isCheckGroup(value)) return cleanString(checksText(value));
  if (Array.isArray(value)) return cleanString(value.map((v) => textOf(v)).join('\n'));
  return cleanString(textOf(value));
}

/** Plain text of any value (for CSV and for objects in cells). */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (isCheckGroup(value)) return checksText(value);
  if (Array.isArray(value)) return value.map((v) => textOf(v)).join('\n');
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/**
 * One CSV field: text that a spreadsheet would run as a formula (starts with = + - @ tab CR)
 * gets a leading apostrophe; fields with a comma, quote, line break or edge spaces are quoted.
 * Numbers are written as numbers (a negative number stays -5, not '-5).
 */
export function csvCell(value: unknown): string {
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : textOf(value);
  s = s.replace(XML_ILLEGAL, '');
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record with CRLF (what Excel writes and expects). */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map((v) => csvCell(v)).join(',')}\r\n`;
}

/** A whole CSV file with a UTF-8 BOM, so that Excel on Chinese Windows reads it as UTF-8. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${rows.map((r) => csvLine(r)).join('')}`;
}
