/**
 * Fixtures for the attendance tests: a team with accounts in each role, work records written
 * the way the other features store them (inspection runs, work orders, fault stamps).
 */
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { MonthView } from '../../../shared/contract/attendance';
import { ADMIN, adminSession, sessionWithRoles, type TestCore } from '../test-utils';

const MANAGER_PASSWORD = 'S3cure!pw-m';

export const TEAM = ['张伟', '李娜', '王强', '刘洋', '陈静', '赵磊'] as const;

export interface Team {
  admin: string;
  engineer: string;
  manager: string;
  auditor: string;
  /** Staff ids in sheet order (TEAM names). */
  ids: string[];
  byName: Record<string, string>;
  /** The manager account's own staff record (李娜). */
  managerStaffId: string;
}

/** The admin, an engineer, a manager (linked to 李娜's staff record) and an auditor, and the team. */
export async function setupTeam(t: TestCore, names: readonly string[] = TEAM): Promise<Team> {
  const admin = await adminSession(t);
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const s = (await t.call('staff/save', { name, title: i === 0 ? '项目总负责人' : '驻场工程师', phone: null, onSite: true, isManager: i === 0, sort: i }, admin)) as { id: string };
    ids.push(s.id);
  }
  const byName = Object.fromEntries(names.map((n, i) => [n, ids[i]!]));
  const engineer = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
  const auditor = await sessionWithRoles(t, admin, 'audit1', ['auditor']);
  const managerStaffId = ids[1] ?? ids[0]!;
  const password = MANAGER_PASSWORD;
  await t.call('accounts/create', { username: 'mgr1', displayName: names[1] ?? names[0]!, password, roles: ['manager'], staffId: managerStaffId }, admin);
  const manager = ((await t.call('auth/login', { username: 'mgr1', password })) as { token: string }).token;
  return { admin, engineer, manager, auditor, ids, byName, managerStaffId };
}

const login = async (t: TestCore, username: string, password: string) => ((await t.call('auth/login', { username, password })) as { token: string }).token;

/** New sessions for everyone (after the test moved the clock past the idle lock). */
export async function signInAgain(t: TestCore, team: Team): Promise<void> {
  team.admin = await login(t, ADMIN.username, ADMIN.password);
  team.engineer = await login(t, 'eng1', 'S3cure!pw-x');
  team.auditor = await login(t, 'audit1', 'S3cure!pw-x');
  team.manager = await login(t, 'mgr1', MANAGER_PASSWORD);
}

/** Every date of a month whose day is in `days`. */
export function dates(month: string, days: number[]): string[] {
  return days.map((d) => `${month}-${String(d).padStart(2, '0')}`);
}

export function view(x: unknown): MonthView {
  return x as MonthView;
}

/** Writes rows straight into the tables other features own (their channels are not under test here). */
export class WorkRecord {
  private readonly db: Database.Database;
  private readonly projectId: string;
  private templateId: string | null = null;
  private seq = 0;
  constructor(dbPath: string) {
    this.db = new Database(dbPath);
    this.projectId = (this.db.prepare('SELECT id FROM projects WHERE deleted_at IS NULL LIMIT 1').get() as { id: string }).id;
  }
  private stamp() {
    const at = new Date().toISOString();
    return { id: uuidv7(), at };
  }
  inspection(staffId: string, startedAt: string, finishedAt: string | null): string {
    if (!this.templateId) {
      // The default project seeds the inspection forms; reuse one when present.
      const seeded = this.db.prepare('SELECT id FROM inspection_templates WHERE project_id = ? LIMIT 1').get(this.projectId) as { id: string } | undefined;
      if (seeded) this.templateId = seeded.id;
    }
    if (!this.templateId) {
      const s = this.stamp();
      this.templateId = s.id;
      this.db
        .prepare("INSERT INTO inspection_templates (id, created_at, updated_at, updated_by, project_id, code, title, form_kind, cadence, layout) VALUES (?, ?, ?, 'test', ?, 'daily', '日常巡检表', 'daily', 'daily', '{}')")
        .run(s.id, s.at, s.at, this.projectId);
    }
    const s = this.stamp();
    const bizDate = new Date(Date.parse(startedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    this.db
      .prepare("INSERT INTO inspection_runs (id, created_at, updated_at, updated_by, template_id, biz_date, slot, status, inspector_id, started_at, finished_at, due_at) VALUES (?, ?, ?, 'test', ?, ?, ?, 'done', ?, ?, ?, ?)")
      .run(s.id, s.at, s.at, this.templateId, bizDate, `s${++this.seq}`, staffId, startedAt, finishedAt, startedAt);
    return s.id;
  }
  workOrder(staffIds: string[], o: { startedAt?: string; finishedAt?: string; doneDate?: string; applyDate: string }): string {
    const s = this.stamp();
    this.db
      .prepare(
        "INSERT INTO work_orders (id, created_at, updated_at, updated_by, project_id, doc_no, site_name, apply_date, company, technician_ids, technician_names, demand, content, status, started_at, finished_at, done_date) VALUES (?, ?, ?, 'test', ?, ?, '发改委', ?, '莱斯', ?, '', '需求', '更换硬盘', 'done', ?, ?, ?)",
      )
      .run(s.id, s.at, s.at, this.projectId, `GD-T-${++this.seq}`, o.applyDate, JSON.stringify(staffIds), o.startedAt ?? null, o.finishedAt ?? null, o.doneDate ?? null);
    return s.id;
  }
  /** A fault reported by `reporterId` at `reportedAt`, resolved by the person named `resolvedBy`. */
  fault(o: { reporterId: string; reportedAt: string; resolvedBy?: string; resolvedAt?: string }): string {
    const s = this.stamp();
    const date = new Date(Date.parse(o.reportedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    this.db
      .prepare(
        "INSERT INTO faults (id, created_at, updated_at, updated_by, project_id, doc_no, title, reporter_id, reporter_name, report_date, fault_date, category, severity, description, status, reported_at, resolved_at, resolved_by) VALUES (?, ?, ?, 'test', ?, ?, '数据库表空间告警', ?, '', ?, ?, 'database', 'normal', '表空间满', 'resolved', ?, ?, ?)",
      )
      .run(s.id, s.at, s.at, this.projectId, `GZ-T-${++this.seq}`, o.reporterId, date, date, o.reportedAt, o.resolvedAt ?? null, o.resolvedBy ?? null);
    return s.id;
  }
  close(): void {
    this.db.close();
  }
}
