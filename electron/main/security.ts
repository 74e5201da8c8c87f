/**
 * Hardening of every window and session: pure rules (tested with hostile URLs) and the small
 * installers that hook them into Electron. The app shows only its own pages from
 * `app://workbench/`; nothing remote is loaded, opened or granted.
 */
import type { Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { APP_HOST, APP_SCHEME } from '../../shared/security';

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True only for `app://workbench/…`: our scheme and host, no credentials, no port. */
export function isAppUrl(raw: string): boolean {
  const u = parseUrl(raw);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname.toLowerCase() === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** Where a window may navigate: our own pages only (not data:, file:, javascript:, http…). */
export function isAllowedNavigation(raw: string): boolean {
  return isAppUrl(raw);
}

/** Local schemes a page may still load resources from (DevTools, inline images, blobs). */
const LOCAL_RESOURCE_SCHEMES = new Set(['devtools:', 'data:', 'blob:']);

/** Which requests the app session lets through: our pages and local data, never the network. */
export function isAllowedRequest(raw: string): boolean {
  if (isAppUrl(raw)) return true;
  const u = parseUrl(raw);
  return u !== null && LOCAL_RESOURCE_SCHEMES.has(u.protocol);
}

/**
 * Origins (`https://oa.example.gov`) the engineer's administrator allowed to be opened in the
 * system browser. Entries that are not plain http(s) origins are ignored.
 */
export function allowedOrigins(entries: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    const u = parseUrl(e.trim());
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) continue;
    out.add(u.origin);
  }
  return out;
}

/** May this URL be handed to the system browser? Only http(s), no credentials, origin allow-listed. */
export function isAllowedExternal(raw: string, allowList: readonly string[]): boolean {
  const u = parseUrl(raw);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) return false;
  return allowedOrigins(allowList).has(u.origin);
}

export interface ExternalPolicy {
  /** The allow-list from the workstation settings (empty by default). */
  allowList: () => readonly string[];
  /** `shell.openExternal` in the app; a spy in tests. */
  openExternal: (url: string) => void;
}

/** The `setWindowOpenHandler` handler: never a new Electron window; allow-listed URLs go to the system browser. */
export function windowOpenHandler(policy: ExternalPolicy): (details: { url: string }) => WindowOpenHandlerResponse {
  return (details) => {
    if (isAllowedExternal(details.url, policy.allowList())) policy.openExternal(details.url);
    return { action: 'deny' };
  };
}

/** `will-navigate` / `will-redirect` / `will-frame-navigate`: stay on app://workbench/. */
export function guardNavigation(event: { url: string; preventDefault(): void }, policy: ExternalPolicy): void {
  if (isAllowedNavigation(event.url)) return;
  event.preventDefault();
  if (isAllowedExternal(event.url, policy.allowList())) policy.openExternal(event.url);
}

/** Permission requests (camera, microphone, geolocation, notifications, …): always denied. */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Permission checks: always false. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Navigation, new windows and <webview> for one WebContents (installed for every one created). */
export function hardenWebContents(contents: WebContents, policy: ExternalPolicy): void {
  contents.on('will-navigate', (event) => guardNavigation(event, policy));
  contents.on('will-frame-navigate', (event) => guardNavigation(event, policy));
  contents.on('will-redirect', (event) => guardNavigation(event, policy));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(policy));
}

/** Every permission request and check of a session is denied (all sessions, including the updater's). */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(() => false);
}

/** Cancels every request of the session the rule refuses (no remote content in the app session). */
export function filterRequests(ses: Session, allow: (url: string) => boolean): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !allow(details.url) });
  });
}
