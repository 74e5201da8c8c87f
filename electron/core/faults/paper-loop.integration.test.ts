/**
 * Closing the paper loop (issue 4 part 8): the form is printed, the client's representative
 * signs it, the engineer attaches the scan — the record shows 已确认 with the scan, and the scan
 * travels with the record into the month's acceptance pack (a real pack build).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../shared/contract/packs';
import { packsDir } from '../packs/handlers';
import { faultInput, PNG_1x1, PNG_1x1_RED, recordsFixture, type RecordsFixture } from './test-helpers';

/** The fault's scan: a different file from the work order's. */
const SCAN_RED = PNG_1x1_RED;

let f: RecordsFixture;
beforeAll(async () => {
  f = await recordsFixture('2026-03-02T01:00:00.000Z');
}, 120_000);
afterAll(() => f?.close());

function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => fs.statSync(path.join(dir, p)).isFile());
}

describe('the signed paper', () => {
  it('confirms the fault and the work order and goes into the monthly pack', async () => {
    const fault = await f.call('faults/create', faultInput({ title: '中心数据库服务器备份失败', reportedAt: '2026-03-02T00:55:00.000Z' }));
    expect(fault.signedScans).toEqual([]);
    const wo = await f.call('workorders/create', { technicians: ['王工'], demand: '处理备份失败', content: '清理归档并重做全备。', faultId: fault.id });
    await f.call('workorders/start', { id: wo.id });
    await f.call('workorders/finish', { id: wo.id, doneDate: '2026-03-02', workloadHours: 2 });
    // No scan, no confirmation.
    expect((await f.fail('workorders/confirm', { id: wo.id, confirmerName: '刘科长' })).message).toContain('请先上传甲方业务代表签字的工单扫描件');
    await f.call('attachments/add', { entity: 'workorder', entityId: wo.id, role: 'signed_scan', name: '工单签字.png', mime: 'image/png', dataBase64: PNG_1x1.toString('base64') });
    const confirmed = await f.call('workorders/confirm', { id: wo.id, confirmerName: '刘科长' });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmerName: '刘科长', signedScans: [expect.objectContaining({ name: '工单签字.png' })] });
    // A confirmed work order is locked.
    expect((await f.fail('workorders/update', { id: wo.id, content: '改一改' })).code).toBe('CONFLICT');

    // The fault's scan is another file, so each record's copy in the pack is told apart by its bytes.
    await f.call('attachments/add', { entity: 'fault', entityId: fault.id, role: 'signed_scan', name: '故障报告单签字.png', mime: 'image/png', dataBase64: SCAN_RED.toString('base64') });
    const signed = await f.call('faults/get', { id: fault.id });
    expect(signed.signedScans.map((s) => s.name)).toEqual(['故障报告单签字.png']);
    expect(signed.attachments).toEqual([]);

    const built = (await f.call('packs/build', { target: { kind: 'monthly', month: '2026-03' }, jobId: 'paper-loop' })) as BuildResult;
    const folder = path.join(packsDir(f.t.dir), built.name);
    const all = files(folder);
    const faultScan = all.find((p) => p.includes(`故障报告单 ${fault.docNo} 签字件`));
    const woScan = all.find((p) => p.includes(`工单 ${wo.docNo} 签字件`));
    expect(faultScan, all.join('\n')).toBeDefined();
    expect(woScan, all.join('\n')).toBeDefined();
    expect(fs.readFileSync(path.join(folder, faultScan!))).toEqual(SCAN_RED);
    expect(fs.readFileSync(path.join(folder, woScan!))).toEqual(PNG_1x1);
  }, 600_000);
});
