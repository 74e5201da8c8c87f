import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const attendancePolicy: PolicyRows = {
  'attendance/month': 'aem',
  'attendance/set-marks': 'em',
  'attendance/suggestions': 'aem',
  'attendance/accept-suggestions': 'em',
  'attendance/set-day': 'em',
  'attendance/close': 'em',
  'attendance/reopen': 'm',
  'attendance/export': 'aem',
  'attendance/leave-list': 'aem',
  'attendance/leave-request': 'em',
  'attendance/leave-decide': 'm',
  'attendance/leave-cancel': 'em',
};
