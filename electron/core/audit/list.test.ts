import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/contract';
import { toBizDate } from '../../../shared/time';
import { makeCore, type TestCore } from '../test-utils';

/**
 * The audit viewer's list on a real database: rows written by real calls at chosen instants,
 * filtered by business dates (Asia/Shanghai), checked against a reading of every row.
 */
type List = Output<'audit/list'>;

// Instants around Shanghai midnights (UTC+8): 2026-03-01T16:00Z is 2026-03-02 00:00 in Shanghai.
const AT = [
  '2026-02-28T03:00:00.000Z', // 02-28 11:00
  '2026-03-01T02:00:00.000Z', // 03-01 10:00
  '2026-03-01T15:59:59.999Z', // 03-01 23:59:59.999
  '2026-03-01T16:00:00.000Z', // 03-02 00:00
  '2026-03-02T09:30:00.000Z', // 03-02 17:30
  '2026-03-02T15:59:59.000Z', // 03-02 23:59:59
  '2026-03-02T16:00:00.000Z', // 03-03 00:00
  '2026-03-05T01:00:00.000Z', // 03-05 09:00
];

let t: TestCore;
let all: List['rows'];

beforeAll(async () => {
  t = makeCore({ start: AT[0] });
  for (const [i, at] of AT.entries()) {
    t.now.value = new Date(at);
    await t.call('settings/update', { idleLockMinutes: 10 + i, lockoutMinutes: 30, updaterUrl: '', dailyBackup: true });
    await t.call('staff/save', { name: `人员${i}`, title: '工程师', phone: null, onSite: true, isManager: false, sort: i });
  }
  all = ((await t.call('audit/list', { limit: 500 })) as List).rows;
}, 60_000);
afterAll(() => t.close());

const list = async (input: Record<string, unknown>) => (await t.call('audit/list', input as never)) as List;
/** What a reading of every row gives for business dates [from, to]. */
const expected = (from?: string, to?: string, channel?: string) =>
  all.filter((r) => (!from || toBizDate(r.at) >= from) && (!to || toBizDate(r.at) <= to) && (!channel || r.channel === channel)).map((r) => r.seq);

describe('audit/list by business dates', () => {
  it('has the rows written at each instant', () => {
    expect(all.filter((r) => r.channel === 'settings/update').map((r) => r.at)).toEqual([...AT].reverse());
  });

  it('keeps a Shanghai day from its midnight to the next (23:59:59.999 the day before is out)', async () => {
    const r = await list({ from: '2026-03-02', to: '2026-03-02', channel: 'settings/update' });
    expect(r.rows.map((x) => x.at)).toEqual(['2026-03-02T15:59:59.000Z', '2026-03-02T09:30:00.000Z', '2026-03-01T16:00:00.000Z']);
    expect(r.total).toBe(3);
  });

  it('filters like a reading of every row, for one bound, both, and with another filter', async () => {
    const cases: Array<[string | undefined, string | undefined, string | undefined]> = [
      ['2026-03-01', '2026-03-01', undefined],
      ['2026-03-01', '2026-03-03', undefined],
      ['2026-03-02', undefined, undefined],
      [undefined, '2026-03-01', undefined],
      ['2026-03-03', '2026-03-04', 'staff/save'],
      ['2026-03-06', '2026-03-31', undefined],
      [undefined, undefined, 'staff/save'],
    ];
    for (const [from, to, channel] of cases) {
      const input = { limit: 500, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(channel ? { channel } : {}) };
      const r = await list(input);
      const want = expected(from, to, channel);
      expect(r.rows.map((x) => x.seq), JSON.stringify(input)).toEqual(want);
      expect(r.total, JSON.stringify(input)).toBe(want.length);
    }
    // Not a filter that lets everything through.
    expect(expected('2026-03-02', '2026-03-02').length).toBeLessThan(all.length);
    expect(expected('2026-03-06', '2026-03-31')).toEqual([]);
  });

  it('pages with before inside the date range; total stays the count of the filter', async () => {
    const want = expected('2026-03-01', '2026-03-02');
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const r = await list({ from: '2026-03-01', to: '2026-03-02', limit: 3, ...(before !== undefined ? { before } : {}) });
      expect(r.total).toBe(want.length);
      if (r.rows.length === 0) break;
      seen.push(...r.rows.map((x) => x.seq));
      before = r.rows.at(-1)!.seq;
    }
    expect(seen).toEqual(want);
  });

  it('refuses a start after the end and a date that does not exist, in Chinese', async () => {
    await expect(list({ from: '2026-03-03', to: '2026-03-02' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('开始日期不能晚于结束日期') });
    await expect(list({ from: '2026-02-30' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('日期不存在') });
    await expect(list({ to: '2026-3-2' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
