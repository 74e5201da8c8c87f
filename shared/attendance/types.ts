/** Inputs shared by the attendance rules, totals and suggestions. */
import type { LeaveStatus } from '../contract/attendance';
import type { Half } from './marks';

/** One mark of one person on one day (or half day), as stored. */
export interface AttendanceMark {
  staffId: string;
  /** Business date 'YYYY-MM-DD'. */
  date: string;
  half: Half;
  /** The mark type's code. */
  mark: string;
  /** For a late mark: minutes after the start of office hours. */
  minutesLate?: number | null;
  /** Hours of overtime (on a day off, or after hours on a working day). */
  overtimeHours?: number | null;
  /** Arrival instant when known (derives minutesLate when that is missing). */
  arrivedAt?: string | null;
}

export type { LeaveStatus } from '../contract/attendance';

export interface LeaveRequest {
  id?: string;
  staffId: string;
  /** The mark code asked for (事假, 病假, 休假…). */
  kind: string;
  /** First and last business dates, both included. */
  from: string;
  to: string;
  /** A half-day request covers only that half (full by default). */
  half?: Half;
  /** When it was asked (UTC instant). */
  requestedAt: string;
  /** When given, only 'approved' approves; without it, approvedAt does. */
  status?: LeaveStatus;
  approvedAt?: string | null;
  approvedBy?: string | null;
  /** A hospital note (诊断书) is attached. */
  hasSickNote: boolean;
}

export interface Person {
  id: string;
  name?: string;
  /** First and last days on the team (no marks are expected outside). */
  from?: string | null;
  to?: string | null;
}

/** Party A's office hours (project data). */
export interface OfficeHours {
  /** 'HH:mm' */
  start: string;
  end: string;
}

export function defaultOfficeHours(): OfficeHours {
  return { start: '08:30', end: '17:30' };
}

/** Thresholds of the attendance rules (合同 §2.2; project data). */
export interface AttendanceSettings {
  /** More lates than this in a month are recorded (当月迟到三次以上). */
  lateLimitPerMonth: number;
  /** A single late of more than this many minutes counts as absent that day (逾一小时(不含)). */
  lateAbsentMinutes: number;
  /** Personal leave is asked at least this many days ahead (提前一天). */
  leaveNoticeDays: number;
  /** The signed sheet is due this many days after month end (每月结束后的3日内). */
  sheetDueDays: number;
}

export function defaultAttendanceSettings(): AttendanceSettings {
  return { lateLimitPerMonth: 3, lateAbsentMinutes: 60, leaveNoticeDays: 1, sheetDueDays: 3 };
}

/** Whether a request is approved (status 'approved', or approvedAt when no status is given). */
export function isApproved(r: LeaveRequest): boolean {
  return r.status !== undefined ? r.status === 'approved' : Boolean(r.approvedAt);
}

/** Whether a request is still in force (not rejected or withdrawn). */
export function isLive(r: LeaveRequest): boolean {
  return r.status !== 'rejected' && r.status !== 'cancelled';
}
