import { uuidv7 } from 'uuidv7';
import type { CoreEvent } from '../../shared/contract';
import type { Project } from '../../shared/contract/project';
import type { Role } from '../../shared/contract/define';
import type { Db, Sqlite } from './db/open';
import type { Sessions } from './accounts/sessions';

/** Runtime services a few handlers need (sessions, the database file itself, jobs). */
export interface CoreServices {
  sessions: Sessions;
  dbPath: string;
  backupDir(): string;
  dbState(): 'ok' | 'damaged';
  dbProblems(): string[];
  reopenDatabase(): void;
  jobs: Map<string, AbortController>;
}

export interface Actor {
  userId: string | null;
  username: string;
  roles: readonly Role[];
}

export interface TrackedChange {
  entity: string;
  id: string;
  before: unknown;
  after: unknown;
}

/** What every handler receives: the database, the clock, who is calling, and the project. */
export interface CallContext {
  db: Db;
  sqlite: Sqlite;
  dataDir: string;
  version: string;
  now(): Date;
  nowIso(): string;
  actor: Actor;
  /** Session token of the caller (null for public channels and the CLI). */
  session: string | null;
  project(): Project;
  /** Records a change for the call's audit row (before/after). */
  track(entity: string, id: string, before: unknown, after: unknown): void;
  /** For long jobs: progress events and cancellation. */
  progress(done: number, total: number, message?: string): void;
  signal: AbortSignal;
  emit(e: CoreEvent): void;
  newId(): string;
  /** Runs fn in one transaction (jobs write in several; ordinary mutations are wrapped already). */
  tx<T>(fn: () => T): T;
  core: CoreServices;
}

export const newId = (): string => uuidv7();

/** Row stamps for inserts and updates. */
export function stampNew(ctx: Pick<CallContext, 'nowIso' | 'actor' | 'newId'>) {
  const at = ctx.nowIso();
  return { id: ctx.newId(), createdAt: at, updatedAt: at, updatedBy: ctx.actor.username, deletedAt: null };
}
export function stampUpdate(ctx: Pick<CallContext, 'nowIso' | 'actor'>) {
  return { updatedAt: ctx.nowIso(), updatedBy: ctx.actor.username };
}
