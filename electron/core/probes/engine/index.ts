// The probe engine: a pure library (no database). See types.ts for the data it speaks.
export type * from './types';
export type * from './measurements';
export { runCheck, targetOf, DEFAULT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_OUTPUT_CAP_BYTES, DEFAULT_RAW_CAP_BYTES } from './runner';
export { runSweep, DEFAULT_CONCURRENCY } from './sweep';
export { defaultThresholds, mergeThresholds, thresholdsFromProject, type ProjectThresholds } from './thresholds';
export {
  classifyPing, classifyTcp, classifyHttp, classifyDisk, classifyMemory, classifyLoad, classifyUptime, classifyService,
  classifyLog, classifyCustom, classifySshItem, classifySsh, errorLevel, latencyLevel, type Verdict,
} from './classify';
export { parsePingOutput } from './ping';
export { parseDfP, parseFreeB, parseLoad, parseUptime } from './ssh-parse';
export { sha256Fingerprint, hostPortKey } from './ssh';
export { validateCheck, checkDefSchema, type CheckValidation } from './schema';
export { memoryHostKeyStore } from './host-keys';
export { decodeConsoleOutput } from './util';
