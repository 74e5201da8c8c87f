import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/contract';
import { adminSession, makeCore, sessionWithRoles, tableCounts, type TestCore } from '../test-utils';
import { KEY_FILE } from './secrets';

const cores: TestCore[] = [];
function core(): TestCore {
  const t = makeCore();
  cores.push(t);
  return t;
}
afterEach(() => {
  for (const t of cores.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
});

const SECRET = 'S3cr3t-Pa55-不可外泄';
const KEY_PEM = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAtesttesttest\n-----END OPENSSH PRIVATE KEY-----';

const fields = (over: Record<string, unknown> = {}) => ({
  name: '测试服务器',
  nodeGroup: '数据中心',
  ip: '127.0.20.1',
  os: 'CentOS 7',
  systemShort: 'CS',
  model: 'PowerEdge R740',
  purpose: '测试',
  location: '机房A',
  category: '应用服务器',
  contentCategory: '应用',
  owner: '李明',
  note: '',
  sort: 50,
  credentialId: null,
  ...over,
});

async function sheet(rows: Array<Array<string | number>>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资产清单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('assets', () => {
  it('lists the seeded servers with every field, and edits them', async () => {
    const t = core();
    const admin = await adminSession(t);
    const eng = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
    const list = (await t.call('assets/list', {}, eng)) as Output<'assets/list'>;
    expect(list.map((a) => a.name)).toContain('中心数据库服务器');
    expect(list.every((a) => a.ip.startsWith('127.'))).toBe(true);
    const created = (await t.call('assets/save', fields(), eng)) as Output<'assets/save'>;
    expect(created).toMatchObject({ name: '测试服务器', owner: '李明', model: 'PowerEdge R740', level: null, checks: 0 });
    const dup = await t.raw('assets/save', fields(), eng);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!dup.ok) expect(dup.error.message).toContain('已存在');
    const bad = await t.raw('assets/save', fields({ name: '另一台', ip: '10.0.0.300' }), eng);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(bad.error.message).toContain('IP地址格式不正确');
    const edited = (await t.call('assets/save', { ...fields({ location: '机房B' }), id: created.id }, eng)) as Output<'assets/save'>;
    expect(edited.location).toBe('机房B');
    await t.call('assets/delete', { id: created.id }, eng);
    const after = (await t.call('assets/list', {}, eng)) as Output<'assets/list'>;
    expect(after.find((a) => a.id === created.id)).toBeUndefined();
    // auditors see no records
    const auditor = await sessionWithRoles(t, admin, 'aud1', ['auditor']);
    expect(await t.raw('assets/list', {}, auditor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps credentials encrypted at rest and never returns, logs or exports the secret', async () => {
    const t = core();
    const admin = await adminSession(t);
    const eng = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
    const outputs: unknown[] = [];
    const c = (await t.call('assets/credential-save', { label: '运维账号', kind: 'password', username: 'ops', secret: SECRET }, eng)) as Output<'assets/credential-save'>;
    const k = (await t.call('assets/credential-save', { label: '密钥账号', kind: 'private_key', username: 'root', secret: KEY_PEM, passphrase: 'pp-secret-9' }, eng)) as Output<'assets/credential-save'>;
    outputs.push(c, k);
    expect(c).toMatchObject({ label: '运维账号', username: 'ops', hasSecret: true });
    const noSecret = await t.raw('assets/credential-save', { label: '空', kind: 'password', username: 'x' }, eng);
    expect(noSecret).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const a = (await t.call('assets/save', fields({ credentialId: c.id }), eng)) as Output<'assets/save'>;
    outputs.push(a, await t.call('assets/get', { id: a.id }, eng), await t.call('assets/list', {}, eng), await t.call('assets/credentials', {}, eng));
    // renaming keeps the secret; a new secret replaces it
    outputs.push(await t.call('assets/credential-save', { id: c.id, label: '运维账号2', kind: 'password', username: 'ops' }, eng));
    outputs.push(await t.call('assets/credential-save', { id: c.id, label: '运维账号2', kind: 'password', username: 'ops', secret: `${SECRET}-new` }, eng));
    const exported = (await t.call('assets/export', {}, eng)) as Output<'assets/export'>;
    outputs.push(exported);
    expect(await t.raw('assets/credential-delete', { id: c.id }, eng)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const json = JSON.stringify(outputs);
    for (const s of [SECRET, 'pp-secret-9', 'b3BlbnNzaC1rZXktdjEAAAAAtesttesttest']) expect(json).not.toContain(s);
    // the export's bytes (unzipped by exceljs) name the credential, not its secret
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.dataBase64, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain('运维账号2');
    expect(cells.join('|')).not.toContain(SECRET);

    // audit rows and the database file hold no plaintext
    const db = new Database(t.dbPath, { readonly: true });
    const audit = db.prepare("SELECT before, after, channel FROM audit_log WHERE channel LIKE 'assets/%'").all() as Array<{ before: string | null; after: string | null }>;
    const stored = db.prepare('SELECT secret_enc FROM credentials').all() as Array<{ secret_enc: Buffer | null }>;
    db.close();
    expect(audit.length).toBeGreaterThan(3);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(JSON.stringify(audit)).not.toContain('pp-secret-9');
    for (const r of stored) expect(r.secret_enc?.toString('latin1') ?? '').not.toContain('Pa55');
    const raw = fs.readFileSync(t.dbPath).toString('latin1') + (fs.existsSync(`${t.dbPath}-wal`) ? fs.readFileSync(`${t.dbPath}-wal`).toString('latin1') : '');
    expect(raw).not.toContain('S3cr3t-Pa55');
    // the key file is private to the user
    const st = fs.statSync(path.join(t.dir, KEY_FILE));
    expect(st.size).toBe(32);
    expect(st.mode & 0o077).toBe(0);
  });

  it('imports an Excel file: all good rows are written, one bad row and nothing changes (Chinese errors per row)', async () => {
    const t = core();
    const admin = await adminSession(t);
    const eng = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
    await t.call('assets/credential-save', { label: '运维账号', kind: 'password', username: 'ops', secret: SECRET }, eng);
    const head = ['服务器名称', '节点', 'IP地址', '操作系统', '系统简称', '设备型号', '设备用途', '所在位置', '类别', '内容分类', '负责人', '登录凭据', '排序', '备注'];
    const before = tableCounts(t.dbPath);
    const bad = await sheet([
      head,
      ['新服务器A', '应用', '127.0.30.1', 'CentOS 7', 'A', '', '', '', '', '', '', '运维账号', '', ''],
      ['', '应用', '127.0.30.2', 'CentOS 7', '', '', '', '', '', '', '', '', '', ''],
      ['新服务器C', '应用', '300.1.1.1', 'CentOS 7', '', '', '', '', '', '', '', '不存在的账号', 'x', ''],
      ['新服务器A', '应用', '127.0.30.4', 'CentOS 7', '', '', '', '', '', '', '', '', '', ''],
    ]);
    const r = await t.raw('assets/import', { dataBase64: bad }, eng);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(/导入未执行，3 行有错误/);
      const msgs = (r.error.issues ?? []).map((i) => `${i.path}：${i.message}`);
      expect(msgs).toEqual(
        expect.arrayContaining([
          '第3行：服务器名称：请填写服务器名称',
          expect.stringMatching(/^第4行：IP地址：IP地址格式不正确/),
          '第4行：登录凭据“不存在的账号”不存在（请先在“登录凭据”中添加）',
          '第4行：排序应为非负整数',
          '第5行：服务器名称“新服务器A”与第 2 行重复',
        ]),
      );
    }
    const afterBad = tableCounts(t.dbPath);
    expect({ ...afterBad, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });

    const notXlsx = await t.raw('assets/import', { dataBase64: Buffer.from('not a workbook').toString('base64') }, eng);
    expect(notXlsx).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!notXlsx.ok) expect(notXlsx.error.message).toContain('无法读取 Excel 文件');
    const noHeader = await t.raw('assets/import', { dataBase64: await sheet([['名称', 'IP'], ['x', '1.1.1.1']]) }, eng);
    if (!noHeader.ok) expect(noHeader.error.message).toContain('缺少列');

    // a good file: one new asset, one update by name (the seeded DB server gets an owner)
    const good = await sheet([
      head,
      ['新服务器A', '应用', '127.0.30.1', 'CentOS 7', 'A', '', '新业务', '机房', '应用服务器', '应用', '王五', '运维账号', '', ''],
      ['中心数据库服务器', '数据中心', '127.0.10.1', 'Windows Server 2016', 'DB', '', '中心数据库', '发改委机房', '数据库服务器', '数据库', '李明', '', '0', ''],
    ]);
    const ok = (await t.call('assets/import', { dataBase64: good }, eng)) as Output<'assets/import'>;
    expect(ok).toMatchObject({ rows: 2, created: 1, updated: 1 });
    const list = (await t.call('assets/list', {}, eng)) as Output<'assets/list'>;
    expect(list.find((a) => a.name === '新服务器A')).toMatchObject({ credentialLabel: '运维账号', owner: '王五' });
    expect(list.find((a) => a.name === '中心数据库服务器')?.owner).toBe('李明');

    // round trip: the export imports back unchanged
    const exp = (await t.call('assets/export', {}, eng)) as Output<'assets/export'>;
    const again = (await t.call('assets/import', { dataBase64: exp.dataBase64 }, eng)) as Output<'assets/import'>;
    expect(again.created + again.updated).toBe(0);
    expect(again.unchanged).toBe(list.length);
  });
});
