/**
 * Prints a PDF file (a form the core generated) with a number of copies: a hidden window in
 * its own in-memory session shows the file in Chromium's PDF viewer and `webContents.print`
 * sends it to the printer. The path comes from main (a native dialog or the data dir), never
 * as a free string from the renderer. Printing from an existing PDF works since Electron 32
 * (electron/electron#43309).
 */
import { BrowserWindow, session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { denyAllPermissions, filterRequests } from './security';

export const PRINT_PARTITION = 'owb-print';
export const MAX_COPIES = 99;
/** The PDF viewer reports load before its plugin has laid out the pages. */
const SETTLE_MS = 800;

export const PRINT_MESSAGES = {
  notPdf: '只能打印 PDF 文件：{file}',
  missing: '找不到要打印的文件：{file}',
  outside: '不允许打印此位置的文件：{file}',
  copies: `份数必须是 1 到 ${MAX_COPIES} 之间的整数。`,
  failed: '打印失败：{reason}',
} as const;

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? '');
}

export interface PrintRequest {
  file: string;
  copies: number;
  /** Without the system print dialog (printer from deviceName or the default one). */
  silent?: boolean;
  deviceName?: string;
  /** When given, the file must lie inside one of these folders. */
  roots?: readonly string[];
}

export type PrintResult = { ok: true } | { ok: false; reason: string };

/** Checks the request before any window is made: a real PDF, inside the roots, sane copies. */
export function checkPrintRequest(req: PrintRequest): PrintResult {
  const file = path.resolve(req.file);
  if (!Number.isInteger(req.copies) || req.copies < 1 || req.copies > MAX_COPIES) return { ok: false, reason: PRINT_MESSAGES.copies };
  if (path.extname(file).toLowerCase() !== '.pdf') return { ok: false, reason: fill(PRINT_MESSAGES.notPdf, { file }) };
  if (req.roots && !req.roots.some((r) => file.startsWith(path.resolve(r) + path.sep))) {
    return { ok: false, reason: fill(PRINT_MESSAGES.outside, { file }) };
  }
  try {
    if (!fs.statSync(file).isFile()) return { ok: false, reason: fill(PRINT_MESSAGES.missing, { file }) };
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(5);
      fs.readSync(fd, head, 0, 5, 0);
      if (head.toString('latin1') !== '%PDF-') return { ok: false, reason: fill(PRINT_MESSAGES.notPdf, { file }) };
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return { ok: false, reason: fill(PRINT_MESSAGES.missing, { file }) };
  }
  return { ok: true };
}

/** Requests the print window may make: the one file and Chromium's own PDF viewer internals. */
export function isAllowedPrintRequest(url: string, fileUrl: string): boolean {
  if (url.split('#')[0] === fileUrl) return true;
  try {
    return ['chrome-extension:', 'chrome:', 'chrome-untrusted:', 'data:', 'blob:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export async function printPdf(req: PrintRequest): Promise<PrintResult> {
  const checked = checkPrintRequest(req);
  if (!checked.ok) return checked;
  const fileUrl = pathToFileURL(path.resolve(req.file)).href;
  const ses = session.fromPartition(PRINT_PARTITION);
  denyAllPermissions(ses);
  filterRequests(ses, (url) => isAllowedPrintRequest(url, fileUrl));
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session: ses, sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, webSecurity: true, spellcheck: false },
  });
  try {
    await win.loadURL(fileUrl);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return await new Promise<PrintResult>((resolve) => {
      win.webContents.print(
        { silent: req.silent ?? false, copies: req.copies, printBackground: true, ...(req.deviceName ? { deviceName: req.deviceName } : {}) },
        (success, failureReason) => resolve(success ? { ok: true } : { ok: false, reason: fill(PRINT_MESSAGES.failed, { reason: failureReason || '已取消' }) }),
      );
    });
  } catch (e) {
    return { ok: false, reason: fill(PRINT_MESSAGES.failed, { reason: e instanceof Error ? e.message : String(e) }) };
  } finally {
    if (!win.isDestroyed()) win.destroy();
  }
}
