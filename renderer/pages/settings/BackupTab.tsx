import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { CloudDownloadOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useAppInfo } from '../../app/appInfo';
import { useAuth } from '../../auth';

type BackupList = Output<'backup/list'>;
type Backup = BackupList['backups'][number];

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** 备份与恢复: the database state, the backups, back up now, restore one (admin). */
export function BackupTab() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { session } = useAuth();
  const { info, reload: reloadInfo } = useAppInfo();
  const isAdmin = session?.user.roles.includes('admin') ?? false;
  const [list, setList] = useState<BackupList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setList(await invoke('backup/list', {}));
      setError(null);
    } catch (e) {
      setError(toClientError(e).message);
    }
  }, []);

  useEffect(() => {
    if (isAdmin) void load();
  }, [isAdmin, load]);

  const createNow = async () => {
    setBusy(true);
    try {
      const b = await invoke('backup/create', {});
      void message.success(t('settings.backup.created', { name: b.name }));
      await load();
    } catch (e) {
      void message.error(toClientError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const restore = (b: Backup) => {
    modal.confirm({
      title: t('settings.backup.restoreConfirmTitle'),
      content: t('settings.backup.restoreConfirmBody', { name: b.name }),
      okText: t('settings.backup.restore'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await invoke('backup/restore', { name: b.name });
          void message.success(t('settings.backup.restored', { name: r.restored }));
          await Promise.all([load(), reloadInfo()]);
        } catch (e) {
          void message.error(toClientError(e).message);
        }
      },
    });
  };

  if (!isAdmin) return <Alert type="info" showIcon title={t('settings.backup.adminOnly')} />;
  const damaged = (list?.dbState ?? info.dbState) === 'damaged';
  return (
    <div data-testid="backup-tab">
      <Typography.Paragraph type="secondary">{t('settings.backup.intro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('settings.backup.state')}>
          <Tag color={damaged ? 'red' : 'green'} data-testid="db-state">
            {damaged ? t('settings.backup.stateDamaged') : t('settings.backup.stateOk')}
          </Tag>
        </Descriptions.Item>
        {list && list.problems.length > 0 ? (
          <Descriptions.Item label={t('settings.backup.problems')}>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {list.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<SaveOutlined />} onClick={() => void createNow()} loading={busy} disabled={damaged}>
          {t('settings.backup.create')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('settings.backup.refresh')}
        </Button>
      </Flex>
      <Table<Backup>
        rowKey="name"
        size="middle"
        dataSource={list?.backups ?? []}
        loading={list === null && error === null}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('settings.backup.empty') }}
        columns={[
          { title: t('settings.backup.col.name'), dataIndex: 'name', key: 'name' },
          { title: t('settings.backup.col.at'), dataIndex: 'at', key: 'at', width: 180, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('settings.backup.col.reason'), dataIndex: 'reason', key: 'reason', width: 140 },
          { title: t('settings.backup.col.size'), dataIndex: 'size', key: 'size', width: 110, render: (v: number) => sizeText(v) },
          {
            title: t('settings.backup.col.actions'),
            key: 'actions',
            width: 110,
            render: (_: unknown, b: Backup) => (
              <Button size="small" icon={<CloudDownloadOutlined />} onClick={() => restore(b)}>
                {t('settings.backup.restore')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
