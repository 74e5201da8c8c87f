import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dataDirFor, defaultDbPath, DB_FILE_NAME } from '../core/paths';
import { startBridge } from './server';

/**
 * `npm run web`: the app in a browser on 127.0.0.1. Flags: --db FILE | --data-dir DIR,
 * --port N (default 0 = any free port), --json (print {url, origin, token} for tests),
 * --no-scheduler (no scheduled sweeps/rounds: the E2E tests drive their own).
 */
const { values } = parseArgs({
  options: { db: { type: 'string' }, 'data-dir': { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' }, 'no-scheduler': { type: 'boolean' } },
  strict: true,
});
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '../../dist/renderer');
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
  process.stderr.write('找不到已构建的界面（dist/renderer）。请先运行 npm run build:renderer。\n');
  process.exit(2);
}
const dbPath = values.db ? path.resolve(values.db) : values['data-dir'] ? path.join(path.resolve(values['data-dir']), DB_FILE_NAME) : defaultDbPath();
const bridge = await startBridge({ dbPath, dataDir: dataDirFor(dbPath), rendererDir, port: values.port ? Number(values.port) : 0, scheduler: values['no-scheduler'] !== true });
if (values.json) {
  process.stdout.write(`${JSON.stringify({ url: bridge.url, origin: bridge.origin, token: bridge.token, dbPath })}\n`);
} else {
  process.stdout.write(`驻场运维工作台（浏览器模式）已启动，仅监听 127.0.0.1。\n数据库：${dbPath}\n请在本机浏览器打开：\n  ${bridge.url}\n按 Ctrl+C 退出。\n`);
}
const stop = () => void bridge.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
