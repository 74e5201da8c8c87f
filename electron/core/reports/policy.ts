import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const reportPolicy: PolicyRows = {
  'reports/monthly-get': 'aemu',
  'reports/monthly-save': 'em',
  'reports/monthly-list': 'aemu',
};
