// Channels of the inspections feature (see shared/contract/define.ts for how to declare one).
export const inspectionChannels = {} as const;
