import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const packPolicy: PolicyRows = {
  'packs/list': 'aemu',
  'packs/build': 'em',
  'packs/readiness': 'aemu',
  'packs/identity': 'aemu',
  'packs/identity-import': 'a',
  'packs/verify': 'aemu',
  'packs/verify-upload': 'aemu',
  'packs/drives': 'em',
  'packs/export-usb': 'em',
  'packs/print-list': 'em',
  'packs/download': 'em',
};
