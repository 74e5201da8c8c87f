import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePingOutput } from './ping';
import { decodeConsoleOutput } from './util';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../tests/support/ping');
const text = (f: string): string => fs.readFileSync(path.join(dir, f), 'utf8');
const gbk = (f: string): string => {
  const bytes = fs.readFileSync(path.join(dir, f));
  // The fixture really is GBK: it is not valid UTF-8.
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  return new TextDecoder('gbk').decode(bytes);
};

describe('parsePingOutput on recorded outputs', () => {
  it('Linux iputils, alive (recorded)', () => {
    expect(parsePingOutput(text('linux-iputils-alive.txt'))).toEqual({ alive: true, sent: 4, received: 4, lossPct: 0, avgMs: 0.086, failures: 0 });
  });

  it('Linux iputils, Destination Host Unreachable (recorded)', () => {
    expect(parsePingOutput(text('linux-iputils-unreachable.txt'))).toEqual({ alive: false, sent: 3, received: 0, lossPct: 100, avgMs: null, failures: 3 });
  });

  it('English Windows: alive, time<1ms, stats average', () => {
    const r = parsePingOutput(text('windows-en-alive.txt'));
    expect(r).toEqual({ alive: true, sent: 4, received: 4, lossPct: 0, avgMs: 0, failures: 0 });
  });

  it('English Windows: request timed out', () => {
    expect(parsePingOutput(text('windows-en-timeout.txt'))).toEqual({ alive: false, sent: 4, received: 0, lossPct: 100, avgMs: null, failures: 4 });
  });

  it('English Windows: "Destination host unreachable." is not alive although Windows says Received = 4', () => {
    const raw = text('windows-en-unreachable.txt');
    expect(raw).toContain('Received = 4');
    expect(parsePingOutput(raw)).toEqual({ alive: false, sent: 4, received: 0, lossPct: 100, avgMs: null, failures: 4 });
  });

  it('Chinese Windows (GBK bytes): 来自 … 的回复 with 时间<1ms', () => {
    const raw = gbk('windows-zh-alive.gbk.txt');
    expect(raw).toContain('来自 10.0.0.1 的回复: 字节=32 时间<1ms TTL=128');
    expect(parsePingOutput(raw)).toEqual({ alive: true, sent: 4, received: 4, lossPct: 0, avgMs: 0, failures: 0 });
  });

  it('Chinese Windows: partial loss, average from 平均', () => {
    expect(parsePingOutput(gbk('windows-zh-partial.gbk.txt'))).toEqual({ alive: true, sent: 4, received: 3, lossPct: 25, avgMs: 2, failures: 1 });
  });

  it('Chinese Windows: 请求超时。', () => {
    const raw = gbk('windows-zh-timeout.gbk.txt');
    expect(raw).toContain('请求超时。');
    expect(parsePingOutput(raw)).toEqual({ alive: false, sent: 4, received: 0, lossPct: 100, avgMs: null, failures: 4 });
  });

  it('Chinese Windows: 无法访问目标主机。 is NOT alive (Windows counts it as received)', () => {
    const raw = gbk('windows-zh-unreachable.gbk.txt');
    expect(raw).toContain('已接收 = 4');
    expect(raw).toContain('无法访问目标主机。');
    expect(parsePingOutput(raw)).toEqual({ alive: false, sent: 4, received: 0, lossPct: 100, avgMs: null, failures: 4 });
  });

  it('decodeConsoleOutput: UTF-8 stays, GBK is recognised', () => {
    expect(decodeConsoleOutput(Buffer.from('来自 10.0.0.1 的回复', 'utf8'))).toBe('来自 10.0.0.1 的回复');
    expect(decodeConsoleOutput(fs.readFileSync(path.join(dir, 'windows-zh-timeout.gbk.txt')))).toContain('请求超时。');
  });

  it('the garbled text of a wrong decode is not taken for a reply', () => {
    const latin = fs.readFileSync(path.join(dir, 'windows-zh-unreachable.gbk.txt')).toString('latin1');
    expect(parsePingOutput(latin).alive).toBe(false);
  });
});
