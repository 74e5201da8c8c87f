import type { Command } from './commands';

/** owb commands of the documents feature. */
export const documentCommands: Record<string, Command> = {};
