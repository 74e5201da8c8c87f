/**
 * The main window: a sandboxed, context-isolated renderer with one preload, loading
 * app://workbench/index.html. `mainWindowOptions` is pure so a test can pin every flag.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from '../../shared/security';

export const MAIN_WINDOW_TITLE = '驻场运维工作台';
export const START_URL = `${APP_ORIGIN}/index.html`;

export interface MainWindowParams {
  preloadPath: string;
  /** DevTools: on in development, off in the packaged app unless OWB_DEVTOOLS=1. */
  devTools: boolean;
  icon?: string;
}

export function mainWindowOptions(params: MainWindowParams): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: MAIN_WINDOW_TITLE,
    backgroundColor: '#f5f5f5',
    ...(params.icon ? { icon: params.icon } : {}),
    webPreferences: {
      preload: params.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: params.devTools,
    },
  };
}

/** Creates and loads the main window; shows it once the first paint is ready. */
export function createMainWindow(params: MainWindowParams): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(params));
  win.once('ready-to-show', () => win.show());
  win.loadURL(START_URL).catch((e: unknown) => {
    console.error(`[window] cannot load ${START_URL}:`, e);
  });
  return win;
}
