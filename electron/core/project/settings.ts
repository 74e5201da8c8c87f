import type { Sqlite } from '../db/open';

/** Workstation settings (key → JSON value), with typed defaults. */
export function getSetting<T>(sqlite: Sqlite, key: string, fallback: T): T {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

export function putSetting(sqlite: Sqlite, key: string, value: unknown, at: string, by: string): void {
  sqlite
    .prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(key, JSON.stringify(value), at, by);
}
