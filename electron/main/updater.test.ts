import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for electron-updater's platform updater; `touched` counts accesses to `autoUpdater`. */
const state = vi.hoisted(() => ({
  touched: 0,
  requestFilter: null as ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null,
  updater: {} as Record<string, unknown>,
}));

vi.mock('electron', () => ({ dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })) } }));
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    state.touched += 1;
    return state.updater;
  },
}));

const { createUpdateController, UPDATER_MESSAGES } = await import('./updater');

function ui(answers: boolean[] = []) {
  return {
    info: vi.fn(async (_m: string, _d?: string) => {}),
    error: vi.fn(async (_m: string, _d?: string) => {}),
    confirm: vi.fn(async () => answers.shift() ?? false),
  };
}

function controller(setting: string, opts: { packaged?: boolean; answers?: boolean[] } = {}) {
  const u = ui(opts.answers);
  const c = createUpdateController({
    readFeedSetting: () => setting,
    extraHosts: () => [],
    isPackaged: opts.packaged ?? true,
    currentVersion: '0.1.0',
    ui: u,
  });
  return { c, u };
}

beforeEach(() => {
  state.touched = 0;
  state.requestFilter = null;
  state.updater = {
    netSession: { webRequest: { onBeforeRequest: (l: typeof state.requestFilter) => (state.requestFilter = l) } },
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => ({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } })),
    downloadUpdate: vi.fn(async () => ['/tmp/x.exe']),
    quitAndInstall: vi.fn(),
  };
});

describe('update checks', () => {
  it('contacts nothing and says so when no feed is configured', async () => {
    const { c, u } = controller('');
    await c.checkNow();
    expect(u.info).toHaveBeenCalledWith(UPDATER_MESSAGES.notConfigured, UPDATER_MESSAGES.notConfiguredDetail);
    expect(state.touched).toBe(0);
  });

  it('refuses an invalid or non-intranet feed before touching the updater', async () => {
    for (const bad of ['https://evil.example/owb/', 'ftp://10.0.0.1/', 'relative/dir']) {
      const { c, u } = controller(bad);
      await c.checkNow();
      expect(u.error).toHaveBeenCalledWith(UPDATER_MESSAGES.invalid, expect.any(String));
    }
    expect(state.touched).toBe(0);
  });

  it('does not check in an unpackaged (development) app', async () => {
    const { c, u } = controller('http://192.168.1.2/owb/', { packaged: false });
    await c.checkNow();
    expect(u.info).toHaveBeenCalledWith(UPDATER_MESSAGES.devMode, UPDATER_MESSAGES.devModeDetail);
    expect(state.touched).toBe(0);
  });

  it('uses the generic provider, no auto download, and pins the updater session to the feed origin', async () => {
    const { c, u } = controller('http://192.168.1.2/owb/');
    await c.checkNow();
    expect(state.updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://192.168.1.2/owb/', useMultipleRangeRequest: false });
    expect(state.updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false, disableDifferentialDownload: false });
    const cb = vi.fn();
    state.requestFilter?.({ url: 'http://192.168.1.2/owb/latest.yml' }, cb);
    state.requestFilter?.({ url: 'https://evil.example/x' }, cb);
    expect(cb.mock.calls).toEqual([[{ cancel: false }], [{ cancel: true }]]);
    expect(u.info).toHaveBeenCalledWith(UPDATER_MESSAGES.upToDate, expect.stringContaining('0.1.0'));
    expect(state.updater.downloadUpdate).not.toHaveBeenCalled();
  });

  it('downloads and installs only after the engineer confirms each step', async () => {
    state.updater.checkForUpdates = vi.fn(async () => ({ isUpdateAvailable: true, updateInfo: { version: '0.2.0' } }));
    const declined = controller('http://192.168.1.2/owb/', { answers: [false] });
    await declined.c.checkNow();
    expect(state.updater.downloadUpdate).not.toHaveBeenCalled();

    const accepted = controller('http://192.168.1.2/owb/', { answers: [true, true] });
    await accepted.c.checkNow();
    expect(state.updater.downloadUpdate).toHaveBeenCalledOnce();
    expect(state.updater.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('serves a folder feed on loopback without differential download, then closes it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-upd-'));
    fs.writeFileSync(path.join(dir, 'latest-linux.yml'), 'version: 0.1.0\n');
    let seenUrl = '';
    state.updater.checkForUpdates = vi.fn(async () => {
      const call = (state.updater.setFeedURL as ReturnType<typeof vi.fn>).mock.calls[0]?.[0] as { url: string };
      seenUrl = call.url;
      const res = await fetch(`${call.url}latest-linux.yml`);
      expect(await res.text()).toBe('version: 0.1.0\n');
      return { isUpdateAvailable: false, updateInfo: { version: '0.1.0' } };
    });
    const { c } = controller(dir, { packaged: true });
    await c.checkNow();
    expect(seenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(state.updater.disableDifferentialDownload).toBe(true);
    await expect(fetch(`${seenUrl}latest-linux.yml`)).rejects.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a missing folder (USB stick not plugged in)', async () => {
    const { c, u } = controller('/media/no-such-usb/owb');
    await c.checkNow();
    expect(u.error).toHaveBeenCalledWith(UPDATER_MESSAGES.folderMissing, expect.stringContaining('/media/no-such-usb/owb'));
    expect(state.touched).toBe(0);
  });

  it('reports a failed check in Chinese instead of throwing', async () => {
    state.updater.checkForUpdates = vi.fn(async () => Promise.reject(new Error('net::ERR_CONNECTION_REFUSED')));
    const { c, u } = controller('http://192.168.1.2/owb/');
    await expect(c.checkNow()).resolves.toBeUndefined();
    expect(u.error).toHaveBeenCalledWith(UPDATER_MESSAGES.failed, 'net::ERR_CONNECTION_REFUSED');
  });
});
