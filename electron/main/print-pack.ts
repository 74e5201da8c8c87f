/**
 * Printing a pack from the desktop app: the renderer names the pack, the copies and a printer;
 * main asks the core for the pack's print list (packs/print-list, with the caller's session, so
 * roles apply) and prints each PDF in order, silently, to that printer. No file path comes from
 * the renderer, and every file must lie inside the packs folder.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PrintFormOutcome, PrintFormRequest, PrintPackOutcome, PrintPackRequest, PrinterChoice } from '../../shared/bridge-api';
import { IPC_PRINT_FORM, IPC_PRINT_PACK, IPC_PRINTERS } from '../../shared/bridge-api';
import { AppError, type Result } from '../../shared/errors';
import type { CoreCalls } from './ipc';
import { isTrustedSender } from './ipc';
import { MAX_COPIES, type PrintRequest, type PrintResult } from './print';

const MESSAGES = {
  untrustedSender: '请求来源不受信任，已拒绝。',
  malformed: '打印请求无效。',
} as const;

type Sender = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: Pick<WebContents, 'getPrintersAsync'> };

function refuse<T>(code: 'FORBIDDEN' | 'VALIDATION', message: string): Result<T> {
  return { ok: false, error: new AppError(code, message).toJSON() };
}

/** `{ packId, copies, deviceName?, session }` and nothing else; null when the shape is wrong. */
export function parsePrintPackRequest(raw: unknown): PrintPackRequest | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.getPrototypeOf(raw) !== Object.prototype) return null;
  const keys = Object.keys(raw);
  if (keys.some((k) => !['packId', 'copies', 'deviceName', 'session'].includes(k))) return null;
  const { packId, copies, deviceName, session } = raw as Record<string, unknown>;
  if (typeof packId !== 'string' || packId.length === 0 || packId.length > 64) return null;
  if (typeof copies !== 'number' || !Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) return null;
  if (deviceName !== undefined && (typeof deviceName !== 'string' || deviceName.length === 0 || deviceName.length > 256)) return null;
  if (typeof session !== 'string' || session.length === 0 || session.length > 512) return null;
  return { packId, copies, session, ...(deviceName !== undefined ? { deviceName } : {}) };
}

export interface PrintPackDeps {
  core: CoreCalls;
  print(req: PrintRequest): Promise<PrintResult>;
  /** The folder every printed file must lie in (the packs folder of the data dir). */
  packsRoot: string;
  /** Where a printed form's copy is kept (the data dir's printed/ folder). */
  printedRoot: string;
}

/** `{ kind, params, copies, deviceName?, session }`; null when the shape is wrong. */
export function parsePrintFormRequest(raw: unknown): PrintFormRequest | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.getPrototypeOf(raw) !== Object.prototype) return null;
  if (Object.keys(raw).some((k) => !['kind', 'params', 'copies', 'deviceName', 'session'].includes(k))) return null;
  const { kind, params, copies, deviceName, session } = raw as Record<string, unknown>;
  if (typeof kind !== 'string' || kind.length === 0 || kind.length > 40) return null;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return null;
  const entries = Object.entries(params);
  if (entries.length > 10 || entries.some(([k, v]) => k.length > 40 || typeof v !== 'string' || v.length > 200)) return null;
  if (typeof copies !== 'number' || !Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) return null;
  if (deviceName !== undefined && (typeof deviceName !== 'string' || deviceName.length === 0 || deviceName.length > 256)) return null;
  if (typeof session !== 'string' || session.length === 0 || session.length > 512) return null;
  return { kind, params: Object.fromEntries(entries) as Record<string, string>, copies, session, ...(deviceName !== undefined ? { deviceName } : {}) };
}

/**
 * One form: the core renders it (forms/export with the caller's session), main keeps the copy
 * under printed/YYYY-MM-DD/ and prints that file.
 */
export function createPrintFormHandler(deps: PrintPackDeps, today: () => string = () => new Date().toISOString().slice(0, 10)) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, raw: unknown): Promise<Result<PrintFormOutcome>> => {
    if (!isTrustedSender(event.senderFrame)) return refuse('FORBIDDEN', MESSAGES.untrustedSender);
    const req = parsePrintFormRequest(raw);
    if (!req) return refuse('VALIDATION', MESSAGES.malformed);
    const file = await deps.core.call({ channel: 'forms/export', input: { kind: req.kind, params: req.params, format: 'pdf' }, session: req.session }, 'ipc');
    if (!file.ok) return file;
    const { fileName, dataBase64 } = file.data as { fileName: string; dataBase64: string };
    const dir = path.join(deps.printedRoot, today());
    await fs.mkdir(dir, { recursive: true });
    // The core names the file; only its base name is used here.
    const savedAs = path.join(dir, path.basename(fileName));
    await fs.writeFile(savedAs, Buffer.from(dataBase64, 'base64'));
    const r = await deps.print({ file: savedAs, copies: req.copies, silent: true, roots: [deps.printedRoot], ...(req.deviceName ? { deviceName: req.deviceName } : {}) });
    if (!r.ok) return { ok: false, error: new AppError('IO', r.reason).toJSON() };
    return { ok: true, data: { savedAs } };
  };
}

export function createPrintPackHandler(deps: PrintPackDeps) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, raw: unknown): Promise<Result<PrintPackOutcome>> => {
    if (!isTrustedSender(event.senderFrame)) return refuse<PrintPackOutcome>('FORBIDDEN', MESSAGES.untrustedSender);
    const req = parsePrintPackRequest(raw);
    if (!req) return refuse('VALIDATION', MESSAGES.malformed);
    const list = await deps.core.call({ channel: 'packs/print-list', input: { id: req.packId, copies: req.copies }, session: req.session }, 'ipc');
    if (!list.ok) return list;
    const { files, copies } = list.data as { files: Array<{ path: string; absPath: string }>; copies: number };
    const failures: PrintPackOutcome['failures'] = [];
    let printed = 0;
    for (const f of files) {
      const r = await deps.print({ file: f.absPath, copies, silent: true, roots: [deps.packsRoot], ...(req.deviceName ? { deviceName: req.deviceName } : {}) });
      if (r.ok) printed += 1;
      else failures.push({ path: f.path, reason: r.reason });
    }
    return { ok: true, data: { printed, failures } };
  };
}

export async function listPrinters(event: Sender): Promise<PrinterChoice[]> {
  if (!isTrustedSender(event.senderFrame)) return [];
  const printers = await event.sender.getPrintersAsync();
  return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name }));
}

export function bindPrintPack(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, deps: PrintPackDeps): () => void {
  ipcMain.handle(IPC_PRINT_PACK, createPrintPackHandler(deps));
  ipcMain.handle(IPC_PRINT_FORM, createPrintFormHandler(deps));
  ipcMain.handle(IPC_PRINTERS, (event) => listPrinters(event));
  return () => {
    ipcMain.removeHandler(IPC_PRINT_PACK);
    ipcMain.removeHandler(IPC_PRINT_FORM);
    ipcMain.removeHandler(IPC_PRINTERS);
  };
}
