import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** The app version from package.json (source runs); the Electron face passes app.getVersion(). */
export function appVersion(): string {
  if (cached) return cached;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const p of [path.resolve(here, '../../package.json'), path.resolve(here, '../package.json')]) {
    try {
      cached = (JSON.parse(fs.readFileSync(p, 'utf8')) as { version: string }).version;
      return cached;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}
