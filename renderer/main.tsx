import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n, i18next } from './i18n';
import { AppProviders } from './app/AppProviders';
import { Root } from './app/Root';
import './styles.css';

initI18n('zh-CN');
document.documentElement.lang = 'zh-CN';
document.title = i18next.t('app.name');

const el = document.getElementById('root');
if (el) {
  createRoot(el).render(
    <StrictMode>
      <AppProviders>
        <Root />
      </AppProviders>
    </StrictMode>,
  );
}
