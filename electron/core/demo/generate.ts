import { eq } from 'drizzle-orm';
import { openCore } from '../api';
import type { Db, Sqlite } from '../db/open';
import { staff } from '../accounts/schema';
import { assets } from '../assets/schema';
import { probeChecks, probeResults } from '../probes/schema';
import { faultAssets, faults } from '../faults/schema';
import { workOrders } from '../workorders/schema';
import { problemEvents, problemTickets } from '../problems/schema';
import { nextDocNo, type CounterStamp } from '../project/numbering';
import { isWorkingDay } from '../../../shared/attendance/calendar';
import { Rng } from './random';
import { demoInspections } from './inspections';
import { demoAttendance } from './attendance';

export interface DemoOptions {
  dbPath: string;
  dataDir: string;
  years: number;
  until: string; // YYYY-MM-DD (Shanghai)
  seed: string;
  /** The daily inspection rounds (default on; a test of demoInspections itself turns it off). */
  inspections?: boolean;
  onProgress?: (done: number, total: number, message: string) => void;
}

export interface DemoSummary {
  from: string;
  until: string;
  staff: number;
  assets: number;
  faults: number;
  breaches: number;
  workOrders: number;
  problems: number;
  probeResults: number;
  attendanceMarks: number;
  leaveRequests: number;
  inspectionRuns: number;
}

export const DEMO_STAFF = [
  { name: '王建国', title: '项目总负责人', isManager: true },
  { name: '李明', title: '应用系统负责人', isManager: false },
  { name: '张伟', title: '巡检员', isManager: false },
  { name: '刘洋', title: '服务实施人员', isManager: false },
  { name: '陈静', title: '安全服务人员', isManager: false },
  { name: '赵磊', title: '文件资料员', isManager: false },
] as const;

const EXTRA_ASSETS = [
  { name: '中心数据存储服务器', nodeGroup: '数据中心', ip: '127.0.10.12', os: 'CentOS 7', systemShort: 'CCFW', category: '存储服务器', contentCategory: '存储', purpose: '数据存储服务', model: '', location: '发改委机房' },
  { name: '信息服务平台', nodeGroup: '应用', ip: '127.0.10.13', os: 'CentOS 7', systemShort: 'XXPT', category: 'Web服务器', contentCategory: '应用', purpose: '信息服务平台', model: '', location: '发改委机房' },
  { name: '信用外网归集', nodeGroup: '外网', ip: '127.0.10.14', os: 'CentOS 7', systemShort: 'WWGJ', category: '应用服务器', contentCategory: '数据归集', purpose: '外网归集', model: '', location: '发改委机房' },
  { name: '中心业务管理应用服务器', nodeGroup: '应用', ip: '127.0.10.15', os: 'Windows Server 2016', systemShort: 'YWYY', category: '应用服务器', contentCategory: '应用', purpose: '业务管理应用', model: '', location: '发改委机房' },
];

/**
 * 设备型号 and 负责人 of the demo's servers (DOMAIN.md §2): the default project leaves them empty
 * (the real models come from the site's inventory, imported from Excel), so the demo fills them
 * in — the 中心设备巡检表 prints the model, the 运维检查表 the owner. By asset name; no random draws.
 */
export const DEMO_ASSET_DETAILS: Record<string, { model: string; owner: string }> = {
  中心数据库服务器: { model: 'PowerEdge R740', owner: '李明' },
  采集数据库服务器: { model: 'PowerEdge R740', owner: '李明' },
  主题库和产品服务数据库服务器: { model: 'PowerEdge R740xd', owner: '李明' },
  数据处理服务器: { model: 'ThinkSystem SR650', owner: '刘洋' },
  业务管理服务器: { model: 'ThinkSystem SR650', owner: '刘洋' },
  应用服务服务器: { model: 'ThinkSystem SR650', owner: '刘洋' },
  存储设备: { model: 'OceanStor 5500 V5', owner: '张伟' },
  中心数据交换管理服务器: { model: 'FusionServer 2288H V5', owner: '刘洋' },
  信用外网: { model: 'ProLiant DL380 Gen10', owner: '陈静' },
  信用外网数据仓库: { model: 'ProLiant DL380 Gen10', owner: '陈静' },
  中心信息服务服务器: { model: 'FusionServer 2288H V5', owner: '刘洋' },
  中心数据存储服务器: { model: 'OceanStor 2600 V3', owner: '张伟' },
  信息服务平台: { model: 'ThinkSystem SR550', owner: '刘洋' },
  信用外网归集: { model: 'ProLiant DL360 Gen10', owner: '陈静' },
  中心业务管理应用服务器: { model: 'FusionServer 2288H V5', owner: '刘洋' },
};

const FAULT_TEXTS = [
  { category: 'database', title: '数据库连接数耗尽', desc: '中心数据库连接数达到上限，应用报“无法获取连接”。', solution: '终止空闲会话并调大连接池上限，优化长事务。' },
  { category: 'system', title: '磁盘空间不足', desc: '数据处理服务器 /data 分区使用率达 95%。', solution: '清理过期中间文件，配置日志轮转。' },
  { category: 'network', title: '前置机网络中断', desc: '部门前置机与中心交换服务器之间网络不通。', solution: '更换故障交换机端口并恢复链路。' },
  { category: 'other_app', title: '信用网站页面打不开', desc: '信用外网首页返回 502 错误。', solution: '重启应用服务并修复反向代理配置。' },
  { category: 'system', title: '备份任务失败', desc: '夜间全量备份任务失败，备份目录无当日文件。', solution: '修复备份脚本权限并补做全量备份。' },
  { category: 'database', title: '数据归集任务积压', desc: '归集平台任务队列积压超过 2 万条。', solution: '扩容处理线程并清理异常数据。' },
  { category: 'other_app', title: 'MQ 通道停止', desc: 'IBM MQ 数据交换通道状态为 STOPPED。', solution: '重启通道并核对传输队列。' },
  { category: 'network', title: '远程桌面无法连接', desc: '业务管理服务器 3389 端口无响应。', solution: '重启远程桌面服务，检查防火墙策略。' },
] as const;

const WO_TEXTS = [
  { demand: '配合完成部门数据归集核对', content: '核对 12 个部门本月归集数据，处理异常记录', standard: '归集数据完整、准确' },
  { demand: '信用网站栏目调整', content: '新增“信用承诺”栏目并发布内容', standard: '栏目正常访问，内容准确' },
  { demand: '服务器系统补丁更新', content: '对 4 台 Windows 服务器安装安全补丁并重启验证', standard: '补丁安装成功，业务无中断' },
  { demand: '数据库性能优化', content: '重建碎片化索引，更新统计信息', standard: '关键查询耗时下降 30% 以上' },
  { demand: '双公示数据报送', content: '整理并报送本周双公示数据', standard: '按时报送，关联率达标' },
  { demand: '账号权限调整', content: '按申请为新增人员开通平台账号并分配角色', standard: '权限最小化，登记在册' },
] as const;

const pad = (n: number) => String(n).padStart(2, '0');
/** Shanghai local date + minutes since midnight → UTC instant ISO. */
export function localToIso(date: string, minutes: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 0, 0) + (minutes - 8 * 60) * 60_000).toISOString();
}
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const x = new Date(Date.UTC(y, m - 1, d + n));
  return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`;
}
const plusMin = (iso: string, min: number) => new Date(Date.parse(iso) + min * 60_000).toISOString();
const bizDateOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A deterministic, realistic history of the default project: staff, ~15 assets with probe
 * checks, probe results twice a working day, faults of every severity (some SLA breaches),
 * work orders, problem tickets, attendance with holidays, 调休, leave and lates.
 * Every address is in 127.0.0.0/8: probing a demo database never leaves the machine.
 */
export function generateDemo(opts: DemoOptions): DemoSummary {
  const rng = new Rng(opts.seed);
  const from = addDays(`${Number(opts.until.slice(0, 4)) - opts.years}${opts.until.slice(4)}`, 1);
  const core = openCore({ dbPath: opts.dbPath, dataDir: opts.dataDir, version: 'demo', clock: () => new Date(localToIso(from, 8 * 60)) });
  const { db, sqlite } = core.runtime;
  const project = core.runtime.project();
  const by = 'system:demo';
  const stamp = (ms: number) => ({ id: rng.id(ms), createdAt: new Date(ms).toISOString(), updatedAt: new Date(ms).toISOString(), updatedBy: by, deletedAt: null });
  // Ids of counter and link rows come from their own generator: the history drawn from `rng`
  // stays the same for a seed whichever rows carry ids.
  const rowIds = new Rng(`${opts.seed}/row-ids`);
  const counter = (ms: number): CounterStamp => ({ at: new Date(ms).toISOString(), by, id: rowIds.id(ms) });
  const rowStamp = (ms: number) => ({ id: rowIds.id(ms), createdAt: new Date(ms).toISOString(), updatedAt: new Date(ms).toISOString(), updatedBy: by, deletedAt: null });
  const t0 = Date.parse(localToIso(from, 8 * 60));
  const summary: DemoSummary = { from, until: opts.until, staff: 0, assets: 0, faults: 0, breaches: 0, workOrders: 0, problems: 0, probeResults: 0, attendanceMarks: 0, leaveRequests: 0, inspectionRuns: 0 };

  const days: string[] = [];
  for (let d = from; d <= opts.until; d = addDays(d, 1)) days.push(d);

  sqlite.transaction(() => {
    if (db.select({ id: staff.id }).from(staff).limit(1).all().length > 0) throw new Error('the database already has staff: demo data goes into a new file');
    const people = DEMO_STAFF.map((p, i) => ({ ...stamp(t0), projectId: project.id, name: p.name, title: p.title, phone: `1380000000${i}`, onSite: true, isManager: p.isManager, sort: i, activeFrom: from, activeTo: null }));
    db.insert(staff).values(people).run();
    summary.staff = people.length;

    EXTRA_ASSETS.forEach((a, i) => db.insert(assets).values({ ...stamp(t0), projectId: project.id, sort: 100 + i, ...a }).run());
    for (const a of db.select({ id: assets.id, name: assets.name, model: assets.model, owner: assets.owner }).from(assets).where(eq(assets.projectId, project.id)).all()) {
      const d = DEMO_ASSET_DETAILS[a.name];
      if (d) db.update(assets).set({ model: a.model || d.model, owner: a.owner || d.owner }).where(eq(assets.id, a.id)).run();
    }
    const assetRows = db.select().from(assets).where(eq(assets.projectId, project.id)).all();
    summary.assets = assetRows.length;
    const checks = assetRows.flatMap((a) => {
      const list = [{ ...stamp(t0), assetId: a.id, kind: 'ping', label: 'ping', config: { host: a.ip }, thresholds: null, enabled: true }];
      const port = a.os.startsWith('Windows') ? 3389 : 22;
      list.push({ ...stamp(t0), assetId: a.id, kind: 'tcp', label: port === 3389 ? '远程桌面' : 'SSH', config: { host: a.ip, port } as never, thresholds: null, enabled: true });
      if (a.category === 'Web服务器') list.push({ ...stamp(t0), assetId: a.id, kind: 'http', label: '网站', config: { url: `http://${a.ip}/` } as never, thresholds: null, enabled: true });
      return list;
    });
    db.insert(probeChecks).values(checks).run();

    const probeChunk: Array<typeof probeResults.$inferInsert> = [];
    const flushProbes = () => {
      if (probeChunk.length) db.insert(probeResults).values(probeChunk.splice(0)).run();
    };

    const staffIds = people.map((p) => p.id);
    const engineers = people.filter((p) => !p.isManager);
    const manager = people.find((p) => p.isManager)!;
    const sla = project.settings.sla;
    let dayIndex = 0;
    for (const day of days) {
      dayIndex++;
      if (dayIndex % 30 === 0) opts.onProgress?.(dayIndex, days.length, day);
      const working = isWorkingDay(day);
      // Probe sweeps at the exchange-check times of working days.
      if (working) {
        for (const minutes of [8 * 60 + 30, 17 * 60]) {
          const sweepAt = Date.parse(localToIso(day, minutes));
          const sweepId = rng.id(sweepAt);
          for (const c of checks) {
            const bad = rng.chance(0.01);
            const warn = !bad && rng.chance(0.03);
            const latency = c.kind === 'ping' ? rng.int(0, 3) : rng.int(1, 40);
            probeChunk.push({
              ...stamp(sweepAt),
              checkId: c.id,
              assetId: c.assetId,
              sweepId,
              startedAt: new Date(sweepAt).toISOString(),
              finishedAt: new Date(sweepAt + latency + 1).toISOString(),
              level: bad ? 'severe' : warn ? 'warning' : 'normal',
              summary: bad ? '无法连接' : warn ? '响应较慢' : '正常',
              latencyMs: bad ? null : latency,
              metrics: bad ? { alive: false } : { alive: true, ms: latency },
              raw: null,
            });
          }
          if (probeChunk.length > 2000) flushProbes();
          summary.probeResults += checks.length;
        }
      }
      // Faults: about three a week, more on working days.
      if (rng.chance(working ? 0.5 : 0.12)) {
        const t = rng.pick(FAULT_TEXTS);
        const severity = rng.weighted([['normal', 70], ['serious', 25], ['critical', 5]] as const);
        const reporter = rng.pick(engineers);
        const handler = rng.pick(engineers);
        const reportedAt = localToIso(day, rng.int(8 * 60, 18 * 60));
        const lateResponse = rng.chance(0.04);
        const respondedAt = plusMin(reportedAt, lateResponse ? rng.int(sla.responseMinutes + 1, sla.responseMinutes * 3) : rng.int(2, sla.responseMinutes - 2));
        const onSiteAt = plusMin(respondedAt, rng.chance(0.03) ? rng.int(sla.onSiteMinutes + 1, sla.onSiteMinutes + 90) : rng.int(5, sla.onSiteMinutes - 5));
        const limit = sla.resolveMinutesBySeverity[severity];
        const lateResolve = rng.chance(0.05);
        const resolvedAt = plusMin(reportedAt, lateResolve ? rng.int(limit + 1, limit * 2) : rng.int(Math.max(20, Math.floor(limit / 6)), limit - 5));
        const reportFiledAt = plusMin(resolvedAt, rng.chance(0.03) ? rng.int(sla.reportMinutes + 1, sla.reportMinutes + 600) : rng.int(30, sla.reportMinutes - 30));
        if (lateResponse || lateResolve) summary.breaches++;
        const untilIso = localToIso(opts.until, 18 * 60);
        const cut = (iso: string) => (iso <= untilIso ? iso : null);
        const r = cut(respondedAt);
        const o = r && cut(onSiteAt);
        const s = o && cut(resolvedAt);
        const f = s && cut(reportFiledAt);
        const reviewedAt = f && cut(plusMin(reportFiledAt, rng.int(60, 24 * 60)));
        const status = reviewedAt ? 'reviewed' : f ? 'report_filed' : s ? 'resolved' : o ? 'on_site' : r ? 'responded' : 'reported';
        const ms = Date.parse(reportedAt);
        const id = rng.id(ms);
        db.insert(faults)
          .values({
            ...stamp(ms),
            id,
            projectId: project.id,
            docNo: nextDocNo(sqlite, project.id, 'fault', project.settings.numbering.fault ?? 'GZ-{YYYY}-{SEQ:4}', day, counter(ms)),
            title: t.title,
            reporterId: reporter.id,
            reporterName: reporter.name,
            reportDate: day,
            faultDate: day,
            category: t.category,
            severity,
            alertLevel: severity === 'critical' ? 3 : severity === 'serious' ? 2 : 1,
            description: t.desc,
            solved: Boolean(s),
            solution: s ? t.solution : '',
            causeAnalysis: s ? '经排查，' + t.desc.replace(/。$/, '') + '所致。' : '',
            handlingProcess: s ? '接报后远程响应，到场排查并处理，处理后持续观察 30 分钟。' : '',
            preventiveMeasures: s ? '纳入日常巡检项，设置监控阈值告警。' : '',
            source: rng.chance(0.3) ? 'probe' : 'manual',
            sourceRef: null,
            status,
            reportedAt,
            respondedAt: r,
            respondedBy: r ? handler.name : null,
            onSiteAt: o || null,
            onSiteBy: o ? handler.name : null,
            resolvedAt: s || null,
            resolvedBy: s ? handler.name : null,
            reportFiledAt: f || null,
            reportFiledBy: f ? handler.name : null,
            reviewerName: reviewedAt ? manager.name : null,
            reviewedAt: reviewedAt || null,
            reviewedBy: reviewedAt ? manager.name : null,
          })
          .run();
        db.insert(faultAssets).values({ ...rowStamp(ms), faultId: id, assetId: rng.pick(assetRows).id }).run();
        summary.faults++;
        // Most faults lead to a work order.
        if (s && rng.chance(0.6)) {
          insertWorkOrder(db, sqlite, rng, { projectId: project.id, day: bizDateOf(s), faultId: id, company: project.partyB, tech: [handler], demand: `处理故障：${t.title}`, content: t.solution, standard: '故障排除，系统恢复正常', untilDay: opts.until, stamp, counter, clientRep: project.settings.signatories.clientRep || '甲方业务代表', rule: project.settings.numbering.workorder ?? 'GD-{YYYY}-{SEQ:4}' });
          summary.workOrders++;
        }
      }
      // Planned work orders: about four a week.
      if (working && rng.chance(0.8)) {
        const w = rng.pick(WO_TEXTS);
        insertWorkOrder(db, sqlite, rng, { projectId: project.id, day, faultId: null, company: project.partyB, tech: [rng.pick(engineers), ...(rng.chance(0.3) ? [rng.pick(engineers)] : [])], demand: w.demand, content: w.content, standard: w.standard, untilDay: opts.until, stamp, counter, clientRep: project.settings.signatories.clientRep || '甲方业务代表', rule: project.settings.numbering.workorder ?? 'GD-{YYYY}-{SEQ:4}' });
        summary.workOrders++;
      }
      // Problem tickets: consultations often, defects sometimes.
      if (working && rng.chance(0.25)) {
        const defect = rng.chance(0.3);
        const openedAt = localToIso(day, rng.int(9 * 60, 17 * 60));
        const ms = Date.parse(openedAt);
        const closed = addDays(day, defect ? rng.int(1, 10) : 0) <= opts.until;
        const id = rng.id(ms);
        db.insert(problemTickets)
          .values({
            ...stamp(ms),
            id,
            projectId: project.id,
            docNo: nextDocNo(sqlite, project.id, 'problem', project.settings.numbering.problem ?? 'WT-{YYYY}-{SEQ:4}', day, counter(ms)),
            kind: defect ? 'defect' : 'consult',
            severity: defect ? rng.weighted([['minor', 40], ['major', 40], ['critical', 15], ['fatal', 5]] as const) : null,
            status: closed ? 'closed' : 'assigned',
            title: defect ? '查询结果分页错误' : '如何导出部门归集统计',
            description: defect ? '信用信息查询第 2 页重复显示第 1 页数据。' : '业务人员咨询统计表导出方法。',
            submitterName: '甲方业务人员',
            assigneeName: rng.pick(engineers).name,
            answer: closed ? (defect ? '已修复分页参数并回归测试。' : '已现场演示导出步骤。') : '',
            openedAt,
            closedAt: closed ? plusMin(openedAt, defect ? rng.int(600, 9000) : rng.int(5, 40)) : null,
          })
          .run();
        db.insert(problemEvents).values({ ...stamp(ms), ticketId: id, fromStatus: null, toStatus: 'submitted', note: '' }).run();
        summary.problems++;
      }
    }
    flushProbes();
    const att = demoAttendance(db, sqlite, rng, { projectId: project.id, staffIds, days, stamp, managerName: manager.name });
    summary.attendanceMarks = att.marks;
    summary.leaveRequests = att.leave;
    if (opts.inspections !== false) {
      // Its own random stream: the records above stay the same whatever the rounds draw.
      const rounds = demoInspections(db, sqlite, new Rng(`${opts.seed}:inspections`), {
        project,
        days,
        stamp,
        inspectors: people.filter((p) => !p.isManager).map((p) => ({ id: p.id, name: p.name })),
        managerName: manager.name,
      });
      summary.inspectionRuns = rounds.runs;
    }
  })();
  core.close();
  return summary;
}

function insertWorkOrder(
  db: Db,
  sqlite: Sqlite,
  rng: Rng,
  o: {
    projectId: string;
    day: string;
    faultId: string | null;
    company: string;
    tech: Array<{ id: string; name: string }>;
    demand: string;
    content: string;
    standard: string;
    untilDay: string;
    clientRep: string;
    rule: string;
    stamp: (ms: number) => { id: string; createdAt: string; updatedAt: string; updatedBy: string; deletedAt: null };
    counter: (ms: number) => CounterStamp;
  },
): void {
  const done = addDays(o.day, rng.int(0, 2));
  const finished = done <= o.untilDay;
  const confirmed = finished && addDays(done, 2) <= o.untilDay && rng.chance(0.97);
  const ms = Date.parse(localToIso(o.day, 9 * 60));
  const tech = [...new Map(o.tech.map((t) => [t.id, t])).values()];
  db.insert(workOrders)
    .values({
      ...o.stamp(ms),
      projectId: o.projectId,
      docNo: nextDocNo(sqlite, o.projectId, 'workorder', o.rule, o.day, o.counter(ms)),
      siteName: '徐州市发展和改革委员会',
      applyDate: o.day,
      company: o.company,
      technicianIds: tech.map((t) => t.id),
      technicianNames: tech.map((t) => t.name).join('、'),
      demand: o.demand,
      content: o.content,
      standard: o.standard,
      doneDate: finished ? done : null,
      workloadHours: rng.int(1, 16) / 2,
      status: confirmed ? 'confirmed' : finished ? 'done' : 'in_progress',
      confirmerName: confirmed ? o.clientRep : null,
      confirmedAt: confirmed ? localToIso(addDays(done, 1), 10 * 60) : null,
      faultId: o.faultId,
    })
    .run();
}
