import type { HostKeyStore } from './types';

/** An in-memory HostKeyStore (tests, one-off runs). The app keeps pins in its database. */
export function memoryHostKeyStore(initial: Record<string, string> = {}): HostKeyStore & { entries(): Record<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    get: (hp) => map.get(hp),
    pin: (hp, fp) => {
      map.set(hp, fp);
    },
    entries: () => Object.fromEntries(map),
  };
}
