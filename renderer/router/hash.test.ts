import { describe, expect, it } from 'vitest';
import { createHashRouter, hrefOf, parseHash, SECTIONS, type HashWindow } from './hash';

function fakeWindow(initial: string) {
  const listeners = new Set<() => void>();
  const win: HashWindow & { fire(): void; listeners: Set<() => void> } = {
    location: { hash: initial },
    addEventListener: (_t, l) => void listeners.add(l),
    removeEventListener: (_t, l) => void listeners.delete(l),
    fire: () => listeners.forEach((l) => l()),
    listeners,
  };
  return win;
}

describe('parseHash', () => {
  it('maps every section', () => {
    for (const s of SECTIONS) expect(parseHash(`#/${s}`)).toEqual({ path: `/${s}`, section: s, params: [] });
  });

  it('defaults to the dashboard for an empty hash', () => {
    expect(parseHash('').section).toBe('dashboard');
    expect(parseHash('#').section).toBe('dashboard');
    expect(parseHash('#/').section).toBe('dashboard');
  });

  it('keeps sub-path segments as params, decoded', () => {
    expect(parseHash('#/settings/backup')).toEqual({ path: '/settings/backup', section: 'settings', params: ['backup'] });
    expect(parseHash('#/faults/GZ-2024%2F01')).toEqual({ path: '/faults/GZ-2024/01', section: 'faults', params: ['GZ-2024/01'] });
    expect(parseHash('#//assets//x/')).toMatchObject({ section: 'assets', params: ['x'] });
  });

  it('ignores a query part', () => {
    expect(parseHash('#/assets?q=1')).toMatchObject({ section: 'assets', params: [] });
  });

  it('returns section null for unknown paths', () => {
    expect(parseHash('#/nope')).toEqual({ path: '/nope', section: null, params: [] });
    expect(parseHash('#token=abc').section).toBeNull();
    expect(parseHash('#/%E0%A4%A').section).toBeNull();
  });

  it('builds hrefs that parse back', () => {
    expect(hrefOf('settings', 'backup')).toBe('#/settings/backup');
    expect(parseHash(hrefOf('faults', 'a/b'))).toMatchObject({ section: 'faults', params: ['a/b'] });
  });
});

describe('createHashRouter', () => {
  it('follows hashchange and notifies subscribers once per change', () => {
    const win = fakeWindow('#/dashboard');
    const r = createHashRouter(win);
    let calls = 0;
    const off = r.subscribe(() => calls++);
    win.location.hash = '#/faults';
    win.fire();
    win.fire();
    expect(r.current().section).toBe('faults');
    expect(calls).toBe(1);
    off();
    expect(win.listeners.size).toBe(0);
  });

  it('navigate sets the hash and updates at once', () => {
    const win = fakeWindow('');
    const r = createHashRouter(win);
    const seen: string[] = [];
    r.subscribe(() => seen.push(r.current().path));
    r.navigate('#/settings/backup');
    expect(win.location.hash).toBe('#/settings/backup');
    expect(r.current()).toMatchObject({ section: 'settings', params: ['backup'] });
    r.navigate('/assets');
    expect(win.location.hash).toBe('#/assets');
    win.fire(); // the browser's own hashchange afterwards changes nothing
    expect(seen).toEqual(['/settings/backup', '/assets']);
  });

  it('keeps the same route object while nothing changes (for useSyncExternalStore)', () => {
    const r = createHashRouter(fakeWindow('#/reports'));
    expect(r.current()).toBe(r.current());
  });
});
