import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/security';

/**
 * The CSP the built renderer really carries (dist/renderer/index.html, made by Vite from
 * renderer/index.html and vite.config.mts): the meta tag equals RENDERER_CSP, which allows no
 * eval, no remote origins and scripts from 'self' only. Builds the renderer when missing.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const indexHtml = path.join(root, 'dist', 'renderer', 'index.html');

function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

function decodeAttr(v: string): string {
  return v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

let html = '';
let builtCsp = '';

function cspMetas(page: string): string[] {
  const out: string[] = [];
  for (const m of page.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/http-equiv\s*=\s*["']?Content-Security-Policy/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    out.push(decodeAttr(content?.[1] ?? content?.[2] ?? ''));
  }
  return out;
}

beforeAll(() => {
  if (!fs.existsSync(indexHtml)) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.mts'], {
      cwd: root,
      stdio: 'pipe',
      timeout: 300_000,
    });
  }
  html = fs.readFileSync(indexHtml, 'utf8');
  builtCsp = cspMetas(html)[0] ?? '';
}, 320_000);

describe('CSP of the built renderer', () => {
  it('has exactly one CSP meta tag, equal to RENDERER_CSP', () => {
    expect(cspMetas(html)).toHaveLength(1);
    expect(builtCsp).toBe(RENDERER_CSP);
    // The meta tag comes before any script or stylesheet, or it would not cover them.
    expect(html.search(/http-equiv\s*=\s*["']?Content-Security-Policy/i)).toBeLessThan(html.search(/<script|<link\s+rel=["']stylesheet/i));
  });

  it("forbids eval and remote origins; scripts from 'self' only", () => {
    const d = directives(builtCsp);
    expect(builtCsp).not.toContain("'unsafe-eval'");
    expect(builtCsp).not.toContain("'wasm-unsafe-eval'");
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    for (const [name, values] of d) {
      for (const v of values) {
        expect(v, `${name} ${v}`).not.toMatch(/^(https?:|wss?:|\*|\/\/)|\*\.|^[a-z0-9-]+\.[a-z]/i);
      }
    }
  });

  it('loads no inline or remote script', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs = '', body = ''] of scripts) {
      expect(body.trim(), 'inline script').toBe('');
      const src = /\bsrc=["']([^"']+)["']/.exec(attrs)?.[1] ?? '';
      expect(src).toMatch(/^\.?\/?assets\//);
    }
    expect(html).not.toMatch(/\b(?:src|href)=["'](?:https?:)?\/\//i);
  });
});
