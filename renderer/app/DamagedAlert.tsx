import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { hrefOf, navigate } from '../router';

/** Shown while the core reports the database file damaged: the way out is a restore. */
export function DamagedAlert({ showAction = true }: { showAction?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      banner={false}
      className="owb-damaged"
      data-testid="db-damaged"
      title={t('damaged.title')}
      description={t('damaged.body')}
      action={
        showAction ? (
          <Button danger type="primary" onClick={() => navigate(hrefOf('settings', 'backup'))}>
            {t('damaged.action')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
