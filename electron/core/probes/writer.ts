/**
 * The sweep's own connection to the database file, for its many small writes (results as they
 * arrive, the sweep's progress, first-use host key pins).
 *
 * Why: the workbench connection commits with synchronous=FULL, and better-sqlite3 is
 * synchronous, so every commit waits for fsync on the event loop — 5–300 ms on a busy disk. A
 * sweep commits every few hundred milliseconds; on that connection the window would stutter.
 * This connection commits with synchronous=NORMAL: in WAL mode that is still crash-consistent
 * (never a damaged file), and the frames become durable with the next FULL commit of the main
 * connection (the WAL is fsynced as a whole) — at the latest the sweep's audit row, written on
 * the main connection when the job ends. It never checkpoints (wal_autocheckpoint=0): the main
 * connection does, so no checkpoint fsync lands here either.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { eq } from 'drizzle-orm';
import { pinHostKey } from './host-keys';
import { probeResults, probeSweeps } from './schema';

export type ResultInsert = typeof probeResults.$inferInsert;
export type SweepInsert = typeof probeSweeps.$inferInsert;

export interface SweepWriter {
  insertSweep(row: SweepInsert): void;
  /** Results and the sweep's counters in one transaction. */
  write(batch: ResultInsert[], sweepId: string, progress: Partial<SweepInsert>): void;
  updateSweep(sweepId: string, set: Partial<SweepInsert>): void;
  pin(hostPort: string, fingerprint: string, at: string, by: string): void;
  close(): void;
}

export function openSweepWriter(dbPath: string): SweepWriter {
  const sqlite = new Database(dbPath, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite);
  return {
    insertSweep: (row) => {
      db.insert(probeSweeps).values(row).run();
    },
    write: (batch, sweepId, progress) => {
      sqlite.transaction(() => {
        for (let i = 0; i < batch.length; i += 100) db.insert(probeResults).values(batch.slice(i, i + 100)).run();
        db.update(probeSweeps).set(progress).where(eq(probeSweeps.id, sweepId)).run();
      })();
    },
    updateSweep: (sweepId, set) => {
      db.update(probeSweeps).set(set).where(eq(probeSweeps.id, sweepId)).run();
    },
    pin: (hostPort, fingerprint, at, by) => {
      pinHostKey(db, hostPort, fingerprint, at, by);
    },
    close: () => sqlite.close(),
  };
}
