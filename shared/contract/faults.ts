// Channels of the faults feature (see shared/contract/define.ts for how to declare one).
export const faultChannels = {} as const;
