import type { PolicyRows } from '../accounts/policy-types';
import { formPolicy } from '../forms/policy';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const faultPolicy: PolicyRows = {
  'faults/list': 'aem',
  'faults/get': 'aem',
  'faults/options': 'aem',
  'faults/prefill': 'em',
  'faults/create': 'em',
  'faults/update': 'em',
  'faults/stamp': 'em',
  'faults/edit-stamp': 'em',
  'faults/review': 'm',
  'faults/check-alert': 'em',
  'faults/delete': 'm',
  'faults/stats': 'aem',
  ...formPolicy,
};
