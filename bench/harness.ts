import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One measured figure, with the goal it is held to (if any). */
export interface Figure {
  suite: string;
  name: string;
  value: number;
  unit: string;
  goal?: string;
  pass?: boolean;
  note?: string;
  /** When the suite that measured it started (set by bench/run.ts). */
  at?: string;
}

export interface Suite {
  name: string;
  run(work: string): Promise<Figure[]>;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const idx = Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1);
  return s[Math.max(0, idx)]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Times fn n times (after warm-up runs) and returns the durations in ms. */
export function timeMany(n: number, fn: () => void, warmup = 3): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function workDir(): string {
  const dir = path.resolve('bench/.cache');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function machine(): Record<string, string | number> {
  return { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}` };
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [f.suite, f.name, `${f.value} ${f.unit}`, f.goal ?? '', f.pass === undefined ? '' : f.pass ? 'ok' : 'MISS']);
  const head = ['suite', 'figure', 'value', 'goal', ''];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i] ?? 0)).join('  ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) console.log(line(r));
}
