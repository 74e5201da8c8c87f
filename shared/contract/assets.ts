// Channels of the assets feature (see shared/contract/define.ts for how to declare one).
export const assetChannels = {} as const;
