import type { Project } from '../../../shared/contract/project';
import type { Content, GridRow, SignatureItem, TableColumn } from '../paper/pdf';

/**
 * A paper form as data: one model, two renderings (PDF and Excel) that print the same labels
 * and the same values in the same order. Label/value grids, ruled tables and signature lines
 * are the pieces every 表/单 of the contract is made of.
 */
export interface FormTable {
  heading?: string;
  columns: readonly TableColumn[];
  rows: readonly Readonly<Record<string, Content>>[];
}

export type FormBlock = { kind: 'grid'; rows: readonly GridRow[] } | ({ kind: 'table' } & FormTable) | { kind: 'note'; text: string };

export interface FormModel {
  /** The form's title as printed (from the project's form titles). */
  title: string;
  /** A line under the title (项目名称 …). */
  subtitle?: string;
  /** 文档编号, printed top right. */
  docNo?: string;
  blocks: readonly FormBlock[];
  signatures: readonly SignatureItem[];
  /** Document properties. */
  info: { title: string; author?: string; subject: string };
  /** Sheet name of the Excel version. */
  sheetName: string;
}

/** The title of a form kind from the project's settings, with {平台名称} filled in. */
export function formTitle(project: Project, key: string, fallback: string): string {
  const raw = project.settings.formTitles[key] ?? fallback;
  return raw.replace(/\{平台名称\}/g, project.platformName).replace(/\{项目名称\}/g, project.name);
}

/** 2026 年 3 月 2 日, the way dates are written on the contract's forms. */
export function paperDate(date: string | null | undefined): string {
  if (!date) return '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日';
  const [y, m, d] = date.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}
