import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const documentPolicy: PolicyRows = { 'documents/list': 'aem', 'documents/save': 'em' };
