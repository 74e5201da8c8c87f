/** Deterministic PRNG (mulberry32) so the same seed gives the same demo history. */
export class Rng {
  private s: number;
  constructor(seed: string | number) {
    let h = 2166136261;
    for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    this.s = h >>> 0;
  }
  next(): number {
    let t = (this.s += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r <= 0) return v;
    }
    return items[items.length - 1]![0];
  }
  /** A time-ordered UUIDv7-shaped id from the generator (deterministic). */
  id(ms: number): string {
    const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, '0').slice(-len);
    const ts = hex(ms, 12);
    const r = () => hex(this.next() * 0x10000, 4);
    return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${r().slice(1)}-${((8 + this.int(0, 3)).toString(16))}${r().slice(1)}-${r()}${r()}${r()}`;
  }
}
