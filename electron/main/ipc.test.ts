import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import type { CallEnvelope, CoreEvent } from '../../shared/contract';
import type { Result } from '../../shared/errors';

vi.mock('electron', () => ({}));

const { bindIpc, createInvokeHandler, forwardEvents, isTrustedSender, parseEnvelope } = await import('./ipc');
const { IPC_EVENT, IPC_INVOKE } = await import('../../shared/bridge-api');

/** A fake core: records calls, answers ok, emits events on demand. */
function fakeCore() {
  const calls: Array<{ env: CallEnvelope; face: string }> = [];
  const listeners = new Set<(e: CoreEvent) => void>();
  return {
    calls,
    emit: (e: CoreEvent) => listeners.forEach((l) => l(e)),
    listenerCount: () => listeners.size,
    call: vi.fn(async (env: CallEnvelope, face: 'ipc' | 'bridge' | 'cli'): Promise<Result<unknown>> => {
      calls.push({ env, face });
      return { ok: true, data: { echoed: env.channel } };
    }),
    onEvent: (l: (e: CoreEvent) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
}

const mainFrame = { url: 'app://workbench/index.html#/faults', origin: 'app://workbench', parent: null };
const good = { channel: 'app/info', input: {} };

describe('sender check', () => {
  it('accepts the main frame of our page', () => {
    expect(isTrustedSender(mainFrame)).toBe(true);
    expect(isTrustedSender({ url: 'app://workbench/', parent: null })).toBe(true);
  });

  it.each([
    ['a subframe', { ...mainFrame, parent: { url: 'app://workbench/index.html' } }],
    ['a foreign origin', { url: 'https://evil.example/', origin: 'https://evil.example', parent: null }],
    ['a look-alike host', { url: 'app://workbench.evil/index.html', origin: 'app://workbench.evil', parent: null }],
    ['credentials trick', { url: 'app://workbench@evil/index.html', origin: 'app://evil', parent: null }],
    ['a file page', { url: 'file:///tmp/x.html', origin: 'file://', parent: null }],
    ['a data page', { url: 'data:text/html,hi', origin: 'null', parent: null }],
    ['an opaque origin on our URL', { url: 'app://workbench/index.html', origin: 'null', parent: null }],
    ['no frame', null],
  ])('rejects %s', (_name, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });

  it('rejects a frame that throws on access (disposed)', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    expect(isTrustedSender(disposed)).toBe(false);
  });
});

describe('envelope shape', () => {
  it.each([
    ['null', null],
    ['a string', 'app/info'],
    ['an array', ['app/info', {}]],
    ['no channel', { input: {} }],
    ['an empty channel', { channel: '', input: {} }],
    ['a numeric channel', { channel: 42, input: {} }],
    ['a huge channel', { channel: 'x'.repeat(500), input: {} }],
    ['a numeric session', { channel: 'app/info', input: {}, session: 7 }],
    ['an extra key', { channel: 'app/info', input: {}, face: 'cli' }],
    ['a class instance', new (class Env { channel = 'app/info'; input = {}; })()],
  ])('rejects %s', (_name, raw) => {
    expect(parseEnvelope(raw)).toBeNull();
  });

  it('keeps channel, input and session', () => {
    expect(parseEnvelope({ channel: 'faults/list', input: { page: 1 }, session: 'tok' })).toEqual({ channel: 'faults/list', input: { page: 1 }, session: 'tok' });
    expect(parseEnvelope({ channel: 'app/info' })).toEqual({ channel: 'app/info', input: undefined });
  });
});

describe('owb:invoke handler', () => {
  it('passes a good call from our main frame to the core as face "ipc"', async () => {
    const core = fakeCore();
    const handler = createInvokeHandler(core);
    const res = await handler({ senderFrame: mainFrame as never }, { ...good, session: 's1' });
    expect(res).toEqual({ ok: true, data: { echoed: 'app/info' } });
    expect(core.calls).toEqual([{ env: { channel: 'app/info', input: {}, session: 's1' }, face: 'ipc' }]);
  });

  it('rejects a subframe sender without calling the core', async () => {
    const core = fakeCore();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await createInvokeHandler(core)({ senderFrame: { ...mainFrame, parent: {} } as never }, good);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
    expect(core.call).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('rejects a foreign-origin sender without calling the core', async () => {
    const core = fakeCore();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await createInvokeHandler(core)({ senderFrame: { url: 'https://evil.example/', origin: 'https://evil.example', parent: null } as never }, good);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
    expect(core.call).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('rejects a malformed envelope without calling the core', async () => {
    const core = fakeCore();
    const handler = createInvokeHandler(core);
    for (const raw of [undefined, 'app/info', { channel: 1 }, { channel: 'app/info', input: {}, extra: true }]) {
      const res = await handler({ senderFrame: mainFrame as never }, raw);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('VALIDATION');
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('turns a throwing core into an INTERNAL result', async () => {
    const core = { call: vi.fn(async () => Promise.reject(new Error('boom'))), onEvent: () => () => {} };
    const res = await createInvokeHandler(core)({ senderFrame: mainFrame as never }, good);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatchObject({ code: 'INTERNAL' });
  });
});

function fakeContents(url: string, destroyed = false) {
  return { isDestroyed: () => destroyed, getURL: () => url, send: vi.fn() };
}

describe('events', () => {
  it('go to our windows only', () => {
    const core = fakeCore();
    const ours = fakeContents('app://workbench/index.html');
    const printWin = fakeContents('file:///tmp/form.pdf');
    const foreign = fakeContents('https://evil.example/');
    const gone = fakeContents('app://workbench/index.html', true);
    const off = forwardEvents(core, () => [ours, printWin, foreign, gone] as unknown as WebContents[]);
    const e: CoreEvent = { type: 'progress', jobId: 'j1', done: 1, total: 2 };
    core.emit(e);
    expect(ours.send).toHaveBeenCalledWith(IPC_EVENT, e);
    expect(printWin.send).not.toHaveBeenCalled();
    expect(foreign.send).not.toHaveBeenCalled();
    expect(gone.send).not.toHaveBeenCalled();
    off();
    expect(core.listenerCount()).toBe(0);
  });
});

describe('bindIpc', () => {
  it('registers exactly one handler, owb:invoke, and undoes it', async () => {
    const core = fakeCore();
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: vi.fn((ch: string, fn: (...args: unknown[]) => unknown) => void handlers.set(ch, fn)),
      removeHandler: vi.fn((ch: string) => void handlers.delete(ch)),
    };
    const unbind = bindIpc(ipcMain as never, core, () => []);
    expect([...handlers.keys()]).toEqual([IPC_INVOKE]);
    expect(IPC_INVOKE).toBe('owb:invoke');
    const res = await handlers.get(IPC_INVOKE)?.({ senderFrame: mainFrame }, good);
    expect(res).toEqual({ ok: true, data: { echoed: 'app/info' } });
    unbind();
    expect(handlers.size).toBe(0);
    expect(core.listenerCount()).toBe(0);
  });
});
