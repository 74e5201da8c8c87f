import type { Command } from './commands';

/** owb commands of the attendance feature. */
export const attendanceCommands: Record<string, Command> = {};
