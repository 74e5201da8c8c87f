import Database from 'better-sqlite3';
import { tempDir } from './test-tmp';
import path from 'node:path';
import type { Channel, Input } from '../../shared/contract';
import type { Role } from '../../shared/contract/define';
import { openCore, type Core } from './api';

export { tempDir } from './test-tmp';

export interface TestCore {
  core: Core;
  dir: string;
  dbPath: string;
  now: { value: Date };
  /** Calls a channel as a session (or the CLI face when session is undefined and face is 'cli'). */
  call<C extends Channel>(channel: C, input: Input<C>, session?: string): Promise<unknown>;
  raw(channel: string, input: unknown, session?: string): ReturnType<Core['call']>;
  reopen(): void;
  close(): void;
}

export const ADMIN = { username: 'admin', displayName: '管理员', password: 'Adm1n!pass' };

/** Opens a core on a real SQLite file in a temp dir with a controllable clock. */
export function makeCore(opts: { dir?: string; start?: string } = {}): TestCore {
  const dir = opts.dir ?? tempDir();
  const dbPath = path.join(dir, 'workbench.sqlite');
  const now = { value: new Date(opts.start ?? '2026-03-02T01:00:00.000Z') };
  const open = () => openCore({ dbPath, dataDir: dir, version: 'test', clock: () => now.value });
  const t: TestCore = {
    core: open(),
    dir,
    dbPath,
    now,
    async call(channel, input, session) {
      const r = await t.core.call({ channel, input, ...(session ? { session } : {}) }, session ? 'bridge' : 'cli');
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, issues: r.error.issues });
      return r.data;
    },
    raw(channel, input, session) {
      return t.core.call({ channel, input, ...(session ? { session } : {}) }, 'bridge');
    },
    reopen() {
      t.core.close();
      t.core = open();
    },
    close() {
      t.core.close();
    },
  };
  return t;
}

/** Sets up the admin and returns its session token. */
export async function adminSession(t: TestCore): Promise<string> {
  const r = (await t.call('auth/setup-admin', ADMIN)) as { token: string };
  return r.token;
}

/** Creates a user with the given roles (via the admin) and logs in. */
export async function sessionWithRoles(t: TestCore, adminToken: string, username: string, roles: Role[]): Promise<string> {
  const password = 'S3cure!pw-x';
  await t.call('accounts/create', { username, displayName: username, password, roles }, adminToken);
  const r = (await t.call('auth/login', { username, password })) as { token: string };
  return r.token;
}

export function tableCounts(dbFile: string): Record<string, number> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>;
    return Object.fromEntries(names.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}
