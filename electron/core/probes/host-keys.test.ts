import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/contract';
import { adminSession, makeCore, sessionWithRoles, type TestCore } from '../test-utils';
import { dbHostKeyStore } from './host-keys';
import { openSweepWriter } from './writer';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const open: TestCore[] = [];
afterEach(() => {
  for (const t of open.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
});

interface Row {
  id: string;
  fingerprint: string;
  pinned_at: string;
  pinned_by: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

describe('pinned SSH host keys (host_keys)', () => {
  it.each(['workbench connection', 'sweep writer'] as const)('pin with the standard columns, forget by a soft delete, and pin again on the same row (%s)', async (via) => {
    const t = makeCore({ start: '2026-03-02T01:00:00.000Z' });
    open.push(t);
    const admin = await adminSession(t);
    let mgr = await sessionWithRoles(t, admin, 'lijingli', ['manager']);
    // Moves the clock; an idle session would be locked after the jump, so the manager logs in again.
    const at = async (iso: string) => {
      t.now.value = new Date(iso);
      mgr = ((await t.call('auth/login', { username: 'lijingli', password: 'S3cure!pw-x' })) as { token: string }).token;
    };
    const sqlite = t.core.runtime.sqlite;
    const writer = via === 'sweep writer' ? openSweepWriter(t.dbPath) : undefined;
    const store = (username: string) => dbHostKeyStore({ db: t.core.runtime.db, nowIso: () => t.now.value.toISOString(), actor: { userId: null, username, roles: ['engineer'] } }, writer);
    const row = () => sqlite.prepare('SELECT * FROM host_keys WHERE host_port = ?').get('127.0.0.1:22') as Row | undefined;
    const listed = async () => (await t.call('probes/host-keys', {}, mgr)) as Output<'probes/host-keys'>;
    try {
      store('wanggong').pin('127.0.0.1:22', 'SHA256:first');
      const first = row()!;
      expect(first.id).toMatch(UUID_V7);
      expect(first).toMatchObject({ fingerprint: 'SHA256:first', pinned_at: '2026-03-02T01:00:00.000Z', pinned_by: 'wanggong', created_at: '2026-03-02T01:00:00.000Z', updated_at: '2026-03-02T01:00:00.000Z', updated_by: 'wanggong', deleted_at: null });

      // A second first use never replaces a live pin.
      await at('2026-03-02T01:05:00.000Z');
      store('zhaogong').pin('127.0.0.1:22', 'SHA256:other');
      expect(row()).toEqual(first);
      expect(store('x').get('127.0.0.1:22')).toBe('SHA256:first');

      // Forgotten by the manager: the row stays, marked deleted, and nobody sees the pin.
      await at('2026-03-02T02:00:00.000Z');
      await t.call('probes/host-key-forget', { hostPort: '127.0.0.1:22' }, mgr);
      expect(row()).toMatchObject({ id: first.id, fingerprint: 'SHA256:first', updated_at: '2026-03-02T02:00:00.000Z', updated_by: 'lijingli', deleted_at: '2026-03-02T02:00:00.000Z' });
      expect(store('x').get('127.0.0.1:22')).toBeUndefined();
      expect(await listed()).toEqual([]);
      const audit = sqlite.prepare("SELECT before, after FROM audit_log WHERE channel = 'probes/host-key-forget' ORDER BY seq DESC LIMIT 1").get() as { before: string; after: string | null };
      expect(JSON.parse(audit.before)).toMatchObject({ hostPort: '127.0.0.1:22', fingerprint: 'SHA256:first', deletedAt: null });
      expect(audit.after).toBeNull();

      // The next first use revives the same row with the new key.
      await at('2026-03-02T03:00:00.000Z');
      store('zhaogong').pin('127.0.0.1:22', 'SHA256:new');
      expect(row()).toEqual({ ...first, fingerprint: 'SHA256:new', pinned_at: '2026-03-02T03:00:00.000Z', pinned_by: 'zhaogong', updated_at: '2026-03-02T03:00:00.000Z', updated_by: 'zhaogong', deleted_at: null });
      expect(await listed()).toEqual([{ hostPort: '127.0.0.1:22', fingerprint: 'SHA256:new', pinnedAt: '2026-03-02T03:00:00.000Z', pinnedBy: 'zhaogong' }]);
      expect((sqlite.prepare('SELECT COUNT(*) AS n FROM host_keys').get() as { n: number }).n).toBe(1);
    } finally {
      writer?.close();
    }
  });
});
