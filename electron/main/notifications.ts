/**
 * Desktop notifications: a core `notify` event of level warn/severe (a probe or an inspection
 * item got worse, a run is late, a severe result waits for the manager) becomes an OS
 * notification at once. Clicking it brings the main window to the front and opens the
 * pre-filled fault report for that result (or, without one, the event's own link).
 * The rules are pure and tested with a fake `electron`; the wiring is a few lines.
 */
import { Notification } from 'electron';
import type { CoreEvent } from '../../shared/contract';
import { isHashRoute } from '../../shared/hash-route';
import { t } from '../../shared/i18n';
import type { Core } from '../core/api';


/** Longest body shown; the OS truncates anyway, and Windows toasts are short. */
const MAX_BODY = 600;

/** The only links a notification follows (shared with the browser face's notices). */
export const isSafeHashRoute = (target: string): boolean => isHashRoute(target);

export interface DesktopNotice {
  title: string;
  body: string;
  /** The hash route opened on click, or null when there is nowhere to go. */
  target: string | null;
}

/** What the OS shows for a core event; null for anything but a warn/severe notify. */
export function noticeFor(e: CoreEvent): DesktopNotice | null {
  if (e.type !== 'notify' || (e.level !== 'warn' && e.level !== 'severe')) return null;
  const target = [e.fault, e.link].find((x): x is string => typeof x === 'string' && isSafeHashRoute(x)) ?? null;
  const isFault = target !== null && target === e.fault;
  const hint = target === null ? '' : isFault ? t('desktop.notice.clickToReport') : t('desktop.notice.clickToOpen');
  const body = e.body.length > MAX_BODY ? `${e.body.slice(0, MAX_BODY - 1)}…` : e.body;
  return { title: e.title, body: hint ? (body ? `${body}\n${hint}` : hint) : body, target };
}

/** The parts of a BrowserWindow the click uses. */
export interface WindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  webContents: { executeJavaScript(code: string): Promise<unknown> };
}

/** Brings the window to the front and moves its renderer to `target` (a same-page hash change, no reload). */
export function openTarget(win: WindowLike, target: string | null): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  if (target === null || !isSafeHashRoute(target)) return;
  win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(target)};`).catch((err: unknown) => {
    console.error('[notify] cannot open', target, err);
  });
}

export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface DesktopNotifyDeps {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
  /** The main window (created again if it was closed); null when there is none. */
  window(): WindowLike | null;
}

/** Electron's own Notification. */
export const electronNotifications: Pick<DesktopNotifyDeps, 'isSupported' | 'create'> = {
  isSupported: () => Notification.isSupported(),
  create: (options) => new Notification(options),
};

/**
 * Shows a notification for each warn/severe notify event of the core; returns the unsubscribe.
 * Shown notifications are kept referenced until clicked or closed, or a click may be lost to GC.
 */
export function bindDesktopNotifications(core: Pick<Core, 'onEvent'>, deps: DesktopNotifyDeps): () => void {
  const live = new Set<NotificationLike>();
  const off = core.onEvent((e) => {
    const notice = noticeFor(e);
    if (!notice || !deps.isSupported()) return;
    let n: NotificationLike;
    try {
      n = deps.create({ title: notice.title, body: notice.body });
    } catch (err) {
      console.error('[notify] cannot create a notification:', err);
      return;
    }
    live.add(n);
    n.on('close', () => live.delete(n));
    n.on('click', () => {
      live.delete(n);
      const win = deps.window();
      if (win) openTarget(win, notice.target);
    });
    n.show();
  });
  return () => {
    off();
    live.clear();
  };
}
