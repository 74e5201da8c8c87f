import { useRef, useState } from 'react';
import { Alert, Button, Descriptions, Flex, Input, Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../shared/contract/packs';
import { formatBizDateTime } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { FormError } from '../../components/FormError';
import { uploadFile } from '../../api/upload';
import { FilePick } from './FilePick';

/** A pack received from others: pick its .zip, the core checks it as `owb verify` does. */
export function VerifyTab() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [expected, setExpected] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    setSent(0);
    const ac = new AbortController();
    abort.current = ac;
    try {
      const fps = expected
        .split(/\s+/)
        .map((s) => s.trim())
        .filter((s) => s.length >= 16);
      const uploadId = await uploadFile(file, (n) => setSent(n), ac.signal);
      setSent(null);
      setReport(await invoke('packs/verify-upload', { uploadId, ...(fps.length ? { trusted: { ed25519: fps, sm2: fps } } : {}) }));
    } catch (e) {
      if (!ac.signal.aborted) setError(toClientError(e).message);
    } finally {
      setBusy(false);
      setSent(null);
      abort.current = null;
    }
  };
  return (
    <Flex vertical gap={12} style={{ maxWidth: 900 }}>
      <Typography.Paragraph type="secondary">{t('reports.verify.intro')}</Typography.Paragraph>
      <FilePick label={t('reports.verify.pick')} accept=".zip,application/zip" file={file} onFile={setFile} testId="verify-file" />
      <Input.TextArea rows={2} placeholder={t('reports.verify.expected')} aria-label={t('reports.verify.expected')} value={expected} onChange={(e) => setExpected(e.target.value)} />
      <div>
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void run()} data-testid="verify-run">
          {busy ? t('reports.verify.running') : t('reports.verify.run')}
        </Button>
        {sent !== null && file ? (
          <Button style={{ marginLeft: 8 }} onClick={() => abort.current?.abort()} data-testid="verify-cancel">
            {t('reports.verify.cancel')}
          </Button>
        ) : null}
      </div>
      {sent !== null && file ? (
        <Flex vertical data-testid="verify-upload-progress">
          <Typography.Text type="secondary">{t('reports.verify.uploading', { sent: (sent / 1048576).toFixed(1), total: (file.size / 1048576).toFixed(1) })}</Typography.Text>
          <Progress percent={Math.floor((sent / file.size) * 100)} size="small" />
        </Flex>
      ) : null}
      <FormError message={error} />
      {report ? <VerifyResultView r={report} /> : null}
    </Flex>
  );
}

export function VerifyResultView({ r }: { r: VerifyReport }) {
  const { t } = useTranslation();
  const m = r.manifest;
  return (
    <Flex vertical gap={8} data-testid="verify-result">
      <Alert type={r.ok ? 'success' : 'error'} showIcon title={r.ok ? t('reports.verify.ok') : t('reports.verify.bad', { count: r.problems.length })} />
      {m ? (
        <Typography.Text>
          {t('reports.verify.packInfo', { project: m.project, kind: m.kind === 'monthly' ? '月度' : '年度', period: m.period, files: m.files, at: formatBizDateTime(m.createdAt) })}
        </Typography.Text>
      ) : null}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('reports.verify.signer')}>
          <Flex vertical>
            <span>{r.signer.certificateSubject ?? '—'}</span>
            <Typography.Text code copyable style={{ fontSize: 12 }}>
              Ed25519 {r.signer.fingerprints.ed25519 ?? '—'}
            </Typography.Text>
            <Typography.Text code copyable style={{ fontSize: 12 }}>
              SM2 {r.signer.fingerprints.sm2 ?? '—'}
            </Typography.Text>
            <span>
              {r.signer.thisWorkstation ? <Tag color="blue">{t('reports.verify.thisWorkstation')}</Tag> : null}
              {r.signer.trusted === true ? <Tag color="green">{t('reports.verify.trusted')}</Tag> : null}
              {r.signer.trusted === false ? <Tag color="red">{t('reports.verify.untrusted')}</Tag> : null}
            </span>
          </Flex>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">{t('reports.verify.pdfs', { n: r.checked.pdfSignatures })}</Typography.Text>
      {r.problems.length ? (
        <Table
          size="small"
          rowKey={(p) => `${p.kind}:${p.path ?? ''}:${p.message}`}
          pagination={false}
          dataSource={r.problems}
          columns={[
            { title: t('reports.verify.file'), dataIndex: 'path', render: (v: string | undefined) => v ?? '—' },
            { title: t('reports.verify.problem'), dataIndex: 'message' },
          ]}
        />
      ) : null}
      {r.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} />
      ))}
    </Flex>
  );
}
