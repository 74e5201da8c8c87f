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
 */
const SUITES: Suite[] = [storeSuite, probesSuite, packsSuite, probesScaleSuite, listsUiSuite];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = wanted.length ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;
const figures: Figure[] = [];
const work = workDir();
for (const s of chosen) {
  process.stderr.write(`▶ ${s.name}\n`);
  const t0 = performance.now();
  figures.push(...(await s.run(work)));
  process.stderr.write(`  ${s.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
const out = { at: new Date().toISOString(), machine: machine(), figures };
fs.writeFileSync(path.resolve('bench/results.json'), `${JSON.stringify(out, null, 2)}\n`);
printTable(figures);
console.log(`\nwritten: bench/results.json`);
