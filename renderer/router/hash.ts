/**
 * A tiny hash router: `#/dashboard`, `#/settings/backup`. Hash routes work the same from
 * http://127.0.0.1 (browser mode) and app://workbench (Electron) and need no server help.
 */
export const SECTIONS = ['dashboard', 'inspections', 'faults', 'workorders', 'attendance', 'assets', 'reports', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];
export const DEFAULT_SECTION: Section = 'dashboard';

export interface Route {
  /** The normalised path, e.g. `/settings/backup`. */
  path: string;
  /** The first segment when it names a section, else null (not found). */
  section: Section | null;
  /** The segments after the section. */
  params: string[];
}

export function isSection(s: string | undefined): s is Section {
  return s !== undefined && (SECTIONS as readonly string[]).includes(s);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Parses `location.hash`. An empty hash (or `#/`) is the default section. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '').replace(/[?].*$/, '');
  const segments = raw.split('/').filter((s) => s.length > 0).map(decode);
  if (segments.length === 0) return { path: `/${DEFAULT_SECTION}`, section: DEFAULT_SECTION, params: [] };
  const [first, ...params] = segments;
  return {
    path: `/${segments.join('/')}`,
    section: isSection(first) ? first : null,
    params,
  };
}

/** The href of a section (and optional sub-path segments), e.g. `#/settings/backup`. */
export function hrefOf(section: Section, ...params: string[]): string {
  return `#/${[section, ...params].map(encodeURIComponent).join('/')}`;
}

/** The parts of `window` the router needs (injected, so tests run without a DOM). */
export interface HashWindow {
  location: { hash: string };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

export interface HashRouter {
  current(): Route;
  subscribe(listener: () => void): () => void;
  navigate(href: string): void;
}

export function createHashRouter(win: HashWindow): HashRouter {
  let route = parseHash(win.location.hash);
  let lastHash = win.location.hash;
  const listeners = new Set<() => void>();
  const onChange = () => {
    if (win.location.hash === lastHash) return;
    lastHash = win.location.hash;
    route = parseHash(lastHash);
    for (const l of [...listeners]) l();
  };
  return {
    current: () => route,
    subscribe(listener) {
      if (listeners.size === 0) win.addEventListener('hashchange', onChange);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) win.removeEventListener('hashchange', onChange);
      };
    },
    navigate(href) {
      const next = href.startsWith('#') ? href : `#${href}`;
      if (win.location.hash !== next) win.location.hash = next;
      // hashchange fires asynchronously; update at once so the UI does not lag a frame.
      onChange();
    },
  };
}
