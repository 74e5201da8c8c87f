/** Messages between the pack builder's host (any thread that calls buildPack) and its worker. */
import type { PackTarget } from '../../../../shared/contract/packs';
import type { Project } from '../../../../shared/contract/project';
import type { AppErrorShape } from '../../../../shared/errors';
import type { Actor, TrackedChange } from '../../context';
import type { AssembledPack } from '../build';

/** workerData: everything the worker needs to open its own read-only view of the store. */
export interface PackWorkerData {
  dbPath: string;
  dataDir: string;
  version: string;
  /** The font folder the host resolved (the worker resolves nothing on its own). */
  fontDir: string | null;
  /** The project as the host sees it (its cache included). */
  project: Project;
  actor: Actor;
  session: string | null;
  job: { target: PackTarget; work: string; workZip: string; createdAt: string };
}

export type FromPackWorker =
  | { type: 'progress'; done: number; total: number; message?: string }
  | { type: 'done'; result: AssembledPack; changes: TrackedChange[] }
  /** An AppError keeps its code and message; any other error its message and errno code. */
  | { type: 'error'; appError?: AppErrorShape; message: string; code?: string };

export type ToPackWorker = { type: 'cancel' };
