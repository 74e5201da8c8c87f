// Channels of the documents feature (see shared/contract/define.ts for how to declare one).
export const documentChannels = {} as const;
