/**
 * verify.html: a self-contained page (no network, works from file://) that checks a pack
 * in the browser: Ed25519 signature of the embedded manifest (WebCrypto), and SHA-256 of
 * every file the user picks or drops, listed as OK / 已篡改 / 缺失 / 多余.
 * It lives inside the pack, so it proves consistency, not origin: the page shows the key
 * fingerprint to compare with the one handed over separately.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, PACK_META_FILES, SIGNATURE_FILE, SIGNER_ED25519_FILE, VERIFY_HTML_FILE, manifestSchema, signatureFileSchema } from './format';
import { writeFileAtomic } from './fsutil';
import { ed25519PublicFromPem, spkiFingerprint } from './keys';
import type { PackManifest } from './types';
import { VERIFY_PAGE_CSS, VERIFY_PAGE_SCRIPT } from './verify-page';

export interface VerifyHtmlInput {
  /** Exact bytes of manifest.json (what was signed). */
  manifestBytes: Buffer;
  /** Ed25519 signature over them, base64 (manifest.sig `ed25519`). */
  ed25519SignatureB64: string;
  ed25519PublicKeyPem: string;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** JSON safe inside <script>: no `</script>`, no U+2028/2029 surprises. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const KIND: Record<PackManifest['kind'], string> = { monthly: '月度', annual: '年度' };

export function renderVerifyHtml(input: VerifyHtmlInput): string {
  const manifest = manifestSchema.parse(JSON.parse(input.manifestBytes.toString('utf8'))) as PackManifest;
  const key = ed25519PublicFromPem(input.ed25519PublicKeyPem);
  const spki = key.export({ type: 'spki', format: 'der' });
  const data = {
    manifest: input.manifestBytes.toString('base64'),
    signature: input.ed25519SignatureB64,
    publicKey: spki.toString('base64'),
    meta: [...PACK_META_FILES],
  };
  const scriptHash = createHash('sha256').update(VERIFY_PAGE_SCRIPT, 'utf8').digest('base64');
  const styleHash = createHash('sha256').update(VERIFY_PAGE_CSS, 'utf8').digest('base64');
  const rows = manifest.entries
    .map((e, i) => `<tr data-i="${i}"><td class="p">${esc(e.path)}</td><td class="n">${e.size}</td><td class="h">${e.sha256}</td><td class="st">待校验</td></tr>`)
    .join('\n');
  const title = `${manifest.project} ${KIND[manifest.kind]}验收资料 ${manifest.period}`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'sha256-${styleHash}'; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>校验：${esc(title)}</title>
<style>${VERIFY_PAGE_CSS}</style>
</head>
<body>
<h1>验收资料校验</h1>
<p class="meta">${esc(title)}&#12288;|&#12288;生成时间（UTC）${esc(manifest.createdAt)}&#12288;|&#12288;共 ${manifest.totals.files} 个文件</p>
<p>清单签名：<span id="sig" class="warn">正在验证…</span></p>
<p class="meta">签名公钥指纹（SHA-256，请与乙方另行提供的指纹核对）：<code id="fp">${spkiFingerprint(key)}</code></p>
<div id="drop">
  <p>选择本验收包所在的文件夹（或把文件夹拖到这里），浏览器将在本机计算每个文件的 SHA-256 并与签名清单比对。文件不会上传。</p>
  <label>选择文件夹：<input type="file" id="pickDir" webkitdirectory directory multiple></label>
  <label>或选择文件：<input type="file" id="pickFiles" multiple></label>
</div>
<p id="summary" class="meta">尚未选择文件。</p>
<table>
<thead><tr><th>文件</th><th>大小（字节）</th><th>SHA-256（清单）</th><th>结果</th></tr></thead>
<tbody id="rows">
<tr id="mrow"><td class="p">${MANIFEST_FILE}</td><td class="n">${input.manifestBytes.length}</td><td class="h">${createHash('sha256').update(input.manifestBytes).digest('hex')}</td><td class="st">待校验</td></tr>
${rows}
</tbody>
</table>
<script type="application/json" id="pack-data">${scriptJson(data)}</script>
<script>${VERIFY_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** Writes verify.html into a signed pack folder (after signManifest). */
export async function writeVerifyHtml(folder: string): Promise<string> {
  const manifestBytes = await fsp.readFile(path.join(folder, MANIFEST_FILE));
  const sig = signatureFileSchema.parse(JSON.parse(await fsp.readFile(path.join(folder, SIGNATURE_FILE), 'utf8')));
  const pem = await fsp.readFile(path.join(folder, SIGNER_ED25519_FILE), 'utf8');
  const html = renderVerifyHtml({ manifestBytes, ed25519SignatureB64: sig.ed25519, ed25519PublicKeyPem: pem });
  const out = path.join(folder, VERIFY_HTML_FILE);
  await writeFileAtomic(out, html);
  return out;
}
