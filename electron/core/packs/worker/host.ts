/**
 * Runs assemblePack in a worker thread and relays its progress; the calling thread only waits.
 * Measured on the 3-year demo (bench/packs.ts): inline, rendering one month's inspection volume
 * blocked the event loop for ~1 s at a time; with the worker the app's loop stays responsive.
 *
 * The worker script: from the TypeScript sources, source-entry.mjs (tsx's loader, then
 * entry.ts); in the Electron bundle, pack-worker.cjs beside main.cjs (scripts/build-electron.mjs).
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { t } from '../../../../shared/i18n';
import type { CallContext } from '../../context';
import { resolveFonts } from '../../paper/fonts';
import type { AssembledPack, AssembleJob } from '../build';
import type { FromPackWorker, PackWorkerData, ToPackWorker } from './protocol';

/** After a cancel, how long the worker may take to stop on its own before it is terminated. */
const CANCEL_GRACE_MS = 10_000;

export function packWorkerScript(moduleUrl: string = import.meta.url): URL {
  return new URL(/\.ts$/.test(new URL(moduleUrl).pathname) ? './source-entry.mjs' : './pack-worker.cjs', moduleUrl);
}

function fontDir(): string | null {
  try {
    return resolveFonts().dir;
  } catch {
    return null; // the worker then reports the missing fonts itself
  }
}

function toError(m: Extract<FromPackWorker, { type: 'error' }>): Error {
  if (m.appError) return new AppError(m.appError.code, m.appError.message, m.appError.issues);
  const e = new Error(m.message) as Error & { code?: string };
  if (m.code) e.code = m.code;
  return e;
}

export function assembleInWorker(ctx: CallContext, job: AssembleJob, script: URL = packWorkerScript()): Promise<AssembledPack> {
  if (ctx.signal.aborted) return Promise.reject(new AppError('CANCELLED', t('error.cancelled')));
  const data: PackWorkerData = {
    dbPath: ctx.core.dbPath,
    dataDir: ctx.dataDir,
    version: ctx.version,
    fontDir: fontDir(),
    project: ctx.project(),
    actor: ctx.actor,
    session: ctx.session,
    job,
  };
  return new Promise<AssembledPack>((resolve, reject) => {
    const worker = new Worker(script, { workerData: data, name: 'owb-pack' });
    let settled = false;
    let killTimer: NodeJS.Timeout | null = null;
    const onAbort = (): void => {
      worker.postMessage({ type: 'cancel' } satisfies ToPackWorker);
      killTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
      killTimer.unref();
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      // The worker is done either way; it must not keep the process (owb, a test run) alive.
      void worker.terminate();
      fn();
    };
    worker.on('message', (m: FromPackWorker) => {
      if (m.type === 'progress') ctx.progress(m.done, m.total, m.message);
      else if (m.type === 'done') {
        for (const c of m.changes) ctx.track(c.entity, c.id, c.before, c.after);
        settle(() => resolve(m.result));
      } else settle(() => reject(toError(m)));
    });
    worker.on('error', (e) => settle(() => reject(new AppError('INTERNAL', t('pack.workerExited', { detail: e.message.slice(0, 300) })))));
    worker.on('exit', (code) => {
      if (ctx.signal.aborted) settle(() => reject(new AppError('CANCELLED', t('error.cancelled'))));
      else settle(() => reject(new AppError('INTERNAL', t('pack.workerExited', { detail: `exit ${code}` }))));
    });
  });
}
