import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const inspectionPolicy: PolicyRows = {
  'inspections/templates': 'aem',
  'inspections/today': 'aem',
  'inspections/runs': 'aem',
  'inspections/run': 'aem',
  'inspections/start': 'em',
  'inspections/refill': 'em',
  'inspections/set-result': 'em',
  'inspections/complete': 'em',
  'inspections/decide': 'm',
  'inspections/asset-history': 'aem',
};
