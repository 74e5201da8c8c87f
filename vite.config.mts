import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { RENDERER_CSP } from './shared/security.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const CSP_PLACEHOLDER = '<!-- owb:csp -->';

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Writes the renderer CSP (shared/security.ts, the one source of truth) into the built
 * index.html as a meta tag. Only at build: the dev server's HMR client needs inline scripts.
 */
function rendererCsp(): Plugin {
  return {
    name: 'owb-renderer-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html must contain ${CSP_PLACEHOLDER}`);
        return html.replace(CSP_PLACEHOLDER, `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(RENDERER_CSP)}" />`);
      },
    },
  };
}

export default defineConfig({
  root: `${here}renderer`,
  base: './',
  plugins: [react(), rendererCsp()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    // The CSP allows no inline script: keep every script an external file.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', strictPort: false },
  preview: { host: '127.0.0.1' },
});
