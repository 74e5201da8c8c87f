import type { Command } from './commands';

/** owb commands of the assets feature. */
export const assetCommands: Record<string, Command> = {};
