// Child process for the crash test: commits numbered rows forever and acknowledges each
// commit on stdout only after COMMIT returned. The parent SIGKILLs it at a random moment.
import fs from 'node:fs';
import { openDatabase } from './open';
import { putSetting } from '../project/settings';

const file = process.argv[2];
if (!file) process.exit(2);
const h = openDatabase(file);
const pad = 'x'.repeat(500);
for (let n = 0; ; n++) {
  h.sqlite.transaction(() => {
    for (let k = 0; k < 5; k++) putSetting(h.sqlite, `crash-${n}-${k}`, pad, 'now', 'crash');
  })();
  fs.writeSync(1, `ACK ${n}\n`);
}
