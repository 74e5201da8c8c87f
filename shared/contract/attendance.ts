// Channels of the attendance feature (see shared/contract/define.ts for how to declare one).
export const attendanceChannels = {} as const;
