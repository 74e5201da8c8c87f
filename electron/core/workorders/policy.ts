import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const workOrderPolicy: PolicyRows = {
  'workorders/list': 'aem',
  'workorders/get': 'aem',
  'workorders/create': 'em',
  'workorders/update': 'em',
  'workorders/start': 'em',
  'workorders/finish': 'em',
  'workorders/confirm': 'em',
  'workorders/delete': 'em',
};
