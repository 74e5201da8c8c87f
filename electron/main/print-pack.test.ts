import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../shared/security';
import { adminSession, makeCore, sessionWithRoles, type TestCore } from '../core/test-utils';

vi.mock('electron', () => ({ BrowserWindow: class {}, session: {} }));

const { checkPrintRequest } = await import('./print');
const { createPrintFormHandler, createPrintPackHandler, listPrinters, parsePrintPackRequest } = await import('./print-pack');
const { packsDir } = await import('../core/packs/handlers');

/** A real core and a real (small) pack; only Electron's printing is replaced by a recorder. */
let t: TestCore;
let engineer: string;
let auditor: string;
let packId: string;
const mainFrame = { url: `${APP_ORIGIN}/index.html`, origin: APP_ORIGIN, parent: null };

beforeAll(async () => {
  t = makeCore({ start: '2026-03-10T02:00:00.000Z' });
  const admin = await adminSession(t);
  engineer = await sessionWithRoles(t, admin, 'liming', ['engineer']);
  auditor = await sessionWithRoles(t, admin, 'shenji', ['auditor']);
  const built = (await t.call('packs/build', { target: { kind: 'monthly', month: '2026-02' }, jobId: 'job-print' }, engineer)) as { id: string };
  packId = built.id;
}, 300_000);
afterAll(() => t.close());

function recorder(failOn?: RegExp) {
  const calls: Array<{ file: string; copies: number; silent?: boolean; deviceName?: string; roots?: readonly string[] }> = [];
  return {
    calls,
    print: async (req: { file: string; copies: number; silent?: boolean; deviceName?: string; roots?: readonly string[] }) => {
      calls.push(req);
      const checked = checkPrintRequest(req);
      if (!checked.ok) return checked;
      return failOn?.test(req.file) ? { ok: false as const, reason: '打印机缺纸' } : { ok: true as const };
    },
  };
}

describe('printing a pack from the desktop app', () => {
  it('prints every PDF of the pack in order, to the chosen printer, with the copies, inside the packs folder only', async () => {
    const rec = recorder();
    const handler = createPrintPackHandler({ core: t.core, print: rec.print, packsRoot: packsDir(t.dir), printedRoot: path.join(t.dir, 'printed') });
    const res = await handler({ senderFrame: mainFrame as never }, { packId, copies: 3, deviceName: 'HP-LaserJet-办公室', session: engineer });
    expect(res.ok).toBe(true);
    const list = (await t.call('packs/print-list', { id: packId }, engineer)) as { copies: number; files: Array<{ absPath: string }> };
    expect(list.copies).toBe(3); // 一式三份 from the project data
    expect(rec.calls.map((c) => c.file)).toEqual(list.files.map((f) => f.absPath));
    expect(path.basename(rec.calls[0]!.file)).toBe('00-封面及目录.pdf');
    for (const c of rec.calls) expect(c).toMatchObject({ copies: 3, silent: true, deviceName: 'HP-LaserJet-办公室', roots: [packsDir(t.dir)] });
    if (res.ok) expect(res.data).toEqual({ printed: list.files.length, failures: [] });
  });

  it('names the files that failed and goes on with the rest', async () => {
    const rec = recorder(/00-封面及目录/);
    const res = await createPrintPackHandler({ core: t.core, print: rec.print, packsRoot: packsDir(t.dir), printedRoot: path.join(t.dir, 'printed') })({ senderFrame: mainFrame as never }, { packId, copies: 1, session: engineer });
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.data.failures).toEqual([{ path: '00-封面及目录.pdf', reason: '打印机缺纸' }]);
      expect(res.data.printed).toBe(rec.calls.length - 1);
    }
  });

  it('a packs folder elsewhere makes every file refused (the roots check is real)', async () => {
    const rec = recorder();
    const res = await createPrintPackHandler({ core: t.core, print: rec.print, packsRoot: path.join(t.dir, 'elsewhere'), printedRoot: path.join(t.dir, 'printed') })({ senderFrame: mainFrame as never }, { packId, copies: 1, session: engineer });
    expect(res.ok && res.data.printed).toBe(0);
    if (res.ok) expect(res.data.failures[0]?.reason).toContain('不允许打印此位置的文件');
  });

  it('refuses untrusted frames, malformed requests and roles without the right, printing nothing', async () => {
    const rec = recorder();
    const handler = createPrintPackHandler({ core: t.core, print: rec.print, packsRoot: packsDir(t.dir), printedRoot: path.join(t.dir, 'printed') });
    const foreign = await handler({ senderFrame: { url: 'https://evil.example/', origin: 'https://evil.example', parent: null } as never }, { packId, copies: 1, session: engineer });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const raw of [null, [], { packId, copies: 0, session: engineer }, { packId, copies: 1 }, { packId, copies: 1, session: engineer, file: '/etc/passwd' }, { packId: '', copies: 1, session: engineer }]) {
      expect(await handler({ senderFrame: mainFrame as never }, raw)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const denied = await handler({ senderFrame: mainFrame as never }, { packId, copies: 1, session: auditor });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const missing = await handler({ senderFrame: mainFrame as never }, { packId: 'nope', copies: 1, session: engineer });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(rec.calls).toEqual([]);
    expect(parsePrintPackRequest({ packId, copies: 2, session: 's', deviceName: 'P' })).toEqual({ packId, copies: 2, session: 's', deviceName: 'P' });
  });

  it('prints one form: the core renders it with the caller’s session, a copy is kept under printed/, that file is printed', async () => {
    const rec = recorder();
    const fault = (await t.call('faults/create', { title: '信用网站无法访问', category: 'system', severity: 'normal', description: '信用网站首页打不开，返回 502。' }, engineer)) as { id: string; docNo: string };
    const handler = createPrintFormHandler({ core: t.core, print: rec.print, packsRoot: packsDir(t.dir), printedRoot: path.join(t.dir, 'printed') }, () => '2026-03-10');
    const res = await handler({ senderFrame: mainFrame as never }, { kind: 'fault', params: { id: fault.id }, copies: 2, session: engineer });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(path.dirname(res.data.savedAs)).toBe(path.join(t.dir, 'printed', '2026-03-10'));
    expect(fs.readFileSync(res.data.savedAs).subarray(0, 5).toString()).toBe('%PDF-');
    expect(rec.calls).toEqual([{ file: res.data.savedAs, copies: 2, silent: true, roots: [path.join(t.dir, 'printed')] }]);
    // The auditor may not read fault forms; a bad request never reaches the core or the printer.
    expect(await handler({ senderFrame: mainFrame as never }, { kind: 'fault', params: { id: fault.id }, copies: 1, session: auditor })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler({ senderFrame: mainFrame as never }, { kind: 'fault', params: { id: fault.id }, copies: 1, session: engineer, file: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handler({ senderFrame: { url: 'https://evil.example/', parent: null } as never }, { kind: 'fault', params: { id: fault.id }, copies: 1, session: engineer })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(rec.calls).toHaveLength(1);
  });

  it('lists printers only to our own frames', async () => {
    const sender = { getPrintersAsync: async () => [{ name: 'hp1', displayName: '办公室打印机' }, { name: 'pdf', displayName: '' }] };
    expect(await listPrinters({ senderFrame: mainFrame as never, sender: sender as never })).toEqual([
      { name: 'hp1', displayName: '办公室打印机' },
      { name: 'pdf', displayName: 'pdf' },
    ]);
    expect(await listPrinters({ senderFrame: { url: 'https://evil.example/', parent: null } as never, sender: sender as never })).toEqual([]);
  });
});
