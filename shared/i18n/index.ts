import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };
const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

let current: Locale = 'zh-CN';
export function setLocale(l: Locale): void {
  current = l;
}

/** Formats a core message: `{name}` placeholders replaced from params. */
export function t(key: MessageKey, params: Record<string, string | number> = {}, locale: Locale = current): string {
  const tpl = catalogs[locale][key] ?? zhCN[key];
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}
