import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: class {}, session: {} }));

const { checkPrintRequest, isAllowedPrintRequest, MAX_COPIES } = await import('./print');

let dir: string;
let pdf: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-print-'));
  pdf = path.join(dir, '故障单.pdf');
  fs.writeFileSync(pdf, '%PDF-1.7\n%%EOF\n');
  fs.writeFileSync(path.join(dir, 'fake.pdf'), '<html>not a pdf</html>');
  fs.writeFileSync(path.join(dir, 'x.txt'), '%PDF-1.7');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('print requests', () => {
  it('accepts a real PDF with 1..99 copies', () => {
    expect(checkPrintRequest({ file: pdf, copies: 1 })).toEqual({ ok: true });
    expect(checkPrintRequest({ file: pdf, copies: MAX_COPIES, roots: [dir] })).toEqual({ ok: true });
  });

  it.each([0, -1, 1.5, 100, Number.NaN])('refuses %s copies', (copies) => {
    expect(checkPrintRequest({ file: pdf, copies }).ok).toBe(false);
  });

  it('refuses files that are not PDFs, missing, or outside the allowed folders', () => {
    expect(checkPrintRequest({ file: path.join(dir, 'fake.pdf'), copies: 1 }).ok).toBe(false);
    expect(checkPrintRequest({ file: path.join(dir, 'x.txt'), copies: 1 }).ok).toBe(false);
    expect(checkPrintRequest({ file: path.join(dir, 'none.pdf'), copies: 1 }).ok).toBe(false);
    expect(checkPrintRequest({ file: pdf, copies: 1, roots: [path.join(dir, 'exports')] }).ok).toBe(false);
    expect(checkPrintRequest({ file: path.join(dir, 'exports', '..', '故障单.pdf'), copies: 1, roots: [path.join(dir, 'exports')] }).ok).toBe(false);
  });

  it('lets the print window load the one file and the PDF viewer, nothing remote', () => {
    const fileUrl = 'file:///data/exports/a.pdf';
    expect(isAllowedPrintRequest(fileUrl, fileUrl)).toBe(true);
    expect(isAllowedPrintRequest(`${fileUrl}#page=2`, fileUrl)).toBe(true);
    expect(isAllowedPrintRequest('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgmjhjai/index.html', fileUrl)).toBe(true);
    expect(isAllowedPrintRequest('file:///etc/passwd', fileUrl)).toBe(false);
    expect(isAllowedPrintRequest('https://evil.example/x', fileUrl)).toBe(false);
    expect(isAllowedPrintRequest('app://workbench/index.html', fileUrl)).toBe(false);
  });
});
