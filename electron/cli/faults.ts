import type { Command } from './commands';

/** owb commands of the faults feature. */
export const faultCommands: Record<string, Command> = {};
