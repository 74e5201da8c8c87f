// Channels of the probes feature (see shared/contract/define.ts for how to declare one).
export const probeChannels = {} as const;
