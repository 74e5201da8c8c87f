// Channels of the packs feature (see shared/contract/define.ts for how to declare one).
export const packChannels = {} as const;
