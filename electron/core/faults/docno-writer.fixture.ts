// Child process for the numbering test: opens the core on a shared database, waits for the
// start file (so every writer starts at once), creates `n` records of a kind through the
// dispatcher (each in its own IMMEDIATE transaction) and prints the numbers it got, one a line.
import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../api';

const [dbPath, kind, countArg, goFile, nowIso] = process.argv.slice(2);
if (!dbPath || !kind || !countArg || !goFile || !nowIso) process.exit(2);
// The parent's clock, so every writer numbers in the same year.
const now = new Date(nowIso);
const core = openCore({ dbPath, dataDir: path.dirname(dbPath), version: 'test', clock: () => now });
while (!fs.existsSync(goFile)) await new Promise((r) => setTimeout(r, 5));
const n = Number(countArg);
for (let i = 0; i < n; i++) {
  const r =
    kind === 'fault'
      ? await core.call({ channel: 'faults/create', input: { title: `并发故障 ${process.pid}-${i}`, category: 'system', severity: 'normal', description: '并发编号测试' } }, 'cli')
      : kind === 'workorder'
        ? await core.call({ channel: 'workorders/create', input: { technicians: ['王工'], demand: `并发工单 ${process.pid}-${i}`, content: '并发编号测试' } }, 'cli')
        : await core.call({ channel: 'problems/create', input: { kind: 'defect', title: `并发问题 ${process.pid}-${i}`, description: '并发编号测试', submitterName: '王工', severity: 'minor' } }, 'cli');
  if (!r.ok) {
    process.stderr.write(`${r.error.code} ${r.error.message}\n`);
    process.exit(1);
  }
  fs.writeSync(1, `${(r.data as { docNo: string }).docNo}\n`);
}
core.close();
