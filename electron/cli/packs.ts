import type { Command } from './commands';

/** owb commands of the packs feature. */
export const packCommands: Record<string, Command> = {};
