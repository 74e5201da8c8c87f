import { useState } from 'react';
import { App } from 'antd';
import { toClientError } from '../api/errors';

/**
 * Runs an action under a key (a button shows `loading` while `busy` is its key); a failure is
 * shown as an error message with the core's text. `setBusy` is there for actions that report
 * their errors elsewhere (in a dialog).
 */
export function useBusyAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (key: string, fn: () => Promise<void>): Promise<void> => {
    setBusy(key);
    try {
      await fn();
    } catch (e) {
      void message.error(toClientError(e).message);
    } finally {
      setBusy(null);
    }
  };
  return { busy, setBusy, act };
}
