import { parseArgs } from 'node:util';
import { commands, registerCommands } from './commands';
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

const HELP = `owb — 驻场运维工作台命令行

用法:
  owb channels [--json]                         列出全部通道（--json: 含输入输出的 JSON Schema）
  owb call <通道> --input <JSON> [--db 文件]     调用一个通道
  owb check --db 文件                            检查数据库完整性
  owb backup --db 文件 --out 备份文件            在线备份并校验
  owb restore --from 备份文件 --db 文件          从备份恢复（原文件保留）
  owb audit verify --db 文件                     校验审计日志哈希链
  owb demo --db 文件 [--years N] [--until YYYY-MM-DD] [--seed S]   生成演示数据

所有访问数据的命令都接受 --db（默认：应用数据目录中的数据库）。
`;

registerCommands({ ...faultCommands, ...workOrderCommands, ...problemCommands, ...assetCommands, ...probeCommands, ...inspectionCommands, ...attendanceCommands, ...reportCommands, ...packCommands, ...documentCommands });

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const name = argv[0];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
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
