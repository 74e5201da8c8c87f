import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const assetPolicy: PolicyRows = {
  'assets/list': 'aem',
  'assets/get': 'aem',
  'assets/save': 'em',
  'assets/delete': 'em',
  'assets/import': 'em',
  'assets/export': 'aem',
  'assets/credentials': 'aem',
  'assets/credential-save': 'em',
  'assets/credential-delete': 'em',
};
