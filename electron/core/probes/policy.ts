import type { PolicyRows } from '../accounts/policy-types';

/** Rows of the role × channel table for this feature (see accounts/policy.test.ts). */
export const probePolicy: PolicyRows = {
  'probes/checks': 'aem',
  'probes/check-save': 'em',
  'probes/check-delete': 'em',
  'probes/add-defaults': 'em',
  'probes/sweep': 'em',
  'probes/sweeps': 'aem',
  'probes/history': 'aem',
  'probes/result': 'aem',
  'probes/trend': 'aem',
  'probes/host-keys': 'aem',
  'probes/host-key-forget': 'm',
};
