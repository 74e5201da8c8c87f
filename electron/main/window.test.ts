import { describe, expect, it, vi } from 'vitest';

const created: Array<{ options: unknown; loaded: string[] }> = [];

vi.mock('electron', () => {
  class BrowserWindow {
    readonly loaded: string[] = [];
    constructor(readonly options: unknown) {
      created.push(this);
    }
    once(): this {
      return this;
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow };
});

const { createMainWindow, mainWindowOptions, START_URL } = await import('./window');

describe('main window', () => {
  it('isolates and sandboxes the renderer, with the preload and nothing else', () => {
    const opts = mainWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', devTools: false });
    expect(opts.show).toBe(false);
    expect(opts.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
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
      devTools: false,
    });
  });

  it('loads the app from app://workbench/, never file://', () => {
    expect(START_URL).toBe('app://workbench/index.html');
    createMainWindow({ preloadPath: '/p.cjs', devTools: true });
    const win = created.at(-1);
    expect(win?.loaded).toEqual(['app://workbench/index.html']);
    expect((win?.options as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(true);
  });
});
