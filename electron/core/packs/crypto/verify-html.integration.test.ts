/** verify.html in a real Chromium from file://: signature, OK / 已篡改 / 缺失 / 多余. */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateIdentity } from './identity';
import { renderVerifyHtml } from './verify-html';
import { sealPack } from './seal';
import { SAMPLE, SAMPLE_META, copyDir, flipByte, tempDir, writeSampleContents } from './testkit';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

let work: string;
let pack: string;
let browser: Browser | null = null;

beforeAll(async () => {
  if (!hasChromium) return;
  work = tempDir('owb-verifyhtml-');
  const id = await loadOrCreateIdentity(path.join(work, 'data'), { commonName: '工作站', organization: '单位' });
  pack = path.join(work, '2024-06 月度验收资料');
  await writeSampleContents(pack, id);
  await sealPack(pack, SAMPLE_META, id);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function open(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  if (!browser) throw new Error('no browser');
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(path.join(pack, 'verify.html')).href);
  await page.locator('#sig.ok, #sig.bad, #sig.warn').first().waitFor();
  return { page, requests, errors };
}

const statusOf = (page: Page, file: string): Promise<string> =>
  page.locator('#rows tr', { has: page.locator('td', { hasText: file }) }).locator('td').last().innerText();

describe.skipIf(!hasChromium)('verify.html in Chromium', () => {
  it('verifies the Ed25519 signature and finds every file OK when the folder is picked', async () => {
    const { page, requests, errors } = await open();
    await expect.poll(() => page.locator('#sig').innerText()).toContain('签名有效');
    await page.setInputFiles('#pickDir', pack);
    await expect.poll(() => page.locator('#summary').innerText(), { timeout: 20_000 }).toBe('全部 4 个文件与签名清单一致。');
    for (const f of Object.values(SAMPLE)) expect(await statusOf(page, f)).toBe('OK');
    expect(await statusOf(page, 'manifest.json')).toBe('OK');
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows 已篡改 / 缺失 / 多余 for a tampered copy', async () => {
    const copy = copyDir(pack, path.join(work, 'tampered'));
    flipByte(path.join(copy, SAMPLE.xlsx));
    fs.rmSync(path.join(copy, SAMPLE.scan));
    fs.writeFileSync(path.join(copy, '补充说明.txt'), '后加的文件');
    fs.writeFileSync(path.join(copy, '.DS_Store'), 'finder litter is ignored');
    const { page, errors } = await open();
    await page.setInputFiles('#pickDir', copy);
    await expect.poll(() => page.locator('#summary').innerText(), { timeout: 20_000 }).toBe('发现 3 个问题：已篡改 1 个，缺失 1 个，多余 1 个。');
    expect(await statusOf(page, SAMPLE.xlsx)).toBe('已篡改');
    expect(await statusOf(page, SAMPLE.scan)).toBe('缺失');
    expect(await statusOf(page, '补充说明.txt')).toBe('多余');
    expect(await statusOf(page, SAMPLE.report)).toBe('OK');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an edited manifest.json in the picked folder is 已篡改', async () => {
    const copy = copyDir(pack, path.join(work, 'manifest-edited'));
    const f = path.join(copy, 'manifest.json');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('2024-06', '2024-05'));
    const { page } = await open();
    await page.setInputFiles('#pickDir', copy);
    await expect.poll(() => statusOf(page, 'manifest.json'), { timeout: 20_000 }).toBe('已篡改');
    await page.close();
  });

  it('says 签名无效 for a wrong signature, and explains when the browser lacks Ed25519', async () => {
    if (!browser) throw new Error('no browser');
    const sig = JSON.parse(fs.readFileSync(path.join(pack, 'manifest.sig'), 'utf8')) as { ed25519: string };
    const wrong = Buffer.from(sig.ed25519, 'base64');
    wrong[0] = (wrong[0] ?? 0) ^ 1;
    const html = renderVerifyHtml({
      manifestBytes: fs.readFileSync(path.join(pack, 'manifest.json')),
      ed25519SignatureB64: wrong.toString('base64'),
      ed25519PublicKeyPem: fs.readFileSync(path.join(pack, 'signer/ed25519.pub.pem'), 'utf8'),
    });
    const file = path.join(work, 'wrong-sig.html');
    fs.writeFileSync(file, html);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await expect.poll(() => page.locator('#sig').innerText()).toContain('签名无效');
    await page.close();

    const old = await browser.newPage();
    await old.addInitScript(() => {
      const original = crypto.subtle.importKey.bind(crypto.subtle);
      crypto.subtle.importKey = ((...args: Parameters<SubtleCrypto['importKey']>) => {
        const alg = args[2];
        if (typeof alg === 'object' && alg.name === 'Ed25519') return Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError'));
        return original(...args);
      }) as SubtleCrypto['importKey'];
    });
    await old.goto(pathToFileURL(path.join(pack, 'verify.html')).href);
    await expect.poll(() => old.locator('#sig').innerText()).toContain('不支持 Ed25519');
    await old.setInputFiles('#pickDir', pack);
    await expect.poll(() => old.locator('#summary').innerText(), { timeout: 20_000 }).toBe('全部 4 个文件与签名清单一致。');
    await old.close();
  });
});
