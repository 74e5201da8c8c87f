/**
 * The pack worker thread: opens the store read-only (its own better-sqlite3 connection; WAL
 * lets it read while the app writes), registers every feature's form kinds exactly as the app
 * does, and runs assemblePack with a context whose progress and cancel travel as messages.
 * It writes files into the job's temp folder only; the host renames and records the pack.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { t } from '../../../../shared/i18n';
import { newId, type CallContext, type CoreServices, type TrackedChange } from '../../context';
import * as schema from '../../db/schema';
// The same form kinds as the app: each feature registers its own when its handlers load.
import '../../handlers';
import { setFontDir } from '../../paper/fonts';
import { assemblePack } from '../build';
import type { FromPackWorker, PackWorkerData, ToPackWorker } from './protocol';

function post(m: FromPackWorker): void {
  parentPort?.postMessage(m);
}

/** Services of the app's runtime (sessions, jobs, restore) do not exist in here. */
const noCore = new Proxy({} as CoreServices, {
  get(_target, prop) {
    throw new AppError('INTERNAL', t('error.internal', { detail: `core.${String(prop)} is not available while building a pack` }));
  },
});

async function main(data: PackWorkerData): Promise<void> {
  if (data.fontDir) setFontDir(data.fontDir);
  const ac = new AbortController();
  const onMessage = (m: ToPackWorker): void => {
    if (m.type === 'cancel') ac.abort();
  };
  parentPort?.on('message', onMessage);
  const sqlite = new Database(data.dbPath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const changes: TrackedChange[] = [];
  const now = new Date(data.job.createdAt);
  const ctx: CallContext = {
    db: drizzle(sqlite, { schema }),
    sqlite,
    dataDir: data.dataDir,
    version: data.version,
    now: () => new Date(now),
    nowIso: () => now.toISOString(),
    actor: data.actor,
    session: data.session,
    project: () => data.project,
    track: (entity, id, before, after) => changes.push({ entity, id, before, after }),
    progress: (done, total, message) => post({ type: 'progress', done, total, ...(message ? { message } : {}) }),
    signal: ac.signal,
    emit: () => undefined,
    newId,
    tx: (fn) => sqlite.transaction(fn)(),
    core: noCore,
  };
  try {
    const result = await assemblePack(ctx, data.job);
    post({ type: 'done', result, changes });
  } catch (e) {
    if (e instanceof AppError) post({ type: 'error', appError: e.toJSON(), message: e.message });
    else if (ac.signal.aborted) post({ type: 'error', appError: new AppError('CANCELLED', t('error.cancelled')).toJSON(), message: t('error.cancelled') });
    else {
      const code = (e as { code?: unknown } | null)?.code;
      post({ type: 'error', message: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' ? { code } : {}) });
    }
  } finally {
    sqlite.close();
    // Without a listener the thread ends by itself once its last message is out.
    parentPort?.off('message', onMessage);
  }
}

if (parentPort) {
  main(workerData as PackWorkerData).catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
}
