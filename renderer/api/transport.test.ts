import { describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { bridgeTransport, RUN_TOKEN_KEY, selectTransport, takeRunToken, TransportError, type OwbLike, type TransportEnv } from './transport';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
}

interface FakeResponse {
  status: number;
  text(): Promise<string>;
}

function response(status: number, body: string): FakeResponse {
  return { status, text: async () => body };
}

function env(over: Partial<TransportEnv> & { hash?: string } = {}): TransportEnv & { replaced: string[]; storage: MemoryStorage } {
  const replaced: string[] = [];
  const storage = new MemoryStorage();
  return {
    location: { origin: 'http://127.0.0.1:4000', pathname: '/', search: '', hash: over.hash ?? '' },
    history: { replaceState: (_d, _u, url) => void replaced.push(String(url)) },
    sessionStorage: storage,
    fetch: async () => response(200, '{"ok":true,"data":1}'),
    ...over,
    replaced,
    storage,
  };
}

const owb: OwbLike = {
  invoke: async () => ({ ok: true, data: 'ipc' }),
  onEvent: () => () => undefined,
  printers: async () => [],
  printPack: async () => ({ ok: true, data: { printed: 0, failures: [] } }),
  printForm: async () => ({ ok: true, data: { savedAs: '' } }),
};

describe('transport selection', () => {
  it('prefers the Electron preload when window.owb is there', () => {
    const t = selectTransport(env({ owb, hash: '#token=abc' }));
    expect(t?.kind).toBe('ipc');
  });

  it('ignores a window.owb that is not the preload API', () => {
    const t = selectTransport(env({ owb: { invoke: 'nope' }, hash: '#token=abc' }));
    expect(t?.kind).toBe('bridge');
  });

  it('uses the bridge with the run token from the fragment, keeps it, and clears the address bar', () => {
    const e = env({ hash: '#token=Tok_en-123' });
    const t = selectTransport(e);
    expect(t?.kind).toBe('bridge');
    expect(e.storage.getItem(RUN_TOKEN_KEY)).toBe('Tok_en-123');
    expect(e.replaced).toEqual(['/#/']);
  });

  it('reads the token from sessionStorage on a reload', () => {
    const e = env({ hash: '#/faults' });
    e.storage.setItem(RUN_TOKEN_KEY, 'kept');
    expect(takeRunToken(e)).toBe('kept');
    expect(e.replaced).toEqual([]);
  });

  it('has no transport without preload or token', () => {
    expect(selectTransport(env({ hash: '#/dashboard' }))).toBeNull();
  });
});

describe('bridge transport', () => {
  it('posts the envelope with the bearer token and the session', async () => {
    const fetch = vi.fn(async () => response(200, JSON.stringify({ ok: true, data: { x: 1 } })));
    const t = bridgeTransport({ origin: 'http://127.0.0.1:4000', token: 'T', fetch });
    const r = await t.call('app/info', {}, 'S');
    expect(r).toEqual({ ok: true, data: { x: 1 } });
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:4000/api/call', expect.objectContaining({ method: 'POST', credentials: 'omit' }));
    const init = (fetch.mock.calls[0] as unknown as [string, { headers: Record<string, string>; body: string }])[1];
    expect(init.headers.Authorization).toBe('Bearer T');
    expect(JSON.parse(init.body)).toEqual({ channel: 'app/info', input: {}, session: 'S' });
  });

  it('returns the Result the bridge sends with a 401', async () => {
    const body: Result<never> = { ok: false, error: { code: 'UNAUTHENTICATED', message: '浏览器模式的访问令牌无效' } };
    const t = bridgeTransport({ origin: 'http://h', token: 'bad', fetch: async () => response(401, JSON.stringify(body)) });
    expect(await t.call('app/info', {}, undefined)).toEqual(body);
  });

  it('throws TransportError on a network failure and on an unreadable answer', async () => {
    const down = bridgeTransport({ origin: 'http://h', token: 'T', fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(down.call('app/info', {}, undefined)).rejects.toMatchObject({ name: 'TransportError', reason: 'network' });
    const html = bridgeTransport({ origin: 'http://h', token: 'T', fetch: async () => response(404, 'Not found') });
    await expect(html.call('app/info', {}, undefined)).rejects.toBeInstanceOf(TransportError);
    await expect(html.call('app/info', {}, undefined)).rejects.toMatchObject({ reason: 'bad-response', status: 404 });
  });

  it('opens one event stream for all subscribers and closes it after the last', () => {
    const opened: FakeSource[] = [];
    class FakeSource {
      onmessage: ((ev: MessageEvent) => void) | null = null;
      closed = false;
      constructor(readonly url: string) {
        opened.push(this);
      }
      close() {
        this.closed = true;
      }
    }
    const t = bridgeTransport({ origin: 'http://h', token: 'a b', fetch: async () => response(200, '{}'), EventSource: FakeSource });
    const got: CoreEvent[] = [];
    const off1 = t.subscribe((e) => got.push(e));
    const off2 = t.subscribe(() => undefined);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.url).toBe('http://h/api/events?token=a%20b');
    const ev: CoreEvent = { type: 'notify', level: 'info', title: '标题', body: '内容' };
    opened[0]?.onmessage?.(new MessageEvent('message', { data: JSON.stringify(ev) }));
    opened[0]?.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    expect(got).toEqual([ev]);
    off1();
    expect(opened[0]?.closed).toBe(false);
    off2();
    expect(opened[0]?.closed).toBe(true);
  });
});
