import { useSyncExternalStore } from 'react';
import { createHashRouter, type HashRouter, type Route } from './hash';

export { hrefOf, parseHash, SECTIONS, type Route, type Section } from './hash';

let router: HashRouter | null = null;

/** The app's router on `window` (created on first use, after the run token left the hash). */
export function appRouter(): HashRouter {
  router ??= createHashRouter(window);
  return router;
}

export function useRoute(): Route {
  const r = appRouter();
  return useSyncExternalStore(r.subscribe, r.current, r.current);
}

export function navigate(href: string): void {
  appRouter().navigate(href);
}
