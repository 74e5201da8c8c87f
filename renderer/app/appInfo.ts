import { createContext, useContext } from 'react';
import type { Output } from '../../shared/contract';

export type AppInfo = Output<'app/info'>;

export interface AppInfoValue {
  info: AppInfo;
  /** Asks the core again (after setup, a restore…). */
  reload(): Promise<void>;
}

export const AppInfoContext = createContext<AppInfoValue | null>(null);

export function useAppInfo(): AppInfoValue {
  const v = useContext(AppInfoContext);
  if (!v) throw new Error('useAppInfo outside AppInfoContext');
  return v;
}
