import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const problemPolicy: PolicyRows = {
  'problems/list': 'aem',
  'problems/get': 'aem',
  'problems/create': 'em',
  'problems/transition': 'em',
};
