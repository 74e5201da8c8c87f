/** Core messages of the reports and packs features (merged in zh-CN.ts). */
export const packMessagesZhCN = {
  'pack.badYear': '服务年度应为 1 到 {count} 之间的整数（项目设置中共有 {count} 个服务年度）。',
  'pack.notFound': '未找到该资料包记录。',
  'pack.gone': '资料包文件已不在原位置：{path}',
  'pack.outDirMissing': '输出目录不存在：{dir}',
  'pack.busy': '同一时期的资料包正在生成，请稍后再试。',
  'pack.workerExited': '生成资料包的后台线程意外退出（{detail}），未生成任何文件，请重试。',
  'pack.noDrive': '找不到所选的移动存储设备，请重新插入后刷新列表。',
  'pack.diskFull': '移动存储设备空间不足（需要约 {need}，可用 {free}），已删除未写完的文件。请换用更大的设备或清理空间后重试。',
  'pack.drivePulled': '写入移动存储设备时出错（设备可能已被拔出）：{detail}。未写完的文件已尽量删除，请重新插入设备后重试。',
  'pack.readBackFailed': '写入后回读校验失败：{detail}。已删除拷贝，请更换设备后重试。',
  'pack.driveReadOnly': '移动存储设备为只读，无法写入。',
  'pack.uploadNotZip': '所选文件不是 ZIP 压缩包，请选择对方提供的资料包 .zip 文件。',
  'pack.tooLarge': '文件过大（{size}），无法在应用内校验，请使用命令行 owb verify。',
} as const;
