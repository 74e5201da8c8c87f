/**
 * Print order of a pack: its PDFs as they sort in the pack (封面及目录, then the numbered
 * sections, months in order), without the scans of already signed paper. Electron main does
 * the printing (electron/main/print.ts) with the copies count — the contract asks for 一式三份.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, manifestSchema } from './crypto';
import { pdfPageCount } from './content/paper-doc';

export interface PrintItem {
  /** Path inside the pack. */
  path: string;
  absPath: string;
  title: string;
  pages: number;
}

const SCANS = /(^|\/)\d+-签字扫描件\//;

/** Title from the file name: "06-运维实施工单/2024-06-运维实施工单.pdf" → "2024-06-运维实施工单". */
export function titleOf(rel: string): string {
  return path.posix.basename(rel).replace(/\.pdf$/i, '').replace(/^\d{2}-/, '');
}

export async function printList(folder: string): Promise<PrintItem[]> {
  const manifest = manifestSchema.parse(JSON.parse(await fsp.readFile(path.join(folder, MANIFEST_FILE), 'utf8')));
  const out: PrintItem[] = [];
  for (const e of manifest.entries) {
    if (!/\.pdf$/i.test(e.path) || SCANS.test(e.path)) continue;
    const absPath = path.join(folder, ...e.path.split('/'));
    out.push({ path: e.path, absPath, title: titleOf(e.path), pages: pdfPageCount(await fsp.readFile(absPath)) });
  }
  return out;
}
