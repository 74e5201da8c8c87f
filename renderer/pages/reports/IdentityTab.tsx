import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBizDateTime } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { fileToBase64, useLoad } from '../faults/common';
import { FilePick } from './FilePick';

/** The workstation signing identity: fingerprints to hand to Party A, and the .p12 import (admin). */
export function IdentityTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const isAdmin = !!session?.user.roles.includes('admin');
  const id = useLoad(() => invoke('packs/identity', {}), []);
  const [file, setFile] = useState<File | null>(null);
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const importP12 = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      id.setData(await invoke('packs/identity-import', { p12Base64: await fileToBase64(file), passphrase: pass }));
      setPass('');
      void message.success(t('reports.identity.imported'));
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const d = id.data;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 900 }}>
      <Typography.Paragraph type="secondary">{t('reports.identity.intro')}</Typography.Paragraph>
      {id.error ? <Alert type="error" showIcon title={t('reports.loadFailed', { detail: id.error })} /> : null}
      {!d ? id.error ? null : <Spin /> : (
        <Descriptions size="small" column={1} bordered data-testid="identity">
          <Descriptions.Item label={t('reports.identity.ed25519')}>
            <Typography.Text code copyable>
              {d.fingerprints.ed25519}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.identity.sm2')}>
            <Typography.Text code copyable>
              {d.fingerprints.sm2}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.identity.certificate')}>
            <Typography.Text code copyable>
              {d.fingerprints.certificate}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.identity.subject')}>
            {d.certificate.subject} <Tag>{d.certificate.selfIssued ? t('reports.identity.selfIssued') : t('reports.identity.caIssued')}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.identity.issuer')}>{d.certificate.issuer}</Descriptions.Item>
          <Descriptions.Item label={t('reports.identity.validity')}>
            {formatBizDateTime(d.certificate.notBefore)} — {formatBizDateTime(d.certificate.notAfter)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {isAdmin ? (
        <Card size="small" title={t('reports.identity.import')}>
          <Typography.Paragraph type="secondary">{t('reports.identity.importHint')}</Typography.Paragraph>
          <FormError message={error} />
          <Flex vertical gap={8}>
            <FilePick label={t('reports.identity.file')} accept=".p12,.pfx,application/x-pkcs12" file={file} onFile={setFile} testId="identity-file" />
            <Input.Password placeholder={t('reports.identity.passphrase')} aria-label={t('reports.identity.passphrase')} value={pass} onChange={(e) => setPass(e.target.value)} style={{ maxWidth: 320 }} />
            <div>
              <Button type="primary" disabled={!file} loading={busy} onClick={() => void importP12()} data-testid="identity-import">
                {t('reports.identity.import')}
              </Button>
            </div>
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
