/**
 * The same bytes attached twice under two names (a screenshot kept as evidence, later the same
 * picture as the signed scan): the file is stored once, each attachment keeps its own name in the
 * record, in the download and in the pack's listing of scans.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultInput, PNG_1x1, recordsFixture, type RecordsFixture } from '../faults/test-helpers';

let f: RecordsFixture;
beforeAll(async () => {
  f = await recordsFixture('2026-03-02T01:00:00.000Z');
}, 120_000);
afterAll(() => f?.close());

describe('attachment names', () => {
  it('one stored file, two names', async () => {
    const fault = await f.call('faults/create', faultInput({ title: '备份失败', reportedAt: '2026-03-02T00:55:00.000Z' }));
    const data = PNG_1x1.toString('base64');
    const shot = await f.call('attachments/add', { entity: 'fault', entityId: fault.id, role: 'evidence', name: '报错截图.png', mime: 'image/png', dataBase64: data });
    const scan = await f.call('attachments/add', { entity: 'fault', entityId: fault.id, role: 'signed_scan', name: '签字件.png', mime: 'image/png', dataBase64: data });
    expect(scan.id).toBe(shot.id); // stored once
    expect([shot.name, scan.name]).toEqual(['报错截图.png', '签字件.png']);

    const got = await f.call('faults/get', { id: fault.id });
    expect(got.attachments.map((a) => a.name)).toEqual(['报错截图.png']);
    expect(got.signedScans.map((a) => a.name)).toEqual(['签字件.png']);

    // Downloaded through each link, each under its own name; the bytes are the same.
    const viaScan = await f.call('attachments/get', { id: scan.id, linkId: got.signedScans[0]!.linkId });
    const viaShot = await f.call('attachments/get', { id: shot.id, linkId: got.attachments[0]!.linkId });
    expect([viaShot.name, viaScan.name]).toEqual(['报错截图.png', '签字件.png']);
    expect(viaScan.dataBase64).toBe(data);
    // A link of another file is refused, not answered with this file's bytes.
    const other = await f.call('attachments/add', { entity: 'fault', entityId: fault.id, role: 'evidence', name: '另一个.txt', mime: 'text/plain', dataBase64: Buffer.from('日志').toString('base64') });
    expect((await f.fail('attachments/get', { id: scan.id, linkId: other.linkId })).code).toBe('NOT_FOUND');

    // Only one blob on disk for the two names.
    const blobs = fs.readdirSync(path.join(f.t.dir, 'attachments'), { recursive: true, encoding: 'utf8' }).filter((p) => fs.statSync(path.join(f.t.dir, 'attachments', p)).isFile());
    expect(blobs).toHaveLength(2);
  });
});
