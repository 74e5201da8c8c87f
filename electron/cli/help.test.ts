import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

/** `owb --help` is generated from the registered commands: every command a user can run is listed. */
it('owb --help lists every command with its usage, in Chinese', () => {
  const r = spawnSync(process.execPath, ['bin/owb.mjs', '--help'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const usage = r.stdout.split('\n').filter((l) => /^ {2}owb /.test(l)).map((l) => l.trim());
  for (const cmd of [
    'owb channels',
    'owb call <通道>',
    'owb check --db',
    'owb backup --db',
    'owb restore --from',
    'owb demo --db',
    'owb audit verify',
    'owb audit purge --db',
    'owb export monthly',
    'owb export annual',
    'owb export form',
    'owb assets list|export|import',
    'owb probe --db',
    'owb inspections today',
    'owb schedule --db',
    'owb attendance <子命令>',
    'owb verify <',
  ]) {
    expect(usage.some((l) => l.startsWith(cmd)), cmd).toBe(true);
  }
  expect(r.stdout).toContain('所有访问数据的命令都接受 --db');
  // An unknown command says where the help is and exits 2.
  const bad = spawnSync(process.execPath, ['bin/owb.mjs', 'nosuch'], { encoding: 'utf8' });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('owb --help');
});
