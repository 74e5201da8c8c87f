/**
 * A whole pack, end to end: seal, zip, verify with our code, sha256sum and openssl; then
 * every kind of tampering, on the folder and on the zip.
 */
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackReadError } from './errors';
import { loadOrCreateIdentity, type SigningIdentity } from './identity';
import { buildManifest, signManifest, writeManifest, writeSha256Sums } from './manifest';
import { sealPack } from './seal';
import { SAMPLE, SAMPLE_META, copyDir, flipByte, run, tempDir, writeSampleContents } from './testkit';
import type { PackProblem } from './types';
import { verifyPack, type VerifyResult } from './verify';
import { zipFolder } from './zip';

let work: string;
let owner: SigningIdentity;
let attacker: SigningIdentity;
let pack: string;
let packZip: string;
let n = 0;

beforeAll(async () => {
  work = tempDir('owb-pack-');
  owner = await loadOrCreateIdentity(path.join(work, 'data-owner'), { commonName: '徐州信用平台运维工作站', organization: '南京莱斯信息技术股份有限公司' });
  attacker = await loadOrCreateIdentity(path.join(work, 'data-attacker'), { commonName: '徐州信用平台运维工作站', organization: '南京莱斯信息技术股份有限公司' });
  pack = path.join(work, 'pack');
  await writeSampleContents(pack, owner);
  packZip = path.join(work, 'pack.zip');
  await sealPack(pack, SAMPLE_META, owner, { zipTo: packZip });
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A tampered copy of the sealed pack, as a folder and as a zip of it. */
async function tampered(change: (dir: string) => Promise<void> | void): Promise<{ dir: string; zip: string }> {
  const dir = copyDir(pack, path.join(work, `t${++n}`));
  await change(dir);
  const zip = path.join(work, `t${n}.zip`);
  await zipFolder(dir, zip);
  return { dir, zip };
}

const short = (r: VerifyResult): string[] => r.problems.map((p: PackProblem) => `${p.kind}:${p.path ?? ''}`).sort();

async function both(t: { dir: string; zip: string }, opts: Parameters<typeof verifyPack>[1] = {}): Promise<string[]> {
  const a = await verifyPack(t.dir, opts);
  const b = await verifyPack(t.zip, opts);
  expect(a.ok).toBe(false);
  expect(b.ok).toBe(false);
  expect(short(b)).toEqual(short(a));
  for (const p of a.problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  return short(a);
}

describe('a sealed pack', () => {
  it('has the documented layout', () => {
    const list = (d: string, pre = ''): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(path.join(d, e.name), `${pre}${e.name}/`) : [`${pre}${e.name}`]));
    expect(list(pack).sort()).toEqual(
      [
        'SHA256SUMS', 'manifest.json', 'manifest.json.ed25519.sig', 'manifest.json.sm2.sig', 'manifest.sig',
        'signer/cert.pem', 'signer/ed25519.pub.pem', 'signer/sm2.pub.hex', 'signer/sm2.pub.pem', 'verify.html', '校验说明.txt',
        SAMPLE.report, SAMPLE.workorder, SAMPLE.xlsx, SAMPLE.scan,
      ].sort(),
    );
  });

  it('verifies as a folder and as a zip, PDF signatures included', async () => {
    for (const input of [pack, packZip]) {
      const r = await verifyPack(input);
      expect(r.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.manifest?.entries).toHaveLength(4);
      expect(r.checked.files).toBe(4);
      expect(r.checked.pdfSignatures).toBe(2);
      expect(r.signer.fingerprints).toEqual({ ed25519: owner.ed25519.fingerprint, sm2: owner.sm2.fingerprint, certificate: owner.certificate.fingerprint });
      expect(r.signer.trusted).toBeNull();
    }
    expect((await verifyPack(packZip)).source).toBe('zip');
  });

  it('accepts trusted keys given as fingerprints (any case, with colons) or as keys', async () => {
    const colons = owner.ed25519.fingerprint.toUpperCase().match(/../g)?.join(':') ?? '';
    const r = await verifyPack(packZip, { trustedKeys: { ed25519: [colons], sm2: [owner.sm2.publicKeyHex] } });
    expect(r.ok).toBe(true);
    expect(r.signer.trusted).toBe(true);
    expect((await verifyPack(pack, { trustedKeys: { ed25519: [owner.ed25519.publicKeyPem] } })).signer.trusted).toBe(true);
  });

  it('is checked by sha256sum -c and openssl (Ed25519, SM2 with distid, SM3, certificate)', () => {
    const c = run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], pack);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    expect(c.stdout.match(/: OK$/gm)).toHaveLength(4);

    const ed = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer/ed25519.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.ed25519.sig'], pack);
    expect(ed.stdout + ed.stderr).toContain('Signature Verified Successfully');
    const sm = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer/sm2.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sm2.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'], pack);
    expect(sm.stdout + sm.stderr).toContain('Signature Verified Successfully');
    // and a wrong distid fails: the signature really binds the default user id
    const smBad = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer/sm2.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sm2.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345679'], pack);
    expect(smBad.stdout + smBad.stderr).not.toContain('Signature Verified Successfully');

    const sig = JSON.parse(fs.readFileSync(path.join(pack, 'manifest.sig'), 'utf8')) as { manifest: { sm3: string; sha256: string }; ed25519: string; sm2: string };
    expect(run('openssl', ['dgst', '-sm3', '-r', 'manifest.json'], pack).stdout.split(' ')[0]).toBe(sig.manifest.sm3);
    expect(fs.readFileSync(path.join(pack, 'manifest.json.ed25519.sig')).equals(Buffer.from(sig.ed25519, 'base64'))).toBe(true);
    expect(fs.readFileSync(path.join(pack, 'manifest.json.sm2.sig')).toString('hex')).toBe(sig.sm2);
    expect(run('cat', ['signer/sm2.pub.hex'], pack).stdout.trim()).toBe(owner.sm2.publicKeyHex);

    const fp = run('openssl', ['x509', '-in', 'signer/cert.pem', '-noout', '-fingerprint', '-sha256'], pack).stdout;
    expect(fp.split('=')[1]?.trim().replace(/:/g, '').toLowerCase()).toBe(owner.certificate.fingerprint);
  });

  it('zips deterministically: same bytes in any time zone, entries in byte order, UTF-8 names', async () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      await zipFolder(pack, path.join(work, 'ny.zip'));
      process.env.TZ = 'Asia/Shanghai';
      await zipFolder(pack, path.join(work, 'sh.zip'));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const ny = fs.readFileSync(path.join(work, 'ny.zip'));
    expect(ny.equals(fs.readFileSync(path.join(work, 'sh.zip')))).toBe(true);
    expect(ny.equals(fs.readFileSync(packZip))).toBe(true);
    expect(fs.readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);

    const zf = await yauzl.openPromise(packZip, { lazyEntries: true });
    const names: string[] = [];
    const times = new Set<string>();
    for await (const e of zf.eachEntry()) {
      names.push(e.fileName);
      expect(e.generalPurposeBitFlag & 0x800).toBe(0x800);
      times.add(e.getLastModDate({ timezone: 'UTC', forceDosFormat: true }).toISOString());
    }
    zf.close();
    expect(names).toEqual([...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect([...times]).toEqual(['2024-07-01T10:30:00.000Z']); // createdAt as Asia/Shanghai wall time
    await expect(zipFolder(pack, path.join(pack, 'self.zip'))).rejects.toThrow(/压缩包不能放在验收包文件夹内/);
  });
});

describe('tampering is detected and every file is named', () => {
  it('a flipped byte in a PDF → altered (and its PDF signature broken)', async () => {
    const t = await tampered((d) => flipByte(path.join(d, SAMPLE.workorder), 60));
    expect(await both(t)).toEqual([`altered:${SAMPLE.workorder}`, `bad_pdf_signature:${SAMPLE.workorder}`]);
    const c = run('sha256sum', ['-c', 'SHA256SUMS'], t.dir);
    expect(c.code).not.toBe(0);
    expect(c.stdout).toContain(`${SAMPLE.workorder}: FAILED`);
  });

  it('a deleted file → missing', async () => {
    const t = await tampered((d) => fs.rmSync(path.join(d, SAMPLE.scan)));
    expect(await both(t)).toEqual([`missing:${SAMPLE.scan}`]);
    expect(run('sha256sum', ['-c', 'SHA256SUMS'], t.dir).code).not.toBe(0);
  });

  it('an added file → extra (signer/ is not a hiding place)', async () => {
    const t = await tampered((d) => {
      fs.mkdirSync(path.join(d, '补充'));
      fs.writeFileSync(path.join(d, '补充', '说明.txt'), '后加的');
      fs.writeFileSync(path.join(d, 'signer', 'evil.exe'), 'MZ');
    });
    expect(await both(t)).toEqual(['extra:signer/evil.exe', 'extra:补充/说明.txt']);
  });

  it('several changes at once → all of them in one report', async () => {
    const t = await tampered((d) => {
      flipByte(path.join(d, SAMPLE.xlsx));
      fs.rmSync(path.join(d, SAMPLE.report));
      fs.writeFileSync(path.join(d, 'new.txt'), 'x');
      fs.appendFileSync(path.join(d, 'SHA256SUMS'), `${'0'.repeat(64)}  new.txt\n`);
    });
    expect(await both(t)).toEqual(['altered:SHA256SUMS', `altered:${SAMPLE.xlsx}`, 'extra:new.txt', `missing:${SAMPLE.report}`]);
  });

  it('manifest.json edited without re-signing → bad signatures', async () => {
    const t = await tampered((d) => {
      const f = path.join(d, 'manifest.json');
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('"period": "2024-06"', '"period": "2024-05"'));
    });
    const got = await both(t);
    expect(got).toContain('bad_signature:manifest.sig');
    expect(got).toContain('bad_signature:manifest.json.ed25519.sig');
    expect(got).toContain('bad_signature:manifest.json.sm2.sig');
  });

  it('a file swapped and the manifest re-signed with ANOTHER key → bad signature; with its own signer files → untrusted', async () => {
    const resign = async (d: string): Promise<void> => {
      fs.writeFileSync(path.join(d, SAMPLE.scan), 'a different scan');
      const m = await buildManifest(d, SAMPLE_META);
      await writeManifest(d, m);
      await writeSha256Sums(d, m.entries);
      await signManifest(d, attacker);
    };
    // Signer files of the owner kept (the recipient has them): signatures fail.
    const kept = await tampered(async (d) => {
      const saved = fs.mkdtempSync(path.join(work, 'signer-'));
      fs.cpSync(path.join(d, 'signer'), saved, { recursive: true });
      await resign(d);
      fs.cpSync(saved, path.join(d, 'signer'), { recursive: true });
    });
    const got = await both(kept);
    expect(got).toEqual(expect.arrayContaining(['bad_signature:manifest.sig', 'bad_signature:manifest.json.ed25519.sig', 'bad_signature:manifest.json.sm2.sig']));
    expect(got.every((p) => p.startsWith('bad_signature:'))).toBe(true);

    // Signer files replaced too: consistent in itself, so only trust can tell.
    const swapped = await tampered(resign);
    const selfCheck = await verifyPack(swapped.zip);
    expect(selfCheck.ok).toBe(true);
    expect(selfCheck.signer.fingerprints.ed25519).toBe(attacker.ed25519.fingerprint);
    const trust = { trustedKeys: { ed25519: [owner.ed25519.fingerprint], sm2: [owner.sm2.fingerprint] } };
    expect(await both(swapped, trust)).toEqual(['bad_signature:signer/ed25519.pub.pem', 'bad_signature:signer/sm2.pub.hex']);
    expect((await verifyPack(swapped.dir, trust)).signer.trusted).toBe(false);
  });

  it('signer files missing or not matching the signature → reported', async () => {
    const t = await tampered((d) => {
      fs.rmSync(path.join(d, 'signer', 'cert.pem'));
      fs.writeFileSync(path.join(d, 'signer', 'sm2.pub.pem'), attacker.sm2.publicKeyPem);
    });
    expect(await both(t)).toEqual(['bad_signature:signer/sm2.pub.pem', 'missing:signer/cert.pem']);
  });

  it('a byte flipped inside the zip file itself names the damaged member', async () => {
    const zip = fs.readFileSync(packZip);
    // The scan is stored (not deflated): find its random bytes and flip one.
    const scan = fs.readFileSync(path.join(pack, SAMPLE.scan));
    const at = zip.indexOf(scan.subarray(1000, 1064));
    expect(at).toBeGreaterThan(0);
    zip[at] = (zip[at] ?? 0) ^ 0xff;
    const bad = path.join(work, 'flipped.zip');
    fs.writeFileSync(bad, zip);
    const r = await verifyPack(bad);
    expect(r.ok).toBe(false);
    expect(short(r)).toEqual([`altered:${SAMPLE.scan}`]);
  });

  it('a zip that holds the pack in one top folder verifies too', async () => {
    const parent = path.join(work, 'parent');
    copyDir(pack, path.join(parent, '2024-06 月度验收资料'));
    const zip = path.join(work, 'nested.zip');
    await zipFolder(parent, zip);
    const r = await verifyPack(zip);
    expect(r.problems).toEqual([]);
  });
});

describe('inputs that cannot be read → PackReadError (CLI exit 2)', () => {
  const readError = async (input: string): Promise<string> => {
    try {
      await verifyPack(input);
    } catch (err) {
      expect(err).toBeInstanceOf(PackReadError);
      return `${(err as PackReadError).reason}: ${(err as PackReadError).message}`;
    }
    return 'no error';
  };

  it('garbage, truncated zip, missing path', async () => {
    const garbage = path.join(work, 'garbage.zip');
    fs.writeFileSync(garbage, Buffer.from('this is not a zip file at all, just text'.repeat(50)));
    expect(await readError(garbage)).toMatch(/^zip_invalid: 无法读取压缩包/);
    const truncated = path.join(work, 'truncated.zip');
    fs.writeFileSync(truncated, fs.readFileSync(packZip).subarray(0, 5000));
    expect(await readError(truncated)).toMatch(/^zip_invalid/);
    expect(await readError(path.join(work, 'does-not-exist.zip'))).toMatch(/^not_found: 找不到要校验的验收包/);
  });
});
