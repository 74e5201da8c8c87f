import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serializeManifest } from './format';
import type { PackManifest } from './types';
import { renderVerifyHtml } from './verify-html';
import { VERIFY_PAGE_CSS, VERIFY_PAGE_SCRIPT } from './verify-page';

const manifest: PackManifest = {
  format: 'owb-pack-manifest/1',
  kind: 'annual',
  period: '2023-2024',
  project: '徐州市公共信用信息系统平台运维 <script>alert(1)</script>',
  createdAt: '2024-08-01T00:00:00.000Z',
  softwareVersion: '0.1.0',
  hashAlgorithms: ['sha256', 'sm3'],
  totals: { files: 2, bytes: 3 },
  entries: [
    { path: '交付资料/系统运维手册.pdf', size: 1, sha256: 'a'.repeat(64), sm3: 'b'.repeat(64) },
    { path: 'x&y/</script><b>.txt', size: 2, sha256: 'c'.repeat(64), sm3: 'd'.repeat(64) },
  ],
};

function render(): string {
  const bytes = serializeManifest(manifest);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return renderVerifyHtml({
    manifestBytes: bytes,
    ed25519SignatureB64: sign(null, bytes, privateKey).toString('base64'),
    ed25519PublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
}

describe('renderVerifyHtml', () => {
  it('embeds every expected entry, escaped, and the signed manifest bytes', () => {
    const html = render();
    expect(html).toContain('<td class="p">交付资料/系统运维手册.pdf</td>');
    expect(html).toContain('<td class="p">x&amp;y/&lt;/script&gt;&lt;b&gt;.txt</td>');
    expect(html).toContain('a'.repeat(64));
    expect(html).toContain('c'.repeat(64));
    expect(html).toContain('年度验收资料 2023-2024');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data block and the code, nothing injected
    const data = /<script type="application\/json" id="pack-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    const parsed = JSON.parse(data) as { manifest: string; meta: string[] };
    expect(Buffer.from(parsed.manifest, 'base64').equals(serializeManifest(manifest))).toBe(true);
    expect(parsed.meta).toContain('manifest.sig');
  });

  it('is self-contained: no external URL, CSP allows only its own inline script and style', () => {
    const html = render();
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\s(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    const b64 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');
    expect(html).toContain(`script-src 'sha256-${b64(VERIFY_PAGE_SCRIPT)}'`);
    expect(html).toContain(`style-src 'sha256-${b64(VERIFY_PAGE_CSS)}'`);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain(`<script>${VERIFY_PAGE_SCRIPT}</script>`);
  });
});
