/** The application menu, in Chinese, minimal: 文件 / 编辑 / 视图 / 帮助. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export const MENU_LABELS = {
  file: '文件',
  printPdf: '打印 PDF 文件…',
  openDataDir: '打开数据文件夹',
  quit: '退出',
  edit: '编辑',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  view: '视图',
  reload: '重新加载',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullscreen: '全屏',
  devTools: '开发者工具',
  help: '帮助',
  checkUpdates: '检查更新…',
  about: '关于驻场运维工作台',
} as const;

export interface MenuActions {
  printPdf(): void;
  openDataDir(): void;
  checkForUpdates(): void;
  about(): void;
}

export function menuTemplate(actions: MenuActions, opts: { devTools: boolean }): MenuItemConstructorOptions[] {
  const L = MENU_LABELS;
  const view: MenuItemConstructorOptions[] = [
    { label: L.reload, role: 'reload' },
    { type: 'separator' },
    { label: L.resetZoom, role: 'resetZoom' },
    { label: L.zoomIn, role: 'zoomIn' },
    { label: L.zoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { label: L.fullscreen, role: 'togglefullscreen' },
  ];
  if (opts.devTools) view.push({ type: 'separator' }, { label: L.devTools, role: 'toggleDevTools' });
  return [
    {
      label: L.file,
      submenu: [
        { label: L.printPdf, click: () => actions.printPdf() },
        { label: L.openDataDir, click: () => actions.openDataDir() },
        { type: 'separator' },
        { label: L.quit, role: 'quit' },
      ],
    },
    {
      label: L.edit,
      submenu: [
        { label: L.undo, role: 'undo' },
        { label: L.redo, role: 'redo' },
        { type: 'separator' },
        { label: L.cut, role: 'cut' },
        { label: L.copy, role: 'copy' },
        { label: L.paste, role: 'paste' },
        { label: L.selectAll, role: 'selectAll' },
      ],
    },
    { label: L.view, submenu: view },
    {
      label: L.help,
      submenu: [
        { label: L.checkUpdates, click: () => actions.checkForUpdates() },
        { type: 'separator' },
        { label: L.about, click: () => actions.about() },
      ],
    },
  ];
}

export function installMenu(actions: MenuActions, opts: { devTools: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, opts)));
}
