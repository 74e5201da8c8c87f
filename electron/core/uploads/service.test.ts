import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/contract/uploads';
import { adminSession, makeCore, sessionWithRoles, tableCounts, type TestCore } from '../test-utils';
import { completedUpload } from './service';
import { uploadBytes } from './testkit';

let t: TestCore;
let admin: string;
let engineer: string;
const dir = () => path.join(t.dir, 'tmp', 'uploads');

beforeEach(async () => {
  t = makeCore();
  admin = await adminSession(t);
  engineer = await sessionWithRoles(t, admin, 'zhangwei', ['engineer']);
});
afterEach(() => t.close());

function bytesOf(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}

describe('chunked uploads', () => {
  it('a file larger than one chunk arrives whole, in order, without a database write', async () => {
    const before = tableCounts(t.dbPath);
    const data = bytesOf(UPLOAD_CHUNK_BYTES * 2 + 12345);
    const id = await uploadBytes(t, 'pack.zip', data, engineer);
    const ctx = { dataDir: t.dir, actor: { userId: null, username: 'x', roles: [] }, nowIso: () => t.now.value.toISOString() };
    const done = (await t.core.call({ channel: 'uploads/chunk', input: { id, offset: data.length, dataBase64: 'AAAA' }, session: engineer }, 'bridge'));
    expect(done.ok).toBe(false); // past the declared size
    const file = path.join(dir(), `${id}.part`);
    expect(fs.readFileSync(file).equals(data)).toBe(true);
    // Someone else's upload is not found (the CLI actor here, an admin session below).
    await expect(completedUpload(ctx, id)).rejects.toThrow(/已不存在/);
    const other = await t.raw('uploads/discard', { id }, admin);
    expect(other).toMatchObject({ ok: true, data: { discarded: false } });
    expect(fs.existsSync(file)).toBe(true);
    const after = tableCounts(t.dbPath);
    expect(after).toEqual(before);
    expect(await t.call('uploads/discard', { id }, engineer)).toEqual({ discarded: true });
    expect(fs.readdirSync(dir())).toEqual([]);
  });

  it('refuses out-of-order and oversized chunks with Chinese messages and keeps what it had', async () => {
    const { id } = (await t.call('uploads/begin', { fileName: 'a.zip', size: 10 }, engineer)) as { id: string };
    const skip = await t.raw('uploads/chunk', { id, offset: 4, dataBase64: Buffer.from('abcd').toString('base64') }, engineer);
    expect(skip).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!skip.ok) expect(skip.error.message).toContain('上传顺序错误');
    expect(await t.call('uploads/chunk', { id, offset: 0, dataBase64: Buffer.from('abcd').toString('base64') }, engineer)).toEqual({ received: 4, complete: false });
    const over = await t.raw('uploads/chunk', { id, offset: 4, dataBase64: Buffer.from('0123456789').toString('base64') }, engineer);
    expect(over).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fs.statSync(path.join(dir(), `${id}.part`)).size).toBe(4);
    const incomplete = await t.raw('packs/verify-upload', { uploadId: id }, engineer);
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!incomplete.ok) expect(incomplete.error.message).toContain('尚未上传完');
  });

  it('two calls with the same chunk at once: one appends, the other is refused as out of order', async () => {
    const { id } = (await t.call('uploads/begin', { fileName: 'twice.zip', size: 8 }, engineer)) as { id: string };
    const chunk = { id, offset: 0, dataBase64: Buffer.from('abcd').toString('base64') };
    const [a, b] = await Promise.all([t.raw('uploads/chunk', chunk, engineer), t.raw('uploads/chunk', chunk, engineer)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(fs.statSync(path.join(dir(), `${id}.part`)).size).toBe(4);
  });

  it('rejects bad input at the contract: sizes, ids, encodings, anonymous callers', async () => {
    for (const input of [{ fileName: 'a', size: 0 }, { fileName: 'a', size: 3 * 1024 ** 3 }, { fileName: '', size: 5 }]) {
      expect(await t.raw('uploads/begin', input, engineer)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await t.raw('uploads/chunk', { id: '../../etc/passwd', offset: 0, dataBase64: 'AAAA' }, engineer)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const { id } = (await t.call('uploads/begin', { fileName: 'a.zip', size: 10 }, engineer)) as { id: string };
    expect(await t.raw('uploads/chunk', { id, offset: 0, dataBase64: '!!!!' }, engineer)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.raw('uploads/begin', { fileName: 'a.zip', size: 10 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('uploads older than a day are swept when the next one begins', async () => {
    const { id } = (await t.call('uploads/begin', { fileName: 'old.zip', size: 10 }, engineer)) as { id: string };
    const old = new Date(t.now.value.getTime() - 25 * 3_600_000);
    for (const f of fs.readdirSync(dir())) fs.utimesSync(path.join(dir(), f), old, old);
    await t.call('uploads/begin', { fileName: 'new.zip', size: 10 }, engineer);
    expect(fs.readdirSync(dir()).some((f) => f.startsWith(id))).toBe(false);
    expect(fs.readdirSync(dir())).toHaveLength(2);
  });
});
