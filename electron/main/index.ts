/**
 * Electron main: the app's lifecycle and the wiring of the thin shell around the core.
 * One instance per user; the data (workbench.sqlite, backups, attachments) lives in the user
 * data folder, the same one the `owb` CLI and the browser mode use by default; Chromium's own
 * profile goes to a `chromium/` subfolder so the data folder holds only our files.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../core/api';
import { startMaintenance } from '../core/maintenance';
import { DB_FILE_NAME, defaultDataDir } from '../core/paths';
import { getSetting } from '../core/project/settings';
import { bindIpc } from './ipc';
import { installMenu } from './menu';
import { bindDesktopNotifications, electronNotifications } from './notifications';
import { printPdf } from './print';
import { bindPrintPack } from './print-pack';
import { packsDir } from '../core/packs/handlers';
import { installAppProtocol, registerAppScheme } from './protocol';
import { denyAllPermissions, filterRequests, hardenWebContents, isAllowedRequest, type ExternalPolicy } from './security';
import { createUpdateController, dialogUi, type UpdateController } from './updater';
import { createMainWindow } from './window';
import { t } from '../../shared/i18n';

export const APP_ID = 'cn.onsiteops.workbench';



function fatal(detail: string): never {
  dialog.showErrorBox(t('desktop.startFailed'), detail);
  app.exit(1);
  return process.exit(1);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

// --- before ready -------------------------------------------------------------------------
registerAppScheme(protocol);
app.enableSandbox();
// Windows only (taskbar grouping, notifications); the method does not exist elsewhere.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
app.setPath('userData', defaultDataDir());
app.setPath('sessionData', path.join(app.getPath('userData'), 'chromium'));

const devTools = !app.isPackaged || process.env.OWB_DEVTOOLS === '1';
const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.cjs');

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let updater: UpdateController | null = null;
let unbindIpc: (() => void) | null = null;
let stopMaintenance: (() => void) | null = null;

/** A workstation setting read by main itself (trusted face); the fallback when the database is unreadable. */
function setting<T>(key: string, fallback: T): T {
  if (!core) return fallback;
  try {
    return getSetting(core.runtime.sqlite, key, fallback);
  } catch {
    return fallback;
  }
}

const externalPolicy: ExternalPolicy = {
  allowList: () => stringList(setting<unknown>('shell.externalAllowList', [])),
  openExternal: (url) => {
    shell.openExternal(url).catch((e: unknown) => console.error('[shell] openExternal failed:', e));
  },
};

function showMain(): void {
  if (!mainWindow) {
    mainWindow = createMainWindow({ preloadPath, devTools });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function choosePdfAndPrint(dataDir: string): Promise<void> {
  const opts = { title: t('desktop.printTitle'), defaultPath: dataDir, filters: [{ name: 'PDF', extensions: ['pdf'] }], properties: ['openFile' as const] };
  const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts);
  const file = picked.filePaths[0];
  if (picked.canceled || !file) return;
  const res = await printPdf({ file, copies: 1, silent: false });
  if (!res.ok) dialog.showErrorBox(t('desktop.printFailed'), res.reason);
}

function onReady(): void {
  const dataDir = app.getPath('userData');
  const dbPath = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) fatal(t('desktop.noRenderer', { dir: rendererDir }));

  const ses = session.defaultSession;
  denyAllPermissions(ses);
  filterRequests(ses, isAllowedRequest);
  installAppProtocol(protocol, rendererDir);

  let opened: Core;
  try {
    opened = openCore({
      dbPath,
      dataDir,
      version: app.getVersion(),
      ...(app.isPackaged ? { fontDir: path.join(process.resourcesPath, 'fonts') } : {}),
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fatal(t('desktop.dbFailed', { db: dbPath, detail }) + (/NODE_MODULE_VERSION/.test(detail) ? t('desktop.abiMismatch') : ''));
  }
  core = opened;
  stopMaintenance = startMaintenance(opened);

  const unbindCalls = bindIpc(ipcMain, opened, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  const unbindPrint = bindPrintPack(ipcMain, { core: opened, print: printPdf, packsRoot: packsDir(dataDir), printedRoot: path.join(dataDir, 'printed') });
  // warn/severe core events → an OS notification; a click opens the pre-filled fault report
  const unbindNotify = bindDesktopNotifications(opened, { ...electronNotifications, window: () => mainWindow });
  unbindIpc = () => {
    unbindCalls();
    unbindPrint();
    unbindNotify();
  };
  updater = createUpdateController({
    readFeedSetting: () => {
      const v = setting<unknown>('updater.url', '');
      return typeof v === 'string' ? v : '';
    },
    extraHosts: () => stringList(setting<unknown>('updater.allowedHosts', [])),
    isPackaged: app.isPackaged,
    currentVersion: app.getVersion(),
    ui: dialogUi(() => mainWindow),
  });
  installMenu(
    {
      printPdf: () => void choosePdfAndPrint(dataDir),
      openDataDir: () => void shell.openPath(dataDir),
      checkForUpdates: () => void updater?.checkNow(),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: t('desktop.aboutTitle'),
          message: app.getName(),
          detail: t('desktop.aboutDetail', {
            version: app.getVersion(),
            dataDir,
            electron: process.versions.electron,
            chrome: process.versions.chrome,
            node: process.versions.node,
          }),
          buttons: ['确定'],
        }),
    },
    { devTools },
  );
  showMain();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (app.isReady()) showMain();
  });
  app.on('session-created', (ses) => denyAllPermissions(ses));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, externalPolicy));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    unbindIpc?.();
    unbindIpc = null;
    stopMaintenance?.();
    stopMaintenance = null;
    void updater?.dispose();
    core?.close();
    core = null;
  });
  app
    .whenReady()
    .then(onReady)
    .catch((e: unknown) => fatal(e instanceof Error ? (e.stack ?? e.message) : String(e)));
}
