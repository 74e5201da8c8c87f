import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open';
import { createBackup, restoreFile, verifyBackupFile } from '../backup/service';
import { tempDir } from '../test-tmp';

const RUNS = Number(process.env.OWB_CRASH_RUNS ?? 25);
const dir = tempDir('owb-crash-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const writer = path.join(import.meta.dirname, 'crash-writer.fixture.ts');

function startWriter(file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let acked = -1;
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const l of lines) if (l.startsWith('ACK ')) acked = Number(l.slice(4));
  });
  const firstAck = new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (acked >= 0) {
        clearInterval(t);
        resolve();
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(t);
      if (acked < 0) reject(new Error('writer exited before its first commit'));
    });
  });
  return { child, acked: () => acked, firstAck };
}

describe('crash safety', () => {
  it(`loses no acknowledged commit when the writer is SIGKILLed at random moments (${RUNS} runs)`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const file = path.join(dir, `crash-${run % 3}.sqlite`);
      const w = startWriter(file);
      await w.firstAck;
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 120)));
      const exited = new Promise((r) => w.child.on('exit', r));
      w.child.kill('SIGKILL');
      await exited;
      const lastAck = w.acked();
      const db = new Database(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const keys = new Set((db.prepare("SELECT key FROM settings WHERE key LIKE 'crash-%'").all() as Array<{ key: string }>).map((r) => r.key));
        // Every acknowledged transaction is whole; an unacknowledged one is whole or absent.
        for (let n = 0; n <= lastAck; n++) for (let k = 0; k < 5; k++) expect(keys.has(`crash-${n}-${k}`)).toBe(true);
        const present = (n: number) => [0, 1, 2, 3, 4].filter((k) => keys.has(`crash-${n}-${k}`)).length;
        expect([0, 5]).toContain(present(lastAck + 1));
        db.prepare("DELETE FROM settings WHERE key LIKE 'crash-%'").run();
      } finally {
        db.close();
      }
    }
  }, 180_000);

  it('takes a backup while another process writes, and the backup restores', async () => {
    const file = path.join(dir, 'live.sqlite');
    openDatabase(file).sqlite.close();
    const w = startWriter(file);
    await w.firstAck;
    const reader = new Database(file);
    const out = path.join(dir, 'live-backup.sqlite');
    try {
      await createBackup(reader, out);
    } finally {
      reader.close();
      w.child.kill('SIGKILL');
    }
    expect(verifyBackupFile(out)).toEqual([]);
    const target = path.join(dir, 'restored.sqlite');
    restoreFile(out, target, new Date());
    const h = openDatabase(target);
    expect(h.state).toBe('ok');
    const n = (h.sqlite.prepare("SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'crash-%'").get() as { n: number }).n;
    expect(n % 5).toBe(0);
    expect(n).toBeGreaterThan(0);
    h.sqlite.close();
  }, 60_000);
});
