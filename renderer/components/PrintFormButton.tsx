import { useState } from 'react';
import { App, Button, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { invoke } from '../api';
import { authStore } from '../auth';
import { useLoad } from '../pages/faults/common';

/**
 * 打印 a paper form from the desktop app: the core renders it, main keeps the printed copy in the
 * data folder and sends it to the chosen printer. Absent in the browser (download and print there).
 */
export function PrintFormButton({ kind, params, testId }: { kind: string; params: Record<string, string>; testId?: string }) {
  const { t } = useTranslation();
  const host = typeof window !== 'undefined' ? window.owb : undefined;
  const [open, setOpen] = useState(false);
  if (!host) return null;
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid={testId}>
        {t('print.button')}
      </Button>
      {open ? <PrintFormModal kind={kind} params={params} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PrintFormModal({ kind, params, onClose }: { kind: string; params: Record<string, string>; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const host = window.owb;
  const project = useLoad(() => invoke('project/get', {}), []);
  const printers = useLoad(async () => (host ? host.printers() : []), [host]);
  const [copies, setCopies] = useState<number | null>(null);
  const [printer, setPrinter] = useState('');
  const [busy, setBusy] = useState(false);
  const n = copies ?? project.data?.settings.printCopies ?? 1;
  const print = async () => {
    const session = authStore.token();
    if (!host || !session) return;
    setBusy(true);
    try {
      const r = await host.printForm({ kind, params, copies: n, session, ...(printer ? { deviceName: printer } : {}) });
      if (r.ok) {
        void message.success(t('print.done', { copies: n, file: r.data.savedAs }));
        onClose();
      } else void message.error(r.error.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('print.title')} onCancel={onClose} onOk={() => void print()} okText={t('print.send')} confirmLoading={busy}>
      <Space wrap>
        <Typography.Text>{t('print.copies')}</Typography.Text>
        <InputNumber min={1} max={99} precision={0} value={n} onChange={(v) => setCopies(typeof v === 'number' ? v : null)} aria-label={t('print.copies')} />
        <Select
          style={{ minWidth: 220 }}
          aria-label={t('print.printer')}
          value={printer}
          onChange={setPrinter}
          options={[{ value: '', label: t('print.defaultPrinter') }, ...(printers.data ?? []).map((p) => ({ value: p.name, label: p.displayName }))]}
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('print.keepsCopy')}
      </Typography.Paragraph>
    </Modal>
  );
}
