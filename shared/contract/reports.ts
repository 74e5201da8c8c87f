// Channels of the reports feature (see shared/contract/define.ts for how to declare one).
export const reportChannels = {} as const;
