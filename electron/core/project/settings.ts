import { newId } from '../context';
import type { Sqlite } from '../db/open';

/** Workstation settings (key → JSON value), with typed defaults. A deleted setting reads as its default. */
export function getSetting<T>(sqlite: Sqlite, key: string, fallback: T): T {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ? AND deleted_at IS NULL').get(key) as { value: string } | undefined;
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

/** Writes a setting (a deleted one is revived); `at`/`by` are the call's clock and actor. */
export function putSetting(sqlite: Sqlite, key: string, value: unknown, at: string, by: string): void {
  sqlite
    .prepare(
      `INSERT INTO settings (id, created_at, updated_at, updated_by, deleted_at, key, value) VALUES (?, ?, ?, ?, NULL, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by, deleted_at = NULL`,
    )
    .run(newId(), at, at, by, key, JSON.stringify(value));
}
