import fs from 'node:fs';
import path from 'node:path';
import { generateDemo, type DemoSummary } from '../electron/core/demo/generate';

export const DEMO_UNTIL = '2026-08-16';
export const DEMO_SEED = 'bench';

/** The 3-year demo database, made once per bench run in bench/.cache (fresh each run). */
export function demoDb(work: string, years: number): { file: string; seconds: number; summary: DemoSummary } {
  const dir = path.join(work, `demo-${years}y`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'workbench.sqlite');
  const t0 = performance.now();
  const summary = generateDemo({ dbPath: file, dataDir: dir, years, until: DEMO_UNTIL, seed: DEMO_SEED });
  return { file, seconds: (performance.now() - t0) / 1000, summary };
}
