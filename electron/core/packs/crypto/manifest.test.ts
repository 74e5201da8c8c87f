import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sm3 as libSm3 } from 'sm-crypto-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { PackBuildError } from './errors';
import { SUMS_FILE, serializeManifest } from './format';
import { buildManifest, writeManifest, writeSha256Sums } from './manifest';
import { SAMPLE_META, run, tempDir } from './testkit';

const dirs: string[] = [];
const fresh = (): string => {
  const d = tempDir('owb-manifest-');
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function put(root: string, rel: string, data: Buffer | string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), data);
}

describe('buildManifest', () => {
  it('lists every member with size, SHA-256 and SM3 of its bytes, in byte order, posix paths', async () => {
    const root = fresh();
    const bin = randomBytes(5000);
    put(root, 'b.bin', bin);
    put(root, 'A.txt', 'upper first in byte order');
    put(root, '月报/报告 06.pdf', '%PDF-1.7 fake');
    put(root, '工单/sub dir/x.xlsx', Buffer.from([0x50, 0x4b, 0xff, 0x00]));
    put(root, 'empty.txt', '');
    // never listed: pack metadata, OS litter, our temp files
    for (const f of ['manifest.json', 'manifest.sig', 'SHA256SUMS', 'signer/ed25519.pub.pem', 'signer/cert.pem', 'verify.html', '.DS_Store', '月报/Thumbs.db', '.x.tmp-0123456789ab']) put(root, f, 'x');
    put(root, 'signer/notes.txt', 'not a signer file: listed');

    const m = await buildManifest(root, SAMPLE_META);
    expect(m.entries.map((e) => e.path)).toEqual(['A.txt', 'b.bin', 'empty.txt', 'signer/notes.txt', '工单/sub dir/x.xlsx', '月报/报告 06.pdf']);
    const b = m.entries.find((e) => e.path === 'b.bin');
    expect(b?.size).toBe(5000);
    expect(b?.sm3).toBe(libSm3(new Uint8Array(bin)));
    expect(m.entries.find((e) => e.path === 'empty.txt')?.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(m.totals).toEqual({ files: 6, bytes: m.entries.reduce((n, e) => n + e.size, 0) });
    expect({ ...m, entries: [] }).toMatchObject({ format: 'owb-pack-manifest/1', ...SAMPLE_META, hashAlgorithms: ['sha256', 'sm3'] });

    // Deterministic: same folder, same bytes.
    expect(serializeManifest(await buildManifest(root, SAMPLE_META)).equals(serializeManifest(m))).toBe(true);
  });

  it('writes SHA256SUMS that sha256sum -c accepts, and that fails on a changed file', async () => {
    const root = fresh();
    put(root, '月报/报告 06.pdf', '%PDF-1.7 fake');
    put(root, 'a b.txt', 'spaces in names');
    const m = await buildManifest(root, SAMPLE_META);
    await writeManifest(root, m);
    await writeSha256Sums(root, m.entries);
    const text = fs.readFileSync(path.join(root, SUMS_FILE), 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64} {2}a b\.txt\n[0-9a-f]{64} {2}月报\/报告 06\.pdf\n$/);
    expect(run('sha256sum', ['-c', '--strict', SUMS_FILE], root).code).toBe(0);
    put(root, 'a b.txt', 'changed');
    const r = run('sha256sum', ['-c', SUMS_FILE], root);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('a b.txt: FAILED');
  });

  it('refuses symlinks, names Windows cannot hold, case-only duplicates and bad metadata', async () => {
    const link = fresh();
    put(link, 'a.txt', 'x');
    fs.symlinkSync('/etc/passwd', path.join(link, 'passwd'));
    await expect(buildManifest(link, SAMPLE_META)).rejects.toThrow(/符号链接.*passwd/);

    const bad = fresh();
    put(bad, 'a:b.txt', 'x');
    await expect(buildManifest(bad, SAMPLE_META)).rejects.toThrow(PackBuildError);

    const dup = fresh();
    put(dup, 'Report.pdf', 'x');
    put(dup, 'report.pdf', 'y');
    await expect(buildManifest(dup, SAMPLE_META)).rejects.toThrow(/大小写/);

    await expect(buildManifest(fresh(), { ...SAMPLE_META, createdAt: 'yesterday' })).rejects.toThrow(/验收包信息不完整/);
    await expect(buildManifest(path.join(fresh(), 'nope'), SAMPLE_META)).rejects.toThrow(/文件夹不存在/);
  });
});
