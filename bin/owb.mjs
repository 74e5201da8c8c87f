#!/usr/bin/env node
// `owb`: the workbench's command line. Runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
