import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, MAX_CELL_CHARS, safeCell, toCsv } from './cells';

describe('safeCell', () => {
  it('keeps formula-looking user text as a plain string', () => {
    for (const s of ['=HYPERLINK("http://127.0.0.1","x")', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(safeCell(s)).toBe(s);
  });
  it('never passes objects through (formula, rich text, hyperlink shapes become text)', () => {
    expect(safeCell({ formula: 'A1+1' })).toBe('{"formula":"A1+1"}');
    expect(safeCell({ text: 'x', hyperlink: 'http://127.0.0.1' })).toBe('{"text":"x","hyperlink":"http://127.0.0.1"}');
  });
  it('keeps numbers, booleans and dates; drops NaN and invalid dates', () => {
    const d = new Date('2024-03-15T00:00:00Z');
    expect(safeCell(3.5)).toBe(3.5);
    expect(safeCell(true)).toBe(true);
    expect(safeCell(d)).toBe(d);
    expect(safeCell(Number.NaN)).toBeNull();
    expect(safeCell(new Date('x'))).toBeNull();
    expect(safeCell(undefined)).toBeNull();
  });
  it('drops characters XML forbids and cuts at the Excel limit', () => {
    expect(safeCell('a\u0000b\u000bc\td\ne')).toBe('abc\td\ne');
    expect(safeCell('\ud800x')).toBe('x');
    expect((safeCell('字'.repeat(MAX_CELL_CHARS + 10)) as string).length).toBe(MAX_CELL_CHARS);
  });
  it('writes check groups as text with √ and □', () => {
    expect(safeCell({ checks: [{ label: '已解决', checked: true }, { label: '未解决', checked: false }] })).toBe('√已解决  □未解决');
  });
});

describe('csvCell', () => {
  it('defuses formula starts with an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://127.0.0.1","x")')).toBe(`"'=HYPERLINK(""http://127.0.0.1"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('\tx')).toBe("'\tx");
  });
  it('leaves real numbers alone', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.25)).toBe('0.25');
  });
  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说"明"')).toBe('"说""明"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell(' x')).toBe('" x"');
    expect(csvCell('中心数据库服务器')).toBe('中心数据库服务器');
  });
  it('builds CRLF records and a BOM file', () => {
    expect(csvLine(['张伟', 3, null])).toBe('张伟,3,\r\n');
    expect(toCsv([['a'], ['b']])).toBe('\ufeffa\r\nb\r\n');
  });
});
