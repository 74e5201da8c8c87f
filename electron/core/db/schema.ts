// All tables, for drizzle-kit and the typed query API. Each feature owns its schema.ts.
export * from '../project/schema';
export * from '../accounts/schema';
export * from '../attachments/schema';
export * from '../assets/schema';
export * from '../probes/schema';
export * from '../inspections/schema';
export * from '../faults/schema';
export * from '../workorders/schema';
export * from '../problems/schema';
export * from '../attendance/schema';
export * from '../documents/schema';
export * from '../reports/schema';
export * from '../packs/schema';
export * from '../audit/schema';
