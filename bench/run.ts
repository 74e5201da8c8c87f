import fs from 'node:fs';
import path from 'node:path';
import { machine, printTable, workDir, type Figure, type Suite } from './harness';
import { storeSuite } from './store';
import { packsSuite } from './packs';
import { probesSuite } from './probes';
import { probesScaleSuite } from './probes-scale';
import { listsUiSuite } from './lists-ui';

/**
 * `npm run bench [-- suite…]`: runs the benchmark suites, prints a table and writes
 * bench/results.json. A benchmark, not a test: figures are compared with goals, not asserted.
 * Running some suites replaces their figures in bench/results.json and keeps the others'
 * (each suite's figures carry the time they were taken).
 */
const SUITES: Suite[] = [storeSuite, probesSuite, packsSuite, probesScaleSuite, listsUiSuite];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = wanted.length ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;
const figures: Figure[] = [];
const work = workDir();
for (const s of chosen) {
  process.stderr.write(`▶ ${s.name}\n`);
  const t0 = performance.now();
  const at = new Date().toISOString();
  figures.push(...(await s.run(work)).map((f) => ({ ...f, at })));
  process.stderr.write(`  ${s.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
const file = path.resolve('bench/results.json');
const ran = new Set(chosen.map((s) => s.name));
const kept = previousFigures(file).filter((f) => !ran.has(f.suite));
const out = { at: new Date().toISOString(), machine: machine(), figures: [...kept, ...figures] };
fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
printTable(figures);
console.log(`\nwritten: bench/results.json`);

/** The figures of an earlier run (those without their own time get the run's), or none. */
function previousFigures(file: string): Figure[] {
  try {
    const prev = JSON.parse(fs.readFileSync(file, 'utf8')) as { at?: string; figures?: Figure[] };
    return (prev.figures ?? []).map((f) => ({ ...f, at: f.at ?? prev.at }));
  } catch {
    return [];
  }
}
