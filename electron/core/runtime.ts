import path from 'node:path';
import fs from 'node:fs';
import type { CoreEvent } from '../../shared/contract';
import type { Project } from '../../shared/contract/project';
import { AppError } from '../../shared/errors';
import { appendAudit, auditJson } from './audit/service';
import { newId, type Actor, type CallContext, type TrackedChange } from './context';
import { openDatabase, type OpenDbResult } from './db/open';
import { backupName, createBackup, dailyBackupDue, preMigrationBackup, rotate } from './backup/service';
import { getSetting } from './project/settings';
import { loadActiveProject, seedDefaultProject } from './project/service';
import { Sessions } from './accounts/sessions';
import { setFontDir } from './paper/fonts';

export interface CoreOptions {
  dbPath: string;
  dataDir: string;
  version: string;
  fontDir?: string;
  migrationsDir?: string;
  clock?: () => Date;
  /** Seed the default project on an empty database (default true). */
  seed?: boolean;
}

class Events {
  private listeners = new Set<(e: CoreEvent) => void>();
  on(l: (e: CoreEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(e: CoreEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a broken listener must not break the core
      }
    }
  }
}

/** Channels that work on a damaged database (they replace the file, not write into it). */
const DAMAGED_OK = new Set(['backup/restore', 'auth/login']);

export class Runtime {
  readonly opts: CoreOptions;
  readonly events = new Events();
  readonly jobs = new Map<string, AbortController>();
  readonly sessions: Sessions;
  private handle!: OpenDbResult;
  private projectCache: Project | null = null;

  constructor(opts: CoreOptions) {
    this.opts = opts;
    if (opts.fontDir) setFontDir(opts.fontDir);
    fs.mkdirSync(opts.dataDir, { recursive: true });
    this.open();
    this.sessions = new Sessions(() => this.handle);
  }

  private open(): void {
    this.handle = openDatabase(this.opts.dbPath, {
      migrationsDir: this.opts.migrationsDir,
      beforeMigrate: (sqlite) => preMigrationBackup(sqlite, this.backupDir(), this.now()),
    });
    this.projectCache = null;
    if (this.handle.state === 'ok' && this.opts.seed !== false) {
      seedDefaultProject(this.handle.db, this.handle.sqlite, this.now().toISOString());
    }
  }

  /**
   * The daily online backup (verified, rotated 7/4/12), taken when the app starts or runs past
   * midnight and none exists yet for today. The faces call it at start and then hourly.
   */
  async dailyBackup(): Promise<string | null> {
    if (this.handle.state !== 'ok' || !getSetting(this.handle.sqlite, 'backup.daily', true)) return null;
    const dir = this.backupDir();
    if (!dailyBackupDue(dir, this.now())) return null;
    const info = await createBackup(this.handle.sqlite, path.join(dir, backupName(this.now(), 'daily')));
    rotate(dir);
    return info.file;
  }

  /** Closes and opens the database file again (after a restore). */
  reopen(): void {
    this.handle.sqlite.close();
    this.open();
  }

  get db() {
    return this.handle.db;
  }
  get sqlite() {
    return this.handle.sqlite;
  }
  dbState(): 'ok' | 'damaged' {
    return this.handle.state;
  }
  dbProblems(): string[] {
    return this.handle.problems;
  }
  allowedWhenDamaged(channel: string): boolean {
    return DAMAGED_OK.has(channel);
  }
  backupDir(): string {
    return path.join(this.opts.dataDir, 'backups');
  }
  now(): Date {
    return this.opts.clock ? this.opts.clock() : new Date();
  }

  project(): Project {
    if (!this.projectCache) this.projectCache = loadActiveProject(this.handle.db);
    return this.projectCache;
  }
  invalidateProject(): void {
    this.projectCache = null;
  }

  context(actor: Actor, session: string | null, changes: TrackedChange[], signal: AbortSignal, jobId: string): CallContext {
    return {
      db: this.handle.db,
      sqlite: this.handle.sqlite,
      dataDir: this.opts.dataDir,
      version: this.opts.version,
      now: () => this.now(),
      nowIso: () => this.now().toISOString(),
      actor,
      session,
      project: () => this.project(),
      track: (entity, id, before, after) => changes.push({ entity, id, before, after }),
      progress: (done, total, message) => this.events.emit({ type: 'progress', jobId, done, total, ...(message ? { message } : {}) }),
      signal,
      emit: (e) => this.events.emit(e),
      newId,
      tx: <T>(fn: () => T): T => this.handle.sqlite.transaction(fn)(),
      core: {
        sessions: this.sessions,
        dbPath: this.opts.dbPath,
        backupDir: () => this.backupDir(),
        dbState: () => this.dbState(),
        dbProblems: () => this.dbProblems(),
        reopenDatabase: () => this.reopen(),
        jobs: this.jobs,
      },
    };
  }

  private entry(actor: Actor, face: string, channel: string, changes: TrackedChange[] | null, outcome: 'ok' | 'error' | 'denied', code: string | null) {
    const first = changes?.[0];
    const many = changes && changes.length > 1;
    return {
      at: this.now().toISOString(),
      userId: actor.userId,
      username: actor.username,
      face,
      channel,
      entity: first?.entity ?? null,
      entityId: first?.id ?? null,
      before: many ? auditJson(changes.map((c) => ({ entity: c.entity, id: c.id, before: c.before }))) : auditJson(first?.before),
      after: many ? auditJson(changes.map((c) => ({ entity: c.entity, id: c.id, after: c.after }))) : auditJson(first?.after),
      outcome,
      errorCode: code,
    };
  }

  /**
   * Runs a mutation and its audit row in one IMMEDIATE transaction. An AppError marked
   * `keepWrites` (failed login counters) commits what was written, with an error row.
   */
  inTransaction<T>(actor: Actor, face: string, channel: string, changes: TrackedChange[], fn: () => T): T {
    const sqlite = this.handle.sqlite;
    sqlite.exec('BEGIN IMMEDIATE');
    let out: T;
    try {
      out = fn();
      if (out instanceof Promise) throw new Error(`mutating handler ${channel} must be synchronous`);
      appendAudit(sqlite, this.entry(actor, face, channel, changes, 'ok', null));
      sqlite.exec('COMMIT');
      if (channel.startsWith('project/')) this.invalidateProject();
      return out;
    } catch (e) {
      const keep = e instanceof KeepWritesError;
      if (keep) {
        appendAudit(sqlite, this.entry(e.actor ?? actor, face, channel, changes, 'error', e.error.code));
        sqlite.exec('COMMIT');
        throw e.error;
      }
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      const code = e instanceof AppError ? e.code : 'INTERNAL';
      this.auditStandalone(actor, face, channel, null, 'error', code);
      throw e;
    }
  }

  /** One audit row in its own transaction (denied calls, failed mutations, jobs). */
  auditStandalone(actor: Actor, face: string, channel: string, changes: TrackedChange[] | null, outcome: 'ok' | 'error' | 'denied', code: string | null): void {
    if (this.handle.state !== 'ok') return;
    try {
      this.handle.sqlite.transaction(() => appendAudit(this.handle.sqlite, this.entry(actor, face, channel, changes, outcome, code)))();
    } catch {
      // the audit of a failure must not mask the failure itself
    }
  }

  close(): void {
    for (const ac of this.jobs.values()) ac.abort();
    try {
      this.handle.sqlite.close();
    } catch {
      // already closed
    }
  }
}

/** Thrown inside a mutation to commit its writes (and an error audit row) yet fail the call. */
export class KeepWritesError extends Error {
  constructor(
    readonly error: AppError,
    readonly actor?: Actor,
  ) {
    super(error.message);
  }
}
