import { describe, expect, it } from 'vitest';
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
