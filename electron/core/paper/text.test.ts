import { describe, expect, it } from 'vitest';
import { tokenize, widestChar, wrapBalanced, wrapText, type Measure } from './text';

/** CJK and full-width characters 1 unit wide, everything else 0.5. */
const measure: Measure = (s) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 1 : 0.5), 0);

describe('tokenize', () => {
  it('breaks between CJK characters and keeps Latin words whole', () => {
    expect(tokenize('服务器 CentOS 7.9')).toEqual(['服', '务', '器', ' ', 'CentOS', ' ', '7.9']);
  });
  it('glues closing punctuation to what precedes it and opening punctuation to what follows', () => {
    expect(tokenize('故障（严重），已解决。')).toEqual(['故', '障', '（严', '重），', '已', '解', '决。']);
  });
});

describe('wrapText', () => {
  it('fills lines up to the width', () => {
    expect(wrapText('中心数据库服务器', 3, measure)).toEqual(['中心数', '据库服', '务器']);
  });
  it('never starts a line with closing punctuation', () => {
    const lines = wrapText('表空间已满，任务失败。', 3, measure);
    for (const l of lines) expect(l[0]).not.toMatch(/[，。）]/);
    expect(lines.join('')).toBe('表空间已满，任务失败。');
  });
  it('moves a Latin word to the next line and breaks one wider than the line', () => {
    expect(wrapText('IP 10.32.1.15', 4, measure)).toEqual(['IP', '10.32.1.', '15']);
  });
  it('keeps explicit line breaks and empty lines', () => {
    expect(wrapText('甲\n\n乙', 10, measure)).toEqual(['甲', '', '乙']);
  });
  it('drops spaces at line ends', () => {
    expect(wrapText('abcd efgh', 2.5, measure)).toEqual(['abcd', 'efgh']);
  });
});

describe('wrapBalanced', () => {
  it('makes lines even when the text wraps', () => {
    expect(wrapText('内容分类', 3, measure)).toEqual(['内容分', '类']);
    expect(wrapBalanced('内容分类', 3, measure)).toEqual(['内容', '分类']);
  });
  it('leaves a line that fits alone', () => {
    expect(wrapBalanced('周一', 3, measure)).toEqual(['周一']);
  });
});

it('widestChar is the widest single character', () => {
  expect(widestChar('ab中', measure)).toBe(1);
});
