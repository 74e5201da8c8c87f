import os from 'node:os';
import path from 'node:path';

/** Folder name of the app's data under the platform's application-data folder. */
export const APP_DIR_NAME = 'onsite-ops-workbench';
export const DB_FILE_NAME = 'workbench.sqlite';

/** The same folder Electron's main process uses (it sets userData to this). */
export function defaultDataDir(): string {
  if (process.env.OWB_DATA_DIR) return path.resolve(process.env.OWB_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

export function defaultDbPath(): string {
  return path.join(defaultDataDir(), DB_FILE_NAME);
}

/** Data dir of a given database file: its folder (backups and attachments live beside it). */
export function dataDirFor(dbPath: string): string {
  return path.dirname(path.resolve(dbPath));
}
