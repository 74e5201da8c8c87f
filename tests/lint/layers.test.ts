import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of eslint.config.js, checked on snippets placed in each layer. */
const eslint = new ESLint({ cwd: process.cwd() });

async function errors(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return (r?.messages ?? []).filter((m) => m.severity === 2 && m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers', () => {
  it('electron/core never imports electron', async () => {
    expect(await errors('electron/core/faults/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toEqual([]);
    expect(await errors('electron/core/faults/x.ts', "import { autoUpdater } from 'electron-updater';\nexport const a = autoUpdater;\n")).not.toEqual([]);
    expect(await errors('electron/core/faults/x.ts', "import { x } from '../../main/window';\nexport const a = x;\n")).not.toEqual([]);
    expect(await errors('electron/core/faults/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toEqual([]);
  });

  it('renderer imports only shared/ and browser packages', async () => {
    expect(await errors('renderer/pages/x.tsx', "import fs from 'node:fs';\nexport const a = fs;\n")).not.toEqual([]);
    expect(await errors('renderer/pages/x.tsx', "import fs from 'fs';\nexport const a = fs;\n")).not.toEqual([]);
    expect(await errors('renderer/pages/x.tsx', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).not.toEqual([]);
    expect(await errors('renderer/pages/x.tsx', "import { openCore } from '../../electron/core/api';\nexport const a = openCore;\n")).not.toEqual([]);
    expect(await errors('renderer/pages/x.tsx', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).not.toEqual([]);
    expect(await errors('renderer/pages/x.tsx', "import { contract } from '../../shared/contract';\nexport const a = contract;\n")).toEqual([]);
  });

  it('shared imports neither side', async () => {
    expect(await errors('shared/x.ts', "import { openCore } from '../electron/core/api';\nexport const a = openCore;\n")).not.toEqual([]);
    expect(await errors('shared/x.ts', "import { App } from '../renderer/App';\nexport const a = App;\n")).not.toEqual([]);
    expect(await errors('shared/x.ts', "import path from 'node:path';\nexport const a = path;\n")).not.toEqual([]);
    expect(await errors('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  });

  it('nothing imports electron/main', async () => {
    expect(await errors('electron/cli/x.ts', "import { x } from '../main/window';\nexport const a = x;\n")).not.toEqual([]);
    expect(await errors('electron/bridge/x.ts', "import { x } from '../main/window';\nexport const a = x;\n")).not.toEqual([]);
  });
});
