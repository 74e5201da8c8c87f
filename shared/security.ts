/**
 * Content-Security-Policy of the renderer, used by the built index.html (meta tag), by the
 * Electron protocol handler (response header) and by the loopback bridge. No unsafe-eval,
 * no remote origins. 'unsafe-inline' for styles only: antd injects CSS-in-JS style tags.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The custom scheme the Electron app serves the renderer from (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
