// Channels of the problems feature (see shared/contract/define.ts for how to declare one).
export const problemChannels = {} as const;
