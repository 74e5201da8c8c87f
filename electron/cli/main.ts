import { parseArgs } from 'node:util';
import { commands, helpText, registerCommands } from './commands';
import { faultCommands } from './faults';
import { workOrderCommands } from './workorders';
import { problemCommands } from './problems';
import { assetCommands } from './assets';
import { probeCommands } from './probes';
import { inspectionCommands } from './inspections';
import { attendanceCommands } from './attendance';
import { reportCommands } from './reports';
import { packCommands } from './packs';
import { documentCommands } from './documents';
import { fail } from './io';

registerCommands({ ...faultCommands, ...workOrderCommands, ...problemCommands, ...assetCommands, ...probeCommands, ...inspectionCommands, ...attendanceCommands, ...reportCommands, ...packCommands, ...documentCommands });

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const name = argv[0];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText());
    return;
  }
  const cmd = commands[name];
  if (!cmd) fail(`未知命令“${name}”。运行 owb --help 查看用法。`, 2);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv.slice(1), options: cmd.options, allowPositionals: true, strict: true });
  } catch (e) {
    fail(`参数有误：${(e as Error).message}`, 2);
  }
  const code = await cmd.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  process.exitCode = code;
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e), 2));
