// Channels of the workorders feature (see shared/contract/define.ts for how to declare one).
export const workOrderChannels = {} as const;
