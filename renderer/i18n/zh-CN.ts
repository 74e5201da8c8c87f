/**
 * UI text of the renderer, zh-CN first. `en.ts` must have exactly the same keys (checked by the
 * type `Messages` and by `keys.test.ts`). Messages returned by the core are already localized
 * (shared/i18n) and are shown as they come.
 */
import { faultsZhCN, problemsZhCN, workOrdersZhCN } from '../pages/faults/i18n';
import { attendanceZhCN } from '../pages/attendance/i18n';
import { reportsZhCN } from '../pages/reports/i18n';
import { adminZhCN } from '../pages/settings/i18n';
import { inspectionsZhCN } from '../pages/inspections/i18n';
import { assetsZhCN } from '../pages/assets/i18n';
import type { DeepStrings } from './deep-strings';

export const zhCN = {
  app: {
    name: '驻场运维工作台',
    loading: '正在加载…',
    version: '版本 {{version}}',
    retry: '重试',
    bootFailed: '无法连接到工作台核心',
    noTransport: '没有找到访问令牌。请使用启动时显示的完整地址（含 #token=…）打开浏览器模式，或在桌面应用中使用。',
  },
  nav: {
    dashboard: '工作台',
    inspections: '巡检',
    faults: '故障',
    workorders: '工单',
    attendance: '考勤',
    assets: '资产',
    reports: '报表与验收',
    settings: '设置',
    menuLabel: '主导航',
  },
  header: {
    user: '当前用户：{{name}}',
    lock: '锁定',
    lockTitle: '锁定屏幕（离开座位时使用）',
    logout: '退出登录',
    roles: {
      admin: '系统管理员',
      engineer: '运维工程师',
      manager: '项目负责人',
      auditor: '审计员',
    },
  },
  print: {
    button: '打印',
    title: '打印表单',
    copies: '份数',
    printer: '打印机',
    defaultPrinter: '系统默认打印机',
    send: '打印',
    keepsCopy: '打印的文件会同时保存在数据目录的 printed 文件夹中。',
    done: '已发送到打印机（{{copies}} 份），副本已保存：{{file}}',
  },
  damaged: {
    title: '数据库文件已损坏',
    body: '为保护数据，已禁止写入。请到“设置 → 备份与恢复”从最近的完好备份恢复，损坏的文件会被保留。',
    action: '前往备份与恢复',
  },
  setup: {
    title: '初始化管理员',
    intro: '首次使用，请创建系统管理员账号。系统没有默认密码，请妥善保管。',
    username: '用户名',
    usernamePlaceholder: '字母、数字、下划线、点或短横线，3–32 位',
    displayName: '姓名',
    displayNamePlaceholder: '显示在界面和表单上的姓名',
    password: '密码',
    passwordHint: '至少 8 位，须同时包含大写字母、小写字母、数字和符号中的至少三类，且不能包含用户名。',
    confirmPassword: '确认密码',
    passwordMismatch: '两次输入的密码不一致',
    submit: '创建管理员并登录',
  },
  login: {
    title: '登录',
    subtitle: '请输入账号和密码',
    username: '用户名',
    password: '密码',
    submit: '登录',
  },
  lock: {
    title: '屏幕已锁定',
    body: '{{name}}，长时间未操作，屏幕已锁定。请输入密码解锁。',
    password: '密码',
    submit: '解锁',
    switchUser: '退出并切换账号',
  },
  notice: {
    openFault: '填写故障报告',
    open: '查看',
  },
  session: {
    expired: '登录已失效，请重新登录。',
  },
  dashboard: {
    title: '工作台',
    refresh: '刷新',
    updatedAt: '更新于 {{time}}',
    assets: '资产',
    openFaults: '未关闭故障',
    breachedFaults: '已超时故障',
    openWorkOrders: '未完成工单',
    todayInspections: '今日巡检',
    pendingLeave: '待审批请假',
    faultClocks: '故障时限',
    noFaultClocks: '当前没有未关闭的故障',
    col: {
      docNo: '编号',
      title: '故障',
      severity: '级别',
      nextDeadline: '下一时限',
      state: '状态',
    },
    noDeadline: '—',
    relative: '（{{relative}}）',
    severity: {
      normal: '一般',
      serious: '严重',
      critical: '特别严重',
    },
    state: {
      pending: '计时中',
      due_soon: '即将超时',
      breached: '已超时',
      met: '按时完成',
      met_late: '超时完成',
    },
  },
  module: {
    building: '模块建设中',
    buildingBody: '“{{name}}”模块正在开发，完成后将在此处提供完整功能。',
  },
  settings: {
    title: '设置',
    tabs: {
      workstation: '工作站',
      backup: '备份与恢复',
      account: '我的账号',
    },
    workstation: {
      idleLockMinutes: '无操作自动锁定（分钟）',
      lockoutMinutes: '登录失败锁定时长（分钟）',
      updaterUrl: '更新源地址',
      updaterUrlPlaceholder: '内网更新服务器地址，留空则不检查更新',
      dailyBackup: '每日自动备份',
      save: '保存',
      saved: '设置已保存',
      adminOnly: '只有系统管理员可以修改工作站设置。',
    },
    backup: {
      intro: '备份保存在数据目录的 backups 文件夹中。恢复时当前数据库文件会保留在原处。',
      create: '立即备份',
      created: '备份已完成：{{name}}',
      restore: '恢复',
      restoreConfirmTitle: '从此备份恢复？',
      restoreConfirmBody: '当前数据库将被替换为“{{name}}”，被替换的文件会保留在数据目录中。',
      restored: '已从备份恢复：{{name}}',
      refresh: '刷新',
      state: '数据库状态',
      stateOk: '完好',
      stateDamaged: '已损坏',
      problems: '检查发现的问题',
      empty: '还没有备份',
      adminOnly: '只有系统管理员可以查看和恢复备份。',
      col: {
        name: '文件名',
        at: '时间',
        reason: '原因',
        size: '大小',
        actions: '操作',
      },
    },
    account: {
      oldPassword: '当前密码',
      newPassword: '新密码',
      confirmPassword: '确认新密码',
      submit: '修改密码',
      changed: '密码已修改',
    },
  },
  common: {
    cancel: '取消',
    notFound: '页面不存在',
    notFoundBody: '地址“{{path}}”没有对应的页面。',
    toDashboard: '回到工作台',
  },
  errors: {
    validation: '输入有误：{{detail}}',
    issue: '{{path}}：{{message}}',
    issueSeparator: '；',
    transport: '无法连接到工作台核心：{{detail}}',
    badResponse: '工作台核心返回了无法识别的应答（HTTP {{status}}）。',
    unknown: '发生未知错误：{{detail}}',
  },
  validation: {
    requiredShort: '此项必填',
    tooShort: '至少 {{min}} 个字符',
    tooLong: '最多 {{max}} 个字符',
    tooSmall: '不能小于 {{min}}',
    tooBig: '不能大于 {{max}}',
    integer: '请输入整数',
    username: '只能包含字母、数字、下划线、点和短横线',
  },
  faults: faultsZhCN,
  workorders: workOrdersZhCN,
  problems: problemsZhCN,
  attendance: attendanceZhCN,
  reports: reportsZhCN,
  admin: adminZhCN,
  inspections: inspectionsZhCN,
  assets: assetsZhCN,
} as const;


/** The shape every locale must have: the keys of zh-CN, any strings. */
export type Messages = DeepStrings<typeof zhCN>;
