import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tabs, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import type { Asset, AssetFields } from '../../../shared/contract/assets';
import type { Issue } from '../../../shared/errors';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { PageFrame } from '../../components/PageFrame';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';
import { hrefOf, navigate } from '../../router';
import type { SectionPageProps } from '../types';
import { downloadFile, fileToBase64, fmtAt, useLoad } from '../faults/common';
import { LevelTag, SweepControl, useCanWrite } from '../inspections/common';
import { AssetDetail } from './AssetDetail';
import { CredentialsTab } from './CredentialsTab';
import { HostKeysTab } from './HostKeysTab';

/** 资产: `#/assets` (list, credentials, host keys), `#/assets/<id>` (one asset: checks, history, trend). */
export function AssetsPage({ params }: SectionPageProps) {
  const [first] = params;
  if (first && first !== 'credentials' && first !== 'host-keys') return <AssetDetail key={first} id={first} />;
  return <AssetsHome tab={first ?? 'list'} />;
}

function AssetsHome({ tab }: { tab: string }) {
  const { t } = useTranslation();
  return (
    <PageFrame title={t('assets.title')} testId="page-assets">
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'list' ? hrefOf('assets') : hrefOf('assets', k))}
        items={[
          { key: 'list', label: t('assets.tabs.list'), children: <AssetList /> },
          { key: 'credentials', label: t('assets.tabs.credentials'), children: <CredentialsTab /> },
          { key: 'host-keys', label: t('assets.tabs.hostKeys'), children: <HostKeysTab /> },
        ]}
      />
    </PageFrame>
  );
}

type Row = Asset & { group: string };

function AssetList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { canWrite } = useCanWrite();
  const [search, setSearch] = useState('');
  const list = useLoad(() => invoke('assets/list', search ? { search } : {}), [search]);
  const [editing, setEditing] = useState<Asset | 'new' | null>(null);
  const [importErrors, setImportErrors] = useState<{ message: string; issues: Issue[] } | null>(null);
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Grouped by node in the order the nodes first appear (the forms' order).
  const rows = useMemo<Row[]>(() => {
    const data = list.data ?? [];
    const order: string[] = [];
    for (const a of data) if (!order.includes(a.nodeGroup)) order.push(a.nodeGroup);
    return order.flatMap((g) => data.filter((a) => a.nodeGroup === g).map((a) => ({ ...a, group: g })));
  }, [list.data]);

  const doExport = async () => {
    setBusy('export');
    try {
      downloadFile(await invoke('assets/export', {}));
    } catch (e) {
      void message.error(toClientError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const doImport = async (file: File) => {
    setBusy('import');
    setImportErrors(null);
    try {
      const r = await invoke('assets/import', { dataBase64: await fileToBase64(file) });
      void message.success(t('assets.importOk', r));
      list.reload();
    } catch (e) {
      const err = toClientError(e);
      setImportErrors({ message: err.message, issues: err.issues });
    } finally {
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const remove = async (a: Asset) => {
    try {
      await invoke('assets/delete', { id: a.id });
      void message.success(t('assets.deleted'));
      list.reload();
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Input.Search allowClear placeholder={t('assets.search')} style={{ maxWidth: 320 }} onSearch={(v) => setSearch(v.trim())} data-testid="assets-search" />
        <Space wrap>
          {canWrite ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="asset-add">
                {t('assets.add')}
              </Button>
              <Button icon={<UploadOutlined />} loading={busy === 'import'} onClick={() => fileInput.current?.click()} data-testid="asset-import">
                {t('assets.import')}
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                style={{ display: 'none' }}
                data-testid="asset-import-file"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void doImport(f);
                }}
              />
            </>
          ) : null}
          <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void doExport()} data-testid="asset-export">
            {t('assets.export')}
          </Button>
          {canWrite ? <SweepControl onDone={list.reload} /> : null}
        </Space>
      </Flex>
      {importErrors ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setImportErrors(null) }}
          title={t('assets.importFailed')}
          data-testid="import-errors"
          description={
            <div>
              <div>{importErrors.message}</div>
              {importErrors.issues.length ? (
                <ul style={{ margin: '8px 0 0', paddingInlineStart: 18, maxHeight: 240, overflow: 'auto' }}>
                  {importErrors.issues.map((i, k) => (
                    <li key={k}>
                      {i.path}：{i.message}
                    </li>
                  ))}
                </ul>
              ) : null}
              <Typography.Text type="secondary">{t('assets.importHint')}</Typography.Text>
            </div>
          }
        />
      ) : null}
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('assets.empty') }}
        footer={() => t('assets.total', { n: rows.length })}
        onRow={(r) => ({ 'data-testid': `asset-row-${r.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('assets.field.nodeGroup'),
            dataIndex: 'group',
            width: 110,
            onCell: (r, i) => ({ rowSpan: i !== undefined && i > 0 && rows[i - 1]?.group === r.group ? 0 : rows.filter((x) => x.group === r.group).length }),
            render: (g: string) => <Typography.Text strong>{g || t('assets.ungrouped')}</Typography.Text>,
          },
          { title: t('assets.field.name'), dataIndex: 'name', render: (v: string, r) => <a href={hrefOf('assets', r.id)}>{v}</a> },
          { title: t('assets.field.ip'), dataIndex: 'ip', width: 130 },
          { title: t('assets.field.os'), dataIndex: 'os', width: 170 },
          { title: t('assets.field.purpose'), dataIndex: 'purpose', ellipsis: true },
          { title: t('assets.field.owner'), dataIndex: 'owner', width: 90 },
          { title: t('assets.field.credentialId'), dataIndex: 'credentialLabel', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('assets.col.checks'), dataIndex: 'checks', width: 80 },
          {
            title: t('assets.col.level'),
            key: 'level',
            width: 170,
            render: (_: unknown, r) => (r.level ? <Space size={4}><LevelTag level={r.level} /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtAt(r.lastProbeAt).slice(5)}</Typography.Text></Space> : <Typography.Text type="secondary">{t('assets.never')}</Typography.Text>),
          },
          ...(canWrite
            ? [
                {
                  title: t('assets.col.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, r: Row) => (
                    <Space size={4}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('assets.edit')} data-testid="asset-edit" />
                      <Popconfirm title={t('assets.deleteConfirm', { name: r.name })} onConfirm={() => void remove(r)} okText={t('assets.delete')} cancelText={t('assets.cancel')}>
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('assets.delete')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AssetDrawer
        asset={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </Flex>
  );
}

const FIELDS: Array<keyof AssetFields> = ['name', 'nodeGroup', 'ip', 'os', 'systemShort', 'model', 'purpose', 'location', 'category', 'contentCategory', 'owner', 'note'];

export function AssetDrawer({ asset, onClose, onSaved }: { asset: Asset | 'new' | null; onClose: () => void; onSaved: (a: Output<'assets/save'>) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const creds = useLoad(() => invoke('assets/credentials', {}), [asset]);
  const { form, rules, required, submit, submitting, formError } = useContractForm('assets/save', {
    onSuccess: (a) => {
      void message.success(t('assets.saved'));
      onSaved(a);
    },
  });
  const open = asset !== null;
  const initial = asset && asset !== 'new' ? asset : { name: '', nodeGroup: '', ip: '', os: '', systemShort: '', model: '', purpose: '', location: '', category: '', contentCategory: '', owner: '', note: '', sort: 0, credentialId: null };
  return (
    <Drawer open={open} size={560} title={asset === 'new' ? t('assets.add') : t('assets.edit')} onClose={onClose} destroyOnHidden>
      {open ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => void submit({ ...v, ...(asset !== 'new' && asset ? { id: asset.id } : {}), credentialId: v.credentialId ?? null, sort: v.sort ?? 0 })}
          data-testid="asset-form"
        >
          {FIELDS.map((f) => (
            <Form.Item key={f} name={f} label={t(`assets.field.${f}`)} rules={rules(f)} required={required(f)}>
              {f === 'note' ? <Input.TextArea rows={2} /> : <Input data-testid={`asset-field-${f}`} />}
            </Form.Item>
          ))}
          <Form.Item name="sort" label={t('assets.field.sort')} rules={rules('sort')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="credentialId" label={t('assets.field.credentialId')}>
            <Select allowClear placeholder={t('assets.none')} options={(creds.data ?? []).map((c) => ({ value: c.id, label: `${c.label}（${c.username}）` }))} />
          </Form.Item>
          <FormError message={formError} />
          <Flex gap={8} justify="flex-end">
            <Button onClick={onClose}>{t('assets.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="asset-save">
              {t('assets.save')}
            </Button>
          </Flex>
        </Form>
      ) : null}
    </Drawer>
  );
}
