// Starts the pack worker from the TypeScript sources (owb, npm run web, tests): the worker
// thread gets tsx's loader, then runs entry.ts. The Electron app uses the bundled
// dist/electron/pack-worker.cjs instead (scripts/build-electron.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./entry.ts');
