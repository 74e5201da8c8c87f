// Small bounded-resource helpers shared by the probes.
import { Buffer } from 'node:buffer';
import type { ProbeErrorCode } from './types';

/** Keeps at most `cap` bytes; anything beyond is counted and dropped. */
export class ByteCap {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Bytes offered, kept or not. */
  seen = 0;
  truncated = false;

  constructor(readonly cap: number) {}

  /** Appends what still fits; false once the cap is reached (the caller should stop reading). */
  push(chunk: Buffer): boolean {
    this.seen += chunk.length;
    const room = this.cap - this.kept;
    if (chunk.length <= room) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
      return true;
    }
    if (room > 0) this.chunks.push(chunk.subarray(0, room));
    this.kept = this.cap;
    this.truncated = true;
    return false;
  }

  get size(): number {
    return this.kept;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }
}

/** Cuts `text` to at most `capBytes` UTF-8 bytes (never splitting a character), marking the cut. */
export function capText(text: string, capBytes: number): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= capBytes) return text;
  const note = `\n…[已截断，原始 ${bytes} 字节]`;
  const budget = Math.max(0, capBytes - Buffer.byteLength(note, 'utf8'));
  let cut = Buffer.from(text, 'utf8').subarray(0, budget).toString('utf8');
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return cut + note;
}

/** Replaces every secret (and every long line of a multi-line secret, e.g. a PEM body) with ***. */
export function redact(text: string, secrets: readonly string[]): string {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (s.length >= 3) needles.add(s);
    for (const line of s.split(/\r?\n/)) if (line.trim().length >= 16) needles.add(line.trim());
  }
  let out = text;
  for (const n of [...needles].sort((a, b) => b.length - a.length)) out = out.split(n).join('***');
  return out;
}

/** Why a check was stopped early. */
export class StopReason {
  constructor(readonly code: Extract<ProbeErrorCode, 'TIMEOUT' | 'CONNECT_TIMEOUT' | 'CANCELLED'>) {}
}

/**
 * The time budget and cancellation of one check: `signal` aborts on the total timeout, on the
 * connect timeout (from `beginConnect()` until `connected()`), or when the caller's signal aborts.
 */
export class CheckScope {
  private readonly controller = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  private connectTimer: NodeJS.Timeout | undefined;
  private readonly onOuterAbort = (): void => this.stop('CANCELLED');

  constructor(readonly timeoutMs: number, readonly connectTimeoutMs: number, private readonly outer?: AbortSignal) {
    if (outer?.aborted) this.stop('CANCELLED');
    outer?.addEventListener('abort', this.onOuterAbort, { once: true });
    this.timers.push(setTimeout(() => this.stop('TIMEOUT'), timeoutMs));
  }

  /** The connect phase starts now (after local preparation such as decrypting a key). */
  beginConnect(): void {
    if (this.connectTimer || this.signal.aborted) return;
    this.connectTimer = setTimeout(() => this.stop('CONNECT_TIMEOUT'), this.connectTimeoutMs);
    this.timers.push(this.connectTimer);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The connect phase is over: only the total budget applies from now on. */
  connected(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
  }

  stop(code: StopReason['code']): void {
    if (!this.controller.signal.aborted) this.controller.abort(new StopReason(code));
  }

  /** TIMEOUT / CONNECT_TIMEOUT / CANCELLED once aborted, else null. */
  stopCode(): StopReason['code'] | null {
    const r: unknown = this.controller.signal.reason;
    return this.controller.signal.aborted && r instanceof StopReason ? r.code : null;
  }

  /** Runs `fn` once when the scope stops (immediately if it already has). Returns an unsubscribe. */
  onStop(fn: () => void): () => void {
    if (this.signal.aborted) {
      fn();
      return () => undefined;
    }
    this.signal.addEventListener('abort', fn, { once: true });
    return () => this.signal.removeEventListener('abort', fn);
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}

/** Single-quotes a string for POSIX sh. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Console text to string: UTF-8 when it is valid UTF-8, else GBK (Chinese Windows' code page 936).
 */
export function decodeConsoleOutput(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}
