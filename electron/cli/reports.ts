import type { Command } from './commands';

/** owb commands of the reports feature. */
export const reportCommands: Record<string, Command> = {};
