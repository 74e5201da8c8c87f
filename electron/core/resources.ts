import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo's resources/ folder (source runs) or the packaged copy (OWB_RESOURCES_DIR). */
export function resourcesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [process.env.OWB_RESOURCES_DIR, path.resolve(here, '../../resources'), path.resolve(here, '../resources')];
  for (const c of candidates) {
    if (c && fs.existsSync(path.join(c, 'default-project.json'))) return c;
  }
  throw new Error('resources folder with default-project.json not found');
}

export function readResourceJson(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(resourcesDir(), name), 'utf8'));
}
