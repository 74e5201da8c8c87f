import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sm3 as libSm3 } from 'sm-crypto-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { digestFile } from './hashing';
import { Sm3, sm3Hex } from './sm3';
import { run, tempDir } from './testkit';

const dir = tempDir('owb-sm3-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SM3 (streaming)', () => {
  it('matches the GB/T 32905 examples', () => {
    expect(sm3Hex(new TextEncoder().encode('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex(new TextEncoder().encode('abcd'.repeat(16)))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('equals sm-crypto-v2 sm3(bytes) for any length and any chunking', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 65_537]) {
      const data = randomBytes(n);
      const h = new Sm3();
      for (let off = 0; off < n; ) {
        const k = Math.min(n - off, 1 + Math.floor(Math.random() * 150));
        h.update(data.subarray(off, off + k));
        off += k;
      }
      expect(h.digestHex(), `length ${n}`).toBe(libSm3(new Uint8Array(data)));
    }
  });

  it('hashes bytes, not a UTF-8 reading of them (the sm3(string) trap)', () => {
    const data = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]);
    expect(sm3Hex(data)).toBe(libSm3(new Uint8Array(data)));
    expect(sm3Hex(data)).not.toBe(libSm3(data.toString('latin1')));
  });

  it('agrees with openssl dgst -sm3 on a file hashed as a stream', async () => {
    const file = path.join(dir, 'big.bin');
    fs.writeFileSync(file, randomBytes(3 * 1024 * 1024 + 17));
    const d = await digestFile(file);
    const r = run('openssl', ['dgst', '-sm3', '-r', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.split(' ')[0]).toBe(d.sm3);
    expect(run('sha256sum', [file]).stdout.split(' ')[0]).toBe(d.sha256);
  });
});
