/**
 * Incremental SM3 (GB/T 32905-2016) so big files can be hashed as a stream.
 *
 * sm-crypto-v2 only exposes a one-shot `sm3(bytes)`; its hasher class is internal. This is
 * the same algorithm over bytes, cross-checked in sm3.test.ts against sm-crypto-v2's
 * `sm3(Uint8Array)` and `openssl dgst -sm3`. Electron's BoringSSL has no SM3, so node:crypto
 * cannot be used for it.
 */

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const T_LOW = 0x79cc4519;
const T_HIGH = 0x7a879d8a;

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
const rotlMod = (x: number, n: number): number => {
  const k = n % 32;
  return k === 0 ? x >>> 0 : rotl(x, k);
};
const p0 = (x: number): number => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number): number => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

/** Rotated constants T_j <<< j, precomputed once. */
const TJ: number[] = Array.from({ length: 64 }, (_, j) => rotlMod(j < 16 ? T_LOW : T_HIGH, j));

export class Sm3 {
  private readonly v = new Uint32Array(IV);
  private readonly w = new Uint32Array(68);
  private readonly block = new Uint8Array(64);
  private blockLen = 0;
  private total = 0; // bytes
  private done = false;

  update(data: Uint8Array): this {
    if (this.done) throw new Error('Sm3: digest() already called');
    let off = 0;
    this.total += data.length;
    if (this.blockLen > 0) {
      const take = Math.min(64 - this.blockLen, data.length);
      this.block.set(data.subarray(0, take), this.blockLen);
      this.blockLen += take;
      off = take;
      if (this.blockLen < 64) return this;
      this.compress(this.block, 0);
      this.blockLen = 0;
    }
    for (; off + 64 <= data.length; off += 64) this.compress(data, off);
    if (off < data.length) {
      this.block.set(data.subarray(off), 0);
      this.blockLen = data.length - off;
    }
    return this;
  }

  /** Finishes and returns the 32-byte digest. */
  digestBytes(): Uint8Array {
    if (this.done) throw new Error('Sm3: digest() already called');
    const bitLen = this.total * 8;
    const padLen = this.blockLen < 56 ? 56 - this.blockLen : 120 - this.blockLen;
    const tail = new Uint8Array(padLen + 8);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(padLen, Math.floor(bitLen / 0x100000000), false);
    view.setUint32(padLen + 4, bitLen >>> 0, false);
    this.update(tail);
    this.done = true;
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setUint32(i * 4, this.v[i] ?? 0, false);
    return out;
  }

  digestHex(): string {
    return Buffer.from(this.digestBytes()).toString('hex');
  }

  private compress(data: Uint8Array, off: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const o = off + i * 4;
      w[i] = (((data[o] ?? 0) << 24) | ((data[o + 1] ?? 0) << 16) | ((data[o + 2] ?? 0) << 8) | (data[o + 3] ?? 0)) >>> 0;
    }
    for (let j = 16; j < 68; j++) {
      const x = (w[j - 16] ?? 0) ^ (w[j - 9] ?? 0) ^ rotl(w[j - 3] ?? 0, 15);
      w[j] = (p1(x) ^ rotl(w[j - 13] ?? 0, 7) ^ (w[j - 6] ?? 0)) >>> 0;
    }
    const v = this.v;
    let a = v[0] ?? 0, b = v[1] ?? 0, c = v[2] ?? 0, d = v[3] ?? 0;
    let e = v[4] ?? 0, f = v[5] ?? 0, g = v[6] ?? 0, h = v[7] ?? 0;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + (TJ[j] ?? 0)) >>> 0, 7);
      const ss2 = (ss1 ^ a12) >>> 0;
      const wj = w[j] ?? 0;
      const wpj = (wj ^ (w[j + 4] ?? 0)) >>> 0;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + wpj) >>> 0;
      const tt2 = (gg + h + ss1 + wj) >>> 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    v[0] = (v[0] ?? 0) ^ a; v[1] = (v[1] ?? 0) ^ b; v[2] = (v[2] ?? 0) ^ c; v[3] = (v[3] ?? 0) ^ d;
    v[4] = (v[4] ?? 0) ^ e; v[5] = (v[5] ?? 0) ^ f; v[6] = (v[6] ?? 0) ^ g; v[7] = (v[7] ?? 0) ^ h;
  }
}

/** SM3 of bytes, hex. */
export function sm3Hex(data: Uint8Array): string {
  return new Sm3().update(data).digestHex();
}
