/**
 * The workstation identity through the channels: created on first use with the project's
 * names, shown as fingerprints; the organisation's .p12 replaces the PDF certificate (admin
 * only, wrong passphrase refused in Chinese) and the next pack's PDFs carry it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult, IdentityInfo, VerifyReport } from '../../../shared/contract/packs';
import { adminSession, makeCore, sessionWithRoles, type TestCore } from '../test-utils';
import { makeCaP12, run, tempDir } from './crypto/testkit';
import { packsDir } from './handlers';
import { listFiles } from './testkit';

let t: TestCore;
let admin: string;
let engineer: string;

beforeAll(async () => {
  // The CA's certificate is made by openssl with the real clock: the core runs on it too.
  t = makeCore({ start: new Date().toISOString() });
  admin = await adminSession(t);
  engineer = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
}, 120_000);
afterAll(() => {
  t.close();
  fs.rmSync(t.dir, { recursive: true, force: true });
});

describe('packs/identity', { timeout: 300_000 }, () => {
  it('is created on first use, self-issued, named after the project, stable', async () => {
    const a = (await t.call('packs/identity', {}, engineer)) as IdentityInfo;
    expect(a.certificate.selfIssued).toBe(true);
    expect(a.certificate.subject).toContain('徐州市公共信用信息系统平台运维工作站');
    expect(a.certificate.subject).toContain('南京莱斯信息技术股份有限公司');
    expect(a.fingerprints.ed25519).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(t.dir, 'signing-identity', 'identity.json'))).toBe(true);
    expect(await t.call('packs/identity', {}, engineer)).toEqual(a);
  });

  it('imports the organisation .p12 (admin only); the next pack is signed with it', async () => {
    const before = (await t.call('packs/identity', {}, engineer)) as IdentityInfo;
    const ca = makeCaP12(tempDir('owb-ca-'), '口令-2024');
    const p12Base64 = fs.readFileSync(ca.p12).toString('base64');
    t.now.value = new Date(Date.now() + 60_000); // after the certificate's notBefore
    await expect(t.call('packs/identity-import', { p12Base64, passphrase: '口令-2024' }, engineer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.call('packs/identity-import', { p12Base64, passphrase: 'wrong' }, admin)).rejects.toThrow(/密码/);
    const after = (await t.call('packs/identity-import', { p12Base64, passphrase: '口令-2024' }, admin)) as IdentityInfo;
    expect(after.certificate.selfIssued).toBe(false);
    expect(after.certificate.subject).toContain('徐州信用平台运维组');
    expect(after.fingerprints.ed25519).toBe(before.fingerprints.ed25519); // the manifest keys stay
    expect(after.fingerprints.certificate).not.toBe(before.fingerprints.certificate);
    const audit = t.core.runtime.sqlite.prepare("SELECT outcome FROM audit_log WHERE channel = 'packs/identity-import' ORDER BY seq").all() as Array<{ outcome: string }>;
    expect(audit.map((a) => a.outcome)).toEqual(['denied', 'error', 'ok']);

    // A pack of a quiet month: 月报, attendance, workbook, cover — all signed by the CA's certificate.
    const built = (await t.call('packs/build', { target: { kind: 'monthly', month: '2024-06' } }, engineer)) as BuildResult;
    const folder = path.join(packsDir(t.dir), built.name);
    const pdfs = listFiles(folder).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(2);
    for (const f of pdfs) {
      const sig = run('pdfsig', [path.join(folder, f)]).stdout;
      expect(sig, f).toContain('Signature is Valid.');
      expect(sig, f).toContain('CN=徐州信用平台运维组');
      expect(sig, f).toContain('Total document signed');
    }
    const v = (await t.call('packs/verify', { id: built.id }, engineer)) as VerifyReport;
    expect(v.ok).toBe(true);
    expect(v.signer.fingerprints.certificate).toBe(after.fingerprints.certificate);
    expect(built.warnings.join('；')).toContain('没有运维实施工单');
  });
});
