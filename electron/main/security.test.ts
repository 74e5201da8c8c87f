import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';

vi.mock('electron', () => ({}));

const {
  denyAllPermissions,
  denyPermissionCheck,
  denyPermissionRequest,
  filterRequests,
  guardNavigation,
  hardenWebContents,
  isAllowedExternal,
  isAllowedNavigation,
  isAllowedRequest,
  windowOpenHandler,
} = await import('./security');

const HOSTILE = [
  'https://evil.example',
  'https://evil.example/app://workbench/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'file:///C:/Windows/win.ini',
  'javascript:alert(1)',
  'app://workbench.evil/',
  'app://workbench@evil/',
  'app://workbench:1234/',
  'app://user:pw@workbench/',
  'app://evil/index.html',
  'app:workbench/index.html',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'blob:app://workbench/0d9f',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
  'not a url',
  '',
];

function navEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

const noExternal = { allowList: () => [] as string[], openExternal: vi.fn() };

describe('navigation', () => {
  it.each(HOSTILE)('denies %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
    const ev = navEvent(url);
    guardNavigation(ev, noExternal);
    expect(ev.preventDefault).toHaveBeenCalledOnce();
  });

  it.each(['app://workbench/index.html#/faults', 'app://workbench/', 'app://WORKBENCH/index.html?x=1'])('allows %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
    const ev = navEvent(url);
    guardNavigation(ev, noExternal);
    expect(ev.preventDefault).not.toHaveBeenCalled();
  });

  it('opens an allow-listed link in the system browser instead of navigating', () => {
    const openExternal = vi.fn();
    const ev = navEvent('https://oa.example.gov/notice/1');
    guardNavigation(ev, { allowList: () => ['https://oa.example.gov'], openExternal });
    expect(ev.preventDefault).toHaveBeenCalledOnce();
    expect(openExternal).toHaveBeenCalledWith('https://oa.example.gov/notice/1');
  });
});

describe('window.open', () => {
  it('is always denied; nothing opens without an allow-list (default empty)', () => {
    const openExternal = vi.fn();
    const handler = windowOpenHandler({ allowList: () => [], openExternal });
    for (const url of [...HOSTILE, 'app://workbench/index.html', 'https://www.gov.cn/']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('hands only allow-listed http(s) origins to the system browser, still denying the window', () => {
    const openExternal = vi.fn();
    const handler = windowOpenHandler({ allowList: () => ['https://oa.example.gov/', 'ftp://files.example.gov', 'garbage'], openExternal });
    expect(handler({ url: 'https://oa.example.gov/a?b=1' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://oa.example.gov/a' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://oa.example.gov.evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://user:pw@oa.example.gov/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'ftp://files.example.gov/x' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://oa.example.gov/a?b=1']]);
  });

  it('refuses non-http schemes even when listed', () => {
    expect(isAllowedExternal('file:///etc/passwd', ['file:///etc/passwd'])).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)', ['javascript:alert(1)'])).toBe(false);
  });
});

describe('permissions', () => {
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'midiSysex', 'openExternal', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'display-capture', 'unknown'];

  it.each(PERMISSIONS)('denies a request for %s', (permission) => {
    const cb = vi.fn();
    denyPermissionRequest(null, permission, cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('installs deny-all handlers on a session', () => {
    const ses = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(ses as unknown as Session);
    const req = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (g: boolean) => void) => void;
    const check = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as (...a: unknown[]) => boolean;
    const device = ses.setDevicePermissionHandler.mock.calls[0]?.[0] as (...a: unknown[]) => boolean;
    const cb = vi.fn();
    req({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check({}, 'geolocation', 'app://workbench', {})).toBe(false);
    expect(device({})).toBe(false);
  });
});

describe('requests of the app session', () => {
  it.each([
    ['app://workbench/assets/index.js', false],
    ['data:image/png;base64,AAAA', false],
    ['blob:app://workbench/5c1e', false],
    ['devtools://devtools/bundled/inspector.js', false],
    ['https://evil.example/x.js', true],
    ['http://10.0.0.1/', true],
    ['ws://127.0.0.1:9229/', true],
    ['file:///etc/passwd', true],
    ['app://workbench.evil/x.js', true],
    ['app://evil/x.js', true],
    ['chrome-extension://abc/x.js', true],
  ])('%s → cancel %s', (url, cancel) => {
    expect(isAllowedRequest(url)).toBe(!cancel);
    let listener: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    const ses = { webRequest: { onBeforeRequest: (l: typeof listener) => (listener = l) } };
    filterRequests(ses as unknown as Session, isAllowedRequest);
    const cb = vi.fn();
    listener?.({ url }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel });
  });
});

describe('hardenWebContents', () => {
  it('guards every navigation event, prevents <webview> and denies window.open', () => {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
    contents.setWindowOpenHandler = vi.fn();
    hardenWebContents(contents as unknown as WebContents, noExternal);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const bad = navEvent('https://evil.example/');
      contents.emit(name, bad);
      expect(bad.preventDefault, name).toHaveBeenCalledOnce();
      const good = navEvent('app://workbench/index.html#/faults');
      contents.emit(name, good);
      expect(good.preventDefault, name).not.toHaveBeenCalled();
    }
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalledOnce();
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: { url: string }) => unknown;
    expect(handler({ url: 'app://workbench/index.html' })).toEqual({ action: 'deny' });
  });
});
