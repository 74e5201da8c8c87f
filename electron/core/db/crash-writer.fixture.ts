// Child process for the crash test: commits numbered rows forever and acknowledges each
// commit on stdout only after COMMIT returned. The parent SIGKILLs it at a random moment.
import fs from 'node:fs';
import { openDatabase } from './open';

const file = process.argv[2];
if (!file) process.exit(2);
const h = openDatabase(file);
const ins = h.sqlite.prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, 'now', 'crash')");
const pad = JSON.stringify('x'.repeat(500));
for (let n = 0; ; n++) {
  h.sqlite.transaction(() => {
    for (let k = 0; k < 5; k++) ins.run(`crash-${n}-${k}`, pad);
  })();
  fs.writeSync(1, `ACK ${n}\n`);
}
