import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, invoke } from '../api';
import { toClientError } from '../api/errors';
import { useAuth } from '../auth';
import { LoginPage } from '../pages/login/LoginPage';
import { SetupAdminPage } from '../pages/setup/SetupAdminPage';
import { AppInfoContext, type AppInfo, type AppInfoValue } from './appInfo';
import { Shell } from './Shell';

type Boot = { state: 'loading' } | { state: 'ready'; info: AppInfo } | { state: 'failed'; message: string };

/** Boot: find the core, read app/info, then setup → login → the shell. */
export function Root() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  const reload = useCallback(async () => {
    try {
      const info = await invoke('app/info', {});
      setBoot({ state: 'ready', info });
    } catch (e) {
      setBoot((b) => (b.state === 'ready' ? b : { state: 'failed', message: toClientError(e).message }));
    }
  }, []);

  useEffect(() => {
    if (client.available) void reload();
  }, [reload]);

  // The lock and sign-in screens also refresh what the core says (db state, setup done).
  const signedIn = auth.session !== null;
  useEffect(() => {
    if (client.available && boot.state === 'ready') void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when signing in or out
  }, [signedIn]);

  const ctx = useMemo<AppInfoValue | null>(() => (boot.state === 'ready' ? { info: boot.info, reload } : null), [boot, reload]);

  if (!client.available) {
    return (
      <div data-testid="boot-failed">
        <Result status="warning" title={t('app.bootFailed')} subTitle={t('app.noTransport')} />
      </div>
    );
  }
  if (boot.state === 'loading') {
    return (
      <div className="owb-center" aria-busy="true">
        <Spin size="large" description={t('app.loading')} />
      </div>
    );
  }
  if (boot.state === 'failed' || !ctx) {
    const message = boot.state === 'failed' ? boot.message : '';
    const retry = () => {
      setBoot({ state: 'loading' });
      void reload();
    };
    return (
      <div data-testid="boot-failed">
        <Result
          status="error"
          title={t('app.bootFailed')}
          subTitle={message}
          extra={
            <Button type="primary" onClick={retry}>
              {t('app.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  return (
    <AppInfoContext.Provider value={ctx}>
      {auth.session ? <Shell /> : ctx.info.needsSetup ? <SetupAdminPage /> : <LoginPage />}
    </AppInfoContext.Provider>
  );
}
