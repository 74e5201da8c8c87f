import type { Command } from './commands';

/** owb commands of the probes feature. */
export const probeCommands: Record<string, Command> = {};
