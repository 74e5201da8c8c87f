import type { zhCN } from './zh-CN';

// Typed keys and interpolation parameters for t(): zh-CN is the reference catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    returnNull: false;
  }
}
