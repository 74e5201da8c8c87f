import type { OwbApi } from '../../shared/bridge-api';
import { OWB_GLOBAL } from '../../shared/bridge-api';
import type { CoreEvent } from '../../shared/contract';
import type { Result } from '../../shared/errors';

/**
 * How the renderer reaches the core. Two implementations: the Electron preload (`window.owb`)
 * and the loopback bridge (HTTP + server-sent events). Both speak the contract's envelope and
 * answer with a `Result`; transport failures (network, unreadable answer) throw TransportError.
 */
export interface Transport {
  readonly kind: 'ipc' | 'bridge';
  call(channel: string, input: unknown, session: string | undefined): Promise<Result<unknown>>;
  subscribe(listener: (event: CoreEvent) => void): () => void;
}

/** What the Electron preload exposes as `window.owb` (shared/bridge-api.ts). */
export type OwbLike = OwbApi;

export class TransportError extends Error {
  readonly reason: 'network' | 'bad-response';
  readonly status: number | undefined;
  constructor(reason: 'network' | 'bad-response', detail: string, status?: number) {
    super(detail);
    this.name = 'TransportError';
    this.reason = reason;
    this.status = status;
  }
}

export function isOwb(value: unknown): value is OwbLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.invoke === 'function' && typeof v.onEvent === 'function';
}

export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return 'data' in v;
  if (v.ok !== false) return false;
  const e = v.error as Record<string, unknown> | undefined;
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
}

export function ipcTransport(owb: OwbLike): Transport {
  return {
    kind: 'ipc',
    async call(channel, input, session) {
      let result: unknown;
      try {
        result = await (session === undefined ? owb.invoke(channel, input) : owb.invoke(channel, input, session));
      } catch (e) {
        throw new TransportError('network', e instanceof Error ? e.message : String(e));
      }
      if (!isResult(result)) throw new TransportError('bad-response', 'not a Result');
      return result;
    },
    subscribe: (listener) => owb.onEvent(listener),
  };
}

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; credentials: 'omit'; cache: 'no-store' }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

interface EventSourceLike {
  onmessage: ((ev: MessageEvent) => void) | null;
  close(): void;
}
type EventSourceCtor = new (url: string) => EventSourceLike;

export interface BridgeDeps {
  /** Origin of the page, e.g. `http://127.0.0.1:41234`; the API lives on the same origin. */
  origin: string;
  token: string;
  fetch: FetchLike;
  EventSource?: EventSourceCtor | undefined;
}

function parseEvent(data: unknown): CoreEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const v: unknown = JSON.parse(data);
    if (typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string') return v as CoreEvent;
  } catch {
    // a malformed line is skipped
  }
  return null;
}

export function bridgeTransport(deps: BridgeDeps): Transport {
  const listeners = new Set<(e: CoreEvent) => void>();
  let source: EventSourceLike | null = null;

  function openEvents(): void {
    if (source || !deps.EventSource) return;
    source = new deps.EventSource(`${deps.origin}/api/events?token=${encodeURIComponent(deps.token)}`);
    source.onmessage = (ev) => {
      const e = parseEvent(ev.data);
      if (e) for (const l of [...listeners]) l(e);
    };
  }

  return {
    kind: 'bridge',
    async call(channel, input, session) {
      const body = JSON.stringify(session === undefined ? { channel, input } : { channel, input, session });
      let res: Awaited<ReturnType<FetchLike>>;
      let text: string;
      try {
        res = await deps.fetch(`${deps.origin}/api/call`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${deps.token}` },
          body,
          credentials: 'omit',
          cache: 'no-store',
        });
        text = await res.text();
      } catch (e) {
        throw new TransportError('network', e instanceof Error ? e.message : String(e));
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new TransportError('bad-response', text.slice(0, 200), res.status);
      }
      // The bridge answers 200 with a Result, and 401/400/500 with a Result carrying the error.
      if (!isResult(parsed)) throw new TransportError('bad-response', text.slice(0, 200), res.status);
      return parsed;
    },
    subscribe(listener) {
      listeners.add(listener);
      openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** Key under which the browser-mode run token is kept for the life of the tab. */
export const RUN_TOKEN_KEY = 'owb.runToken';

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The parts of `window` transport selection looks at (injected, so tests need no DOM). */
export interface TransportEnv {
  owb?: unknown;
  location: { origin: string; pathname: string; search: string; hash: string };
  history?: { replaceState(data: unknown, unused: string, url?: string): void } | undefined;
  sessionStorage?: StorageLike | undefined;
  fetch?: FetchLike | undefined;
  EventSource?: EventSourceCtor | undefined;
}

/**
 * Takes the run token from the address (`#token=…`) once: keeps it in sessionStorage and
 * removes it from the address bar (and so from history). Later loads read sessionStorage.
 */
export function takeRunToken(env: TransportEnv): string | null {
  const m = /^#token=([A-Za-z0-9_-]+)(?:&|$)/.exec(env.location.hash);
  if (m?.[1]) {
    const token = m[1];
    try {
      env.sessionStorage?.setItem(RUN_TOKEN_KEY, token);
    } catch {
      // storage unavailable: the token still works for this page
    }
    env.history?.replaceState(null, '', `${env.location.pathname}${env.location.search}#/`);
    return token;
  }
  try {
    return env.sessionStorage?.getItem(RUN_TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

/**
 * Chooses the transport: the Electron preload when present, else the loopback bridge when a
 * run token is known. Null when neither (a browser opened without the printed address).
 */
export function selectTransport(env: TransportEnv): Transport | null {
  if (isOwb(env.owb)) return ipcTransport(env.owb);
  const token = takeRunToken(env);
  if (!token || !env.fetch) return null;
  return bridgeTransport({ origin: env.location.origin, token, fetch: env.fetch, EventSource: env.EventSource });
}

/** The browser's own environment. */
export function browserEnv(): TransportEnv {
  const w = window;
  return {
    owb: (w as unknown as Record<string, unknown>)[OWB_GLOBAL],
    location: w.location,
    history: w.history,
    sessionStorage: (() => {
      try {
        return w.sessionStorage;
      } catch {
        return undefined;
      }
    })(),
    fetch: w.fetch.bind(w),
    EventSource: typeof globalThis.EventSource === 'function' ? globalThis.EventSource : undefined,
  };
}
