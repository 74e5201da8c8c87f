import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh data dir in the system temp folder. */
export function tempDir(prefix = 'owb-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
