import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../../shared/contract/workorders';
import { libreOfficeCsv, pdfFonts, pdfRawPages, renderPng, squash, writeTemp, xlsxCells, xlsxPageSetup } from '../../forms/testing';
import { faultInput, PNG_1x1, recordsFixture, type RecordsFixture } from '../../faults/test-helpers';

const HYPERLINK = '=HYPERLINK("http://127.0.0.1/","x")';
let f: RecordsFixture;
let order: WorkOrder;

beforeAll(async () => {
  f = await recordsFixture('2026-03-02T01:00:00.000Z');
  const [a1] = await f.assetIds();
  const fault = await f.call('faults/create', faultInput());
  const c = await f.call('workorders/create', {
    technicians: ['王工', '赵工'],
    demand: '信用网站首页访问缓慢，需排查并恢复。',
    content: `${HYPERLINK}\n检查 Web 服务器负载，清理 12 GB 访问日志，调整连接池上限为 200，重启应用服务。`,
    standard: '首页 3 秒内打开，连续观察 30 分钟无异常。',
    faultId: fault.id,
    assetIds: [a1!],
  });
  await f.call('workorders/start', { id: c.id });
  await f.call('workorders/finish', { id: c.id, doneDate: '2026-03-02', workloadHours: 2.5 });
  await f.call('attachments/add', { entity: 'workorder', entityId: c.id, role: 'signed_scan', name: '签字.png', mime: 'image/png', dataBase64: PNG_1x1.toString('base64') });
  order = await f.call('workorders/confirm', { id: c.id, confirmerName: '刘科长' });
}, 120_000);
afterAll(() => f.close());

function expectedTexts(w: WorkOrder): string[] {
  return [
    '徐州市公共信用信息系统平台运维实施工单',
    `文档编号：${w.docNo}`,
    '驻点单位', '徐州市发展和改革委员会',
    '申请日期', '2026 年 3 月 2 日',
    '服务公司', '南京莱斯信息技术股份有限公司',
    '技术人员', '王工、赵工',
    '单位需求', w.demand,
    '服务内容', HYPERLINK, '清理 12 GB 访问日志',
    '实施标准', w.standard,
    '完成时间', '工作量', '2.5 小时',
    '关联故障', w.faultDocNo!,
    '关联资产', w.assets[0]!.name,
    '服务确认人', '驻点单位业务代表确认（签字）：刘科长',
    '技术人员（签字）', '驻点单位业务代表（签字）',
  ];
}

describe('运维实施工单 as PDF and Excel', () => {
  it('PDF: every label and value, font embedded, one numbered page, rendered', async () => {
    const out = await f.call('forms/export', { kind: 'workorder', params: { id: order.docNo }, format: 'pdf' });
    expect(out.fileName).toBe(`运维实施工单-${order.docNo}.pdf`);
    const file = writeTemp(out.fileName, Buffer.from(out.dataBase64, 'base64'));
    const pages = await pdfRawPages(file);
    const all = squash(pages.join(''));
    for (const text of expectedTexts(order)) expect(all, text).toContain(squash(text));
    expect(pages).toHaveLength(1);
    expect(squash(pages[0]!)).toContain('第1页共1页');
    for (const font of await pdfFonts(file)) expect(font).toMatchObject({ embedded: true, subset: true });
    const png = await renderPng(file, 1, 'workorder-form.png');
    expect(fs.statSync(png).size).toBeGreaterThan(15_000);
  });

  it('Excel: the same values read back with exceljs and through LibreOffice, =HYPERLINK as text', async () => {
    const out = await f.call('forms/export', { kind: 'workorder', params: { id: order.id }, format: 'xlsx' });
    const bytes = Buffer.from(out.dataBase64, 'base64');
    const cells = await xlsxCells(bytes);
    const joined = squash(cells.map((c) => c.text).join('\n'));
    for (const text of expectedTexts(order)) expect(joined, text).toContain(squash(text));
    expect(cells.filter((c) => c.isFormula)).toEqual([]);
    expect(cells.find((c) => c.value === order.content)).toBeDefined();
    expect(await xlsxPageSetup(bytes)).toMatchObject({ paperSize: 9, fitToWidth: 1 });
    const csv = (await libreOfficeCsv(writeTemp('workorder.xlsx', bytes))).flat();
    expect(csv).toContain(order.content);
    for (const v of [order.docNo, order.demand, order.standard, '王工、赵工', '2.5 小时', '2026 年 3 月 2 日']) expect(csv.some((c) => c.includes(v)), v).toBe(true);
  });
});
