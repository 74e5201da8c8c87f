import { faultMessagesZhCN } from './faults.zh-CN';
import { attendanceMessagesZhCN } from './attendance.zh-CN';
import { inspectionMessagesZhCN } from './inspections.zh-CN';
import { packMessagesZhCN } from './packs.zh-CN';
import { desktopMessagesZhCN } from './desktop.zh-CN';

/** Messages the core returns to users (errors, statuses). Renderer UI text lives in renderer/i18n. */
export const zhCN = {
  'error.validation': '输入有误：{detail}',
  'error.unknownChannel': '未知的操作：{channel}',
  'error.unauthenticated': '请先登录。',
  'error.forbidden': '当前账号无权执行此操作（{channel}）。',
  'error.notFound': '未找到{what}。',
  'error.locked': '会话已锁定，请输入密码解锁。',
  'error.dbDamaged': '数据库文件已损坏，已禁止写入。请在“设置 → 备份与恢复”中从最近的完好备份恢复（损坏的文件会被保留）。',
  'error.internal': '内部错误：{detail}',
  'error.cancelled': '操作已取消。',
  'error.io': '文件读写失败：{detail}',
  'auth.setupDone': '管理员已创建，无法重复初始化。',
  'auth.badCredentials': '用户名或密码错误。还可尝试 {left} 次。',
  'auth.lockedOut': '连续登录失败次数过多，账号已锁定，请于 {until} 后再试或联系系统管理员。',
  'auth.disabled': '该账号已停用。',
  'auth.weakPassword': '密码强度不足：至少 {min} 位，且须同时包含大写字母、小写字母、数字和符号中的至少三类，不能包含用户名。',
  'auth.usernameTaken': '用户名“{username}”已存在。',
  'auth.lastAdmin': '不能停用或降级最后一个系统管理员。',
  'auth.wrongPassword': '密码错误。',
  'audit.broken': '审计日志第 {seq} 条记录的校验链已断开。',
  'backup.verifyFailed': '备份校验失败：{detail}',
  'backup.notFound': '找不到备份文件：{file}',
  'backup.notSqlite': '所选文件不是有效的工作台备份：{detail}',
  'upload.notFound': '上传的文件已不存在（可能已取消或超过一天），请重新选择文件。',
  'upload.tooLarge': '文件过大（{size}），应用内最多接收 {max}。',
  'upload.diskFull': '数据盘空间不足：需要 {need}，可用 {free}。请清理空间后重试。',
  'upload.outOfOrder': '上传顺序错误：应从第 {expected} 字节继续，收到的是第 {got} 字节。请重新上传。',
  'upload.badChunk': '上传的数据块为空或过大。',
  'upload.overrun': '上传的数据超过了声明的文件大小（{size} 字节）。',
  'upload.incomplete': '文件尚未上传完（已收到 {received}，共 {size}）。',
  ...faultMessagesZhCN,
  ...attendanceMessagesZhCN,
  ...inspectionMessagesZhCN,
  ...packMessagesZhCN,
  ...desktopMessagesZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
