import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for the forms channel (see accounts/policy.test.ts, via faultPolicy). */
export const formPolicy: PolicyRows = {
  'forms/export': 'aem',
};
