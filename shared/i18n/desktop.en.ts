import type { desktopMessagesZhCN } from './desktop.zh-CN';

/** English texts of the Electron shell. */
export const desktopMessagesEn: Record<keyof typeof desktopMessagesZhCN, string> = {
  'desktop.startFailed': 'The Onsite Ops Workbench cannot start',
  'desktop.noRenderer': 'UI files not found: {dir}\nIn development run npm run build first.',
  'desktop.dbFailed': 'Cannot open the database {db}:\n{detail}',
  'desktop.abiMismatch':
    '\n\nbetter-sqlite3 was not built for the Electron inside this program. In development run:\n' +
    'npx --nodedir= @electron/rebuild -v 45.5.0 -f -w better-sqlite3\n(then npm rebuild better-sqlite3 before running the Node tests)',
  'desktop.printTitle': 'Choose the PDF file to print',
  'desktop.printFailed': 'Printing failed',
  'desktop.aboutTitle': 'About',
  'desktop.aboutDetail': 'Version {version}\nData folder: {dataDir}\nElectron {electron} · Chromium {chrome} · Node {node}',
  'desktop.notice.clickToReport': 'Click to fill in the fault report',
  'desktop.notice.clickToOpen': 'Click for details',
};
