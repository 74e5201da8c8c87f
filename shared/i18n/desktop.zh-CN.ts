/** Texts of the Electron shell (dialogs, desktop notifications). */
export const desktopMessagesZhCN = {
  'desktop.startFailed': '驻场运维工作台无法启动',
  'desktop.noRenderer': '找不到界面文件：{dir}\n开发环境请先运行 npm run build。',
  'desktop.dbFailed': '无法打开数据库 {db}：\n{detail}',
  'desktop.abiMismatch':
    '\n\n数据库组件 better-sqlite3 不是为本程序内置的 Electron 编译的。开发环境请运行：\n' +
    'npx --nodedir= @electron/rebuild -v 45.5.0 -f -w better-sqlite3\n（之后运行 Node 端测试前需再执行 npm rebuild better-sqlite3）',
  'desktop.printTitle': '选择要打印的 PDF 文件',
  'desktop.printFailed': '打印失败',
  'desktop.aboutTitle': '关于',
  'desktop.aboutDetail': '版本 {version}\n数据文件夹：{dataDir}\nElectron {electron} · Chromium {chrome} · Node {node}',
  'desktop.notice.clickToReport': '点击填写故障报告',
  'desktop.notice.clickToOpen': '点击查看详情',
} as const;
