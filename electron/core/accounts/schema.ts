import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';

/** People of the team (attendance rows, technicians) — with or without a login. */
export const staff = sqliteTable('staff', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  name: text('name').notNull(),
  /** 项目总负责人, 应用系统负责人, 巡检员, 服务实施人员, 安全服务人员, 文件资料员… */
  title: text('title').notNull(),
  phone: text('phone'),
  onSite: integer('on_site', { mode: 'boolean' }).notNull().default(true),
  isManager: integer('is_manager', { mode: 'boolean' }).notNull().default(false),
  sort: integer('sort').notNull().default(0),
  activeFrom: text('active_from'),
  activeTo: text('active_to'),
}, (t) => [index('staff_project_idx').on(t.projectId, t.sort)]);

/** Local accounts (等保三级): salted scrypt, lockout that survives a restart. */
export const users = sqliteTable('users', {
  ...baseColumns(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** JSON array of roles: admin | engineer | manager | auditor. */
  roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
  staffId: text('staff_id').references(() => staff.id),
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: text('locked_until'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  passwordChangedAt: text('password_changed_at').notNull(),
  lastLoginAt: text('last_login_at'),
}, (t) => [uniqueIndex('users_username_uq').on(t.username)]);
