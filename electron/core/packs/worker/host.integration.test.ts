/**
 * The pack is assembled in a worker thread: the caller's event loop (the app's main process,
 * the bridge) keeps running while a month of inspection volumes is rendered and signed, the
 * worker reads the store through its own read-only connection, and a worker that dies is a
 * clear error, not a hang.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { cliActor } from '../../api';
import type { TestCore } from '../../test-utils';
import { buildPack } from '../build';
import { verifyPack } from '../crypto';
import { run } from '../crypto/testkit';
import { demoCore, listFiles } from '../testkit';
import { assembleInWorker, packWorkerScript } from './host';

const MONTH = '2024-06';
let t: TestCore;

beforeAll(() => {
  t = demoCore('owb-pack-worker-');
});
afterAll(() => {
  t?.close();
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

function ctxOf(t: TestCore, signal = new AbortController().signal) {
  return t.core.runtime.context(cliActor(), null, [], signal, 'worker-test');
}

describe('pack worker thread', { timeout: 600_000 }, () => {
  it('the source runs use the tsx shim, the Electron bundle the pack-worker.cjs beside main.cjs', () => {
    expect(packWorkerScript('file:///repo/electron/core/packs/worker/host.ts').href).toBe('file:///repo/electron/core/packs/worker/source-entry.mjs');
    expect(packWorkerScript('file:///opt/app/resources/app.asar/dist/electron/main.cjs').href).toBe('file:///opt/app/resources/app.asar/dist/electron/pack-worker.cjs');
  });

  it('builds a month with inspection volumes while the caller’s event loop keeps beating; same pack as inline', async () => {
    const events: CoreEvent[] = [];
    const off = t.core.onEvent((e) => events.push(e));
    const out = path.join(t.dir, 'out-worker');
    fs.mkdirSync(out);
    let last = performance.now();
    let worst = 0;
    let beats = 0;
    const beat = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
      beats++;
    }, 10);
    let built;
    try {
      built = await buildPack(ctxOf(t), { kind: 'monthly', month: MONTH }, { outDir: out });
    } finally {
      clearInterval(beat);
      off();
    }
    // Inline, rendering this month's 日常巡检表 volume alone blocks the loop for ~1 s; in the
    // worker the caller only relays progress (the bound leaves room for a loaded machine).
    expect(worst).toBeLessThan(500);
    expect(beats).toBeGreaterThan(built.timings.totalMs / 10 / 4);
    expect(built.files).toBeGreaterThan(8);
    expect(listFiles(built.folder).some((f) => f.startsWith('04-巡检记录/'))).toBe(true);
    const progress = events.filter((e): e is Extract<CoreEvent, { type: 'progress' }> => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)?.message).toBe('完成');
    expect((await verifyPack(built.folder)).ok).toBe(true);

    const outInline = path.join(t.dir, 'out-inline');
    fs.mkdirSync(outInline);
    const inline = await buildPack(ctxOf(t), { kind: 'monthly', month: MONTH }, { outDir: outInline, run: 'inline' });
    expect(listFiles(built.folder)).toEqual(listFiles(inline.folder));
    expect(built.pages).toBe(inline.pages);
    expect(built.warnings).toEqual(inline.warnings);
  });

  it('the worker sees the project as the caller does: the cover says 一式两份 when the project prints two copies', async () => {
    const ctx = ctxOf(t);
    const project = ctx.project();
    const two = { ...ctx, project: () => ({ ...project, settings: { ...project.settings, printCopies: 2 } }) };
    const out = path.join(t.dir, 'out-copies');
    fs.mkdirSync(out);
    const built = await buildPack(two, { kind: 'monthly', month: '2024-02' }, { outDir: out });
    const cover = run('pdftotext', ['-layout', path.join(built.folder, '00-封面及目录.pdf'), '-']).stdout;
    expect(cover).toContain('一式两份');
  });

  it('a worker that dies or exits is a clear Chinese error, and the caller is not left waiting', async () => {
    const job = { target: { kind: 'monthly' as const, month: MONTH }, work: path.join(t.dir, 'never'), workZip: path.join(t.dir, 'never.zip'), createdAt: new Date().toISOString() };
    const crash = assembleInWorker(ctxOf(t), job, new URL('data:text/javascript,throw new Error("boom")'));
    await expect(crash).rejects.toBeInstanceOf(AppError);
    await expect(crash).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/后台线程意外退出（boom）/) });
    const quits = assembleInWorker(ctxOf(t), job, new URL('data:text/javascript,process.exit(3)'));
    await expect(quits).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/后台线程意外退出（exit 3）/) });
    expect(fs.existsSync(job.work)).toBe(false);
  });

  it('cancelled before it starts: CANCELLED without starting a thread', async () => {
    const ac = new AbortController();
    ac.abort();
    const job = { target: { kind: 'monthly' as const, month: MONTH }, work: path.join(t.dir, 'never'), workZip: path.join(t.dir, 'never.zip'), createdAt: new Date().toISOString() };
    await expect(assembleInWorker(ctxOf(t, ac.signal), job, new URL('data:text/javascript,process.exit(9)'))).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
