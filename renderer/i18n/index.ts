import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { zhCN } from './zh-CN';
import { en } from './en';

export const LOCALES = ['zh-CN', 'en'] as const;
export type UiLocale = (typeof LOCALES)[number];

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

dayjs.extend(relativeTime);

/** Maps the UI locale to dayjs' locale name. */
export function dayjsLocale(locale: UiLocale): string {
  return locale === 'zh-CN' ? 'zh-cn' : 'en';
}

/**
 * Initialises i18next synchronously with the bundled catalogues (zh-CN first, en second) and
 * sets dayjs to the same language. Safe to call more than once.
 */
export function initI18n(locale: UiLocale = 'zh-CN'): I18n {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: locale,
      fallbackLng: 'zh-CN',
      supportedLngs: [...LOCALES],
      defaultNS: 'translation',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  } else if (i18next.language !== locale) {
    void i18next.changeLanguage(locale);
  }
  dayjs.locale(dayjsLocale(locale));
  return i18next;
}

export { i18next };
