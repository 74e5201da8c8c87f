import type { Command } from './commands';

/** owb commands of the workorders feature. */
export const workOrderCommands: Record<string, Command> = {};
