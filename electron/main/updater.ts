/**
 * Updates on demand only (menu 帮助 → 检查更新). electron-updater's `generic` provider is pointed
 * at the feed from the workstation setting, read at the moment of the check; with no setting
 * nothing is contacted. autoDownload and install-on-quit are off: the engineer confirms each step.
 * The updater's own session may reach the feed's origin and nothing else.
 *
 * Traps of electron-updater 6.8.x handled here: the `autoUpdater` getter constructs the
 * platform updater on first access (so it is touched only when a check is asked for);
 * `checkForUpdates()` resolves null in an unpackaged app; the generic provider speaks http(s)
 * only (folders go through the loopback server of update-feed.ts, without differential
 * download, which needs range requests); the packaged app needs `app-update.yml`, written by
 * electron-builder because `publish` is set in electron-builder.yml.
 */
import { dialog, type BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import fs from 'node:fs';
import { filterRequests } from './security';
import { parseFeedSetting, sameOrigin, serveFeedFolder, type FeedServer } from './update-feed';

export const UPDATER_MESSAGES = {
  notConfigured: '未配置更新源',
  notConfiguredDetail: '请管理员在“设置”中填写更新源：内网 http(s) 地址、共享文件夹或 U 盘上的更新文件夹。未配置时本程序从不联网检查更新。',
  invalid: '更新源设置无效',
  devMode: '开发模式下不检查更新',
  devModeDetail: '只有安装版才能检查和安装更新。',
  folderMissing: '找不到更新文件夹',
  folderMissingDetail: '请确认 U 盘已插入或共享文件夹可以访问：{dir}',
  failed: '检查更新失败',
  upToDate: '已是最新版本',
  upToDateDetail: '当前版本 {version}。',
  available: '发现新版本 {version}',
  availableDetail: '当前版本 {current}。是否现在下载？下载完成后会再次询问是否安装。',
  download: '下载',
  downloaded: '新版本 {version} 已下载',
  downloadedDetail: '现在退出并安装？安装后程序会自动重新启动。',
  install: '退出并安装',
  later: '以后再说',
  busy: '正在检查或下载更新，请稍候。',
} as const;

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? '');
}

export interface UpdaterUi {
  info(message: string, detail?: string): Promise<void>;
  error(message: string, detail?: string): Promise<void>;
  confirm(message: string, detail: string, okLabel: string): Promise<boolean>;
}

export interface UpdaterDeps {
  /** The raw `updater.url` workstation setting, read at each check. */
  readFeedSetting(): string;
  /** Host names the administrator declared intranet (setting `updater.allowedHosts`). */
  extraHosts(): readonly string[];
  isPackaged: boolean;
  currentVersion: string;
  ui: UpdaterUi;
}

export interface UpdateController {
  checkNow(): Promise<void>;
  dispose(): Promise<void>;
}

/** Message boxes on the given window (Chinese buttons). */
export function dialogUi(window: () => BrowserWindow | null): UpdaterUi {
  const show = async (type: 'info' | 'error' | 'question', message: string, detail: string | undefined, buttons: string[]): Promise<number> => {
    const opts = { type, title: '软件更新', message, detail: detail ?? '', buttons, defaultId: 0, cancelId: buttons.length - 1, noLink: true };
    const win = window();
    const res = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
    return res.response;
  };
  return {
    info: async (message, detail) => void (await show('info', message, detail, ['确定'])),
    error: async (message, detail) => void (await show('error', message, detail, ['确定'])),
    confirm: async (message, detail, okLabel) => (await show('question', message, detail, [okLabel, UPDATER_MESSAGES.later])) === 0,
  };
}

export function createUpdateController(deps: UpdaterDeps): UpdateController {
  let busy = false;
  let server: FeedServer | null = null;

  async function closeServer(): Promise<void> {
    const s = server;
    server = null;
    if (s) await s.close();
  }

  async function run(): Promise<void> {
    const parsed = parseFeedSetting(deps.readFeedSetting(), { extraHosts: deps.extraHosts() });
    if (!parsed.ok) return deps.ui.error(UPDATER_MESSAGES.invalid, parsed.reason);
    const source = parsed.source;
    if (source.kind === 'none') return deps.ui.info(UPDATER_MESSAGES.notConfigured, UPDATER_MESSAGES.notConfiguredDetail);
    if (!deps.isPackaged) return deps.ui.info(UPDATER_MESSAGES.devMode, UPDATER_MESSAGES.devModeDetail);

    let feedUrl: string;
    if (source.kind === 'folder') {
      if (!fs.existsSync(source.dir) || !fs.statSync(source.dir).isDirectory()) {
        return deps.ui.error(UPDATER_MESSAGES.folderMissing, fill(UPDATER_MESSAGES.folderMissingDetail, { dir: source.dir }));
      }
      await closeServer();
      server = await serveFeedFolder(source.dir);
      feedUrl = server.url;
    } else {
      feedUrl = source.url;
    }

    const updater = autoUpdater;
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    updater.allowPrerelease = false;
    updater.disableWebInstaller = true;
    updater.disableDifferentialDownload = source.kind === 'folder';
    filterRequests(updater.netSession, (url) => sameOrigin(url, feedUrl));
    updater.setFeedURL({ provider: 'generic', url: feedUrl, useMultipleRangeRequest: false });

    const result = await updater.checkForUpdates();
    if (!result || !result.isUpdateAvailable) {
      return deps.ui.info(UPDATER_MESSAGES.upToDate, fill(UPDATER_MESSAGES.upToDateDetail, { version: deps.currentVersion }));
    }
    const version = result.updateInfo.version;
    const wantDownload = await deps.ui.confirm(
      fill(UPDATER_MESSAGES.available, { version }),
      fill(UPDATER_MESSAGES.availableDetail, { current: deps.currentVersion }),
      UPDATER_MESSAGES.download,
    );
    if (!wantDownload) return;
    await updater.downloadUpdate();
    const wantInstall = await deps.ui.confirm(fill(UPDATER_MESSAGES.downloaded, { version }), UPDATER_MESSAGES.downloadedDetail, UPDATER_MESSAGES.install);
    if (wantInstall) updater.quitAndInstall(false, true);
  }

  return {
    async checkNow() {
      if (busy) return deps.ui.info(UPDATER_MESSAGES.busy);
      busy = true;
      try {
        await run();
      } catch (e) {
        await deps.ui.error(UPDATER_MESSAGES.failed, e instanceof Error ? e.message : String(e));
      } finally {
        busy = false;
        await closeServer();
      }
    },
    dispose: closeServer,
  };
}
