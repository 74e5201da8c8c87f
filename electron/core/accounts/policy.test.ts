import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, CHANNELS } from '../../../shared/contract';
import { ROLES, type Role } from '../../../shared/contract/define';
import { attachmentPolicy } from '../attachments/handlers';
import { faultPolicy } from '../faults/policy';
import { workOrderPolicy } from '../workorders/policy';
import { problemPolicy } from '../problems/policy';
import { assetPolicy } from '../assets/policy';
import { probePolicy } from '../probes/policy';
import { inspectionPolicy } from '../inspections/policy';
import { attendancePolicy } from '../attendance/policy';
import { reportPolicy } from '../reports/policy';
import { packPolicy } from '../packs/policy';
import { documentPolicy } from '../documents/policy';
import { uploadPolicy } from '../uploads/handlers';
import { adminSession, makeCore, sessionWithRoles, tableCounts, type TestCore } from '../test-utils';

/**
 * The role × channel table (等保三级 least privilege). Every channel must appear here with
 * exactly the roles that may call it; a new channel fails this test until it is placed.
 * a = 系统管理员, e = 运维工程师, m = 项目负责人 (manager), u = 审计员, * = no login needed.
 */
const CORE_TABLE: Record<string, string> = {
  'app/info': '*',
  'auth/setup-admin': '*',
  'auth/login': '*',
  'auth/logout': 'aemu',
  'auth/unlock': 'aemu',
  'auth/me': 'aemu',
  'dashboard/summary': 'aem',
  'jobs/cancel': 'aemu',
  'accounts/list': 'a',
  'accounts/create': 'a',
  'accounts/update': 'a',
  'accounts/reset-password': 'a',
  'accounts/change-password': 'aemu',
  'settings/get': 'aemu',
  'settings/update': 'a',
  'staff/list': 'aemu',
  'staff/save': 'am',
  'audit/list': 'u',
  'audit/verify': 'u',
  'backup/list': 'a',
  'backup/create': 'a',
  'backup/restore': 'a',
  'project/get': 'aemu',
  'project/update': 'a',
};

const TABLE: Record<string, string> = { ...CORE_TABLE, ...attachmentPolicy, ...faultPolicy, ...workOrderPolicy, ...problemPolicy, ...assetPolicy, ...probePolicy, ...inspectionPolicy, ...attendancePolicy, ...reportPolicy, ...packPolicy, ...documentPolicy, ...uploadPolicy };

const LETTER: Record<string, Role> = { a: 'admin', e: 'engineer', m: 'manager', u: 'auditor' };

describe('role × channel table', () => {
  it('places every channel, and no channel that does not exist', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...CHANNELS].sort());
  });

  it.each(CHANNELS.map((c) => [c]))('%s is open to exactly its roles', (channel) => {
    const def = contract[channel];
    const row = TABLE[channel]!;
    if (row === '*') {
      expect(def.access).toBe('public');
      return;
    }
    expect(def.access).not.toBe('public');
    const expected = [...row].map((l) => LETTER[l]!).sort();
    expect([...(def.access as readonly Role[])].sort()).toEqual(expected);
  });

  it('keeps the auditor out of every record and admin channel, and only the auditor reads the log', () => {
    for (const c of CHANNELS) {
      const a = contract[c].access;
      if (a === 'public') continue;
      if (c.startsWith('audit/')) expect(a).toEqual(['auditor']);
      if (contract[c].mutates && !c.startsWith('auth/') && c !== 'accounts/change-password' && c !== 'jobs/cancel') expect(a).not.toContain('auditor');
    }
    expect(ROLES).toHaveLength(4);
  });
});

/**
 * The same table at run time: every channel called by a session of each single role through
 * the core's dispatcher (the path the Electron IPC and the browser bridge take). The input is
 * one no channel accepts, so an allowed call stops at validation and nothing runs; a refused
 * one must stop before, with FORBIDDEN, and leave only its audit row.
 */
describe('role × channel at run time', () => {
  const NOT_AN_INPUT = '\u0000not-an-input';
  let t: TestCore;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = makeCore();
    const admin = await adminSession(t);
    tokens.admin = admin;
    tokens.engineer = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
    tokens.manager = await sessionWithRoles(t, admin, 'mgr1', ['manager']);
    tokens.auditor = await sessionWithRoles(t, admin, 'aud1', ['auditor']);
  });
  afterAll(() => {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  });

  it('no channel accepts the probe input (so an allowed call runs nothing)', () => {
    for (const c of CHANNELS) expect(contract[c].input.safeParse(NOT_AN_INPUT).success, c).toBe(false);
  });

  it.each(CHANNELS.filter((c) => TABLE[c] !== '*').map((c) => [c]))('%s: refused to exactly the roles the table leaves out', async (channel) => {
    const row = TABLE[channel]!;
    for (const [letter, role] of Object.entries(LETTER)) {
      const before = tableCounts(t.dbPath);
      const r = await t.raw(channel, NOT_AN_INPUT, tokens[role]);
      expect(r.ok, `${channel} as ${role}`).toBe(false);
      const code = r.ok ? '' : r.error.code;
      if (row.includes(letter)) {
        expect(code, `${channel} as ${role}`).toBe('VALIDATION');
        expect(tableCounts(t.dbPath), `${channel} as ${role} changed nothing`).toEqual(before);
      } else {
        expect(code, `${channel} as ${role}`).toBe('FORBIDDEN');
        const after = tableCounts(t.dbPath);
        expect(after.audit_log, `${channel} as ${role}: one audit row`).toBe((before.audit_log ?? 0) + 1);
        expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
      }
    }
  });

  it('public channels need no session, and the others refuse a call without one', async () => {
    for (const c of CHANNELS) {
      const r = await t.raw(c, NOT_AN_INPUT);
      expect(r.ok ? '' : r.error.code, c).toBe(TABLE[c] === '*' ? 'VALIDATION' : 'UNAUTHENTICATED');
    }
  });
});
