/**
 * The one IPC binding: `ipcMain.handle('owb:invoke')` → `core.call(envelope, 'ipc')`.
 * Before the core sees anything: the sender must be the main frame of one of our pages
 * (app://workbench), and the envelope must have the expected shape. The core then checks the
 * channel, the session and the input itself. Core events go to our windows only.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { CallEnvelope } from '../../shared/contract';
import { AppError, type ErrorCode, type Result } from '../../shared/errors';
import { APP_ORIGIN } from '../../shared/security';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge-api';
import type { Core } from '../core/api';
import { isAppUrl } from './security';

/** The part of the core the binding uses (a fake in tests). */
export type CoreCalls = Pick<Core, 'call' | 'onEvent'>;

const MESSAGES = {
  untrustedSender: '请求来源不受信任，已拒绝。',
  malformed: '请求格式无效。',
  internal: '内部错误：{detail}',
} as const;

/** The fields of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly origin?: string;
  readonly parent: unknown;
}

/** Main frame (no parent), URL on app://workbench, origin (when Chromium reports one) APP_ORIGIN. */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame) return false;
  try {
    if (frame.parent !== null) return false;
    if (!isAppUrl(frame.url)) return false;
    if (frame.origin !== undefined && frame.origin !== APP_ORIGIN) return false;
    return true;
  } catch {
    // a frame disposed mid-call throws on access
    return false;
  }
}

const ENVELOPE_KEYS = new Set(['channel', 'input', 'session']);
const MAX_CHANNEL_LENGTH = 100;
const MAX_SESSION_LENGTH = 512;

/** `{ channel, input, session? }` and nothing else; null when the shape is wrong. */
export function parseEnvelope(raw: unknown): CallEnvelope | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const proto: unknown = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return null;
  if (Object.keys(raw).some((k) => !ENVELOPE_KEYS.has(k))) return null;
  const { channel, input, session } = raw as { channel?: unknown; input?: unknown; session?: unknown };
  if (typeof channel !== 'string' || channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH) return null;
  if (session !== undefined && (typeof session !== 'string' || session.length > MAX_SESSION_LENGTH)) return null;
  return session === undefined ? { channel, input } : { channel, input, session };
}

function failure(code: ErrorCode, message: string): Result<unknown> {
  return { ok: false, error: new AppError(code, message).toJSON() };
}

export type InvokeHandler = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, raw: unknown) => Promise<Result<unknown>>;

export function createInvokeHandler(core: CoreCalls): InvokeHandler {
  return async (event, raw) => {
    if (!isTrustedSender(event.senderFrame)) {
      let from = '?';
      try {
        from = event.senderFrame?.url ?? 'no frame';
      } catch {
        // disposed frame
      }
      console.warn(`[ipc] refused a call from an untrusted frame: ${from.slice(0, 200)}`);
      return failure('FORBIDDEN', MESSAGES.untrustedSender);
    }
    const env = parseEnvelope(raw);
    if (!env) return failure('VALIDATION', MESSAGES.malformed);
    try {
      return await core.call(env, 'ipc');
    } catch (e) {
      // the core promises never to throw; keep the renderer's promise a Result anyway
      return failure('INTERNAL', MESSAGES.internal.replace('{detail}', e instanceof Error ? e.message : String(e)));
    }
  };
}

/** Sends each core event to the given WebContents that still show one of our pages. */
export function forwardEvents(core: CoreCalls, targets: () => readonly WebContents[]): () => void {
  return core.onEvent((e) => {
    for (const wc of targets()) {
      if (wc.isDestroyed() || !isAppUrl(wc.getURL())) continue;
      wc.send(IPC_EVENT, e);
    }
  });
}

/** Binds the handler and the event forwarding; returns the function that undoes both. */
export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: CoreCalls, targets: () => readonly WebContents[]): () => void {
  ipcMain.handle(IPC_INVOKE, createInvokeHandler(core));
  const off = forwardEvents(core, targets);
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    off();
  };
}
