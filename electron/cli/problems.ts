import type { Command } from './commands';

/** owb commands of the problems feature. */
export const problemCommands: Record<string, Command> = {};
