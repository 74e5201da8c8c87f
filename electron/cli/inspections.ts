import type { Command } from './commands';

/** owb commands of the inspections feature. */
export const inspectionCommands: Record<string, Command> = {};
