import type React from 'react';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoreEvent } from '../../shared/contract';
import { useCoreEvents } from '../api';
import { navigate } from '../router';
import { isHashRoute } from '../../shared/hash-route';

type NotifyEvent = Extract<CoreEvent, { type: 'notify' }>;

/** The parts of the browser the notices use (injected in tests). */
export interface NoticeEnv {
  /** True in the desktop app: Electron's main process shows the OS notification itself. */
  desktop: boolean;
  /** The Web Notifications API when present. */
  WebNotification?: typeof Notification | undefined;
  focus(): void;
}

function browserNoticeEnv(): NoticeEnv {
  const w = window as Window & { owb?: unknown };
  return { desktop: w.owb !== undefined, WebNotification: typeof Notification === 'function' ? Notification : undefined, focus: () => window.focus() };
}

/**
 * Turns core `notify` events into notices in the browser face: warn/severe as a system
 * notification when the browser allows them (click → the pre-filled fault report), otherwise
 * as an in-app notification with a “填写故障报告” button; info (reminders) in-app only. In the
 * desktop app Electron's main shows warn/severe itself, so only info is shown here.
 */
export function CoreNotices({ env = browserNoticeEnv() }: { env?: NoticeEnv }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();

  useCoreEvents((e) => {
    if (e.type !== 'notify') return;
    const serious = e.level === 'warn' || e.level === 'severe';
    if (serious && env.desktop) return;
    const fault = isHashRoute(e.fault) ? e.fault : undefined;
    const target = fault ?? (isHashRoute(e.link) ? e.link : undefined);
    if (serious && env.WebNotification?.permission === 'granted') {
      try {
        const n = new env.WebNotification(e.title, { body: e.body, ...(target ? { tag: target } : {}) });
        n.onclick = () => {
          env.focus();
          if (target) navigate(target);
          n.close();
        };
        return;
      } catch {
        // some browsers only allow notifications from a service worker: fall back to in-app
      }
    }
    inApp(e, target, fault !== undefined);
  });

  function inApp(e: NotifyEvent, target: string | undefined, isFault: boolean): void {
    const key = `notice-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const open = target
      ? () => {
          notification.destroy(key);
          navigate(target);
        }
      : undefined;
    const show = e.level === 'severe' ? notification.error : e.level === 'warn' ? notification.warning : notification.info;
    show({
      key,
      title: e.title,
      description: <span style={{ whiteSpace: 'pre-line' }}>{e.body}</span>,
      // Not sticky: a pile of notices would cover the page (the dashboard and today's round keep
      // showing what is failing). Long enough to read and click.
      duration: e.level === 'info' ? 8 : 20,
      placement: 'bottomRight',
      props: { 'data-testid': `core-notice-${e.level}` } as React.HTMLAttributes<HTMLDivElement>,
      actions: open ? (
        <Button type={isFault ? 'primary' : 'default'} size="small" onClick={open} data-testid={isFault ? 'core-notice-fault' : 'core-notice-open'}>
          {isFault ? t('notice.openFault') : t('notice.open')}
        </Button>
      ) : undefined,
    });
  }

  return null;
}
