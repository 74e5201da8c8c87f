import { Alert, App, Button, Flex, Popconfirm, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { fmtAt, useLoad } from '../faults/common';
import { useCanWrite } from '../inspections/common';

type HostKey = Output<'probes/host-keys'>[number];

/** SSH host keys pinned on first use; the project manager may forget one (after a reinstall). */
export function HostKeysTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { isManager } = useCanWrite();
  const list = useLoad(() => invoke('probes/host-keys', {}), []);
  const forget = async (k: HostKey) => {
    try {
      await invoke('probes/host-key-forget', { hostPort: k.hostPort });
      list.reload();
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('assets.hostKeys.note')} />
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <Table<HostKey>
        rowKey="hostPort"
        size="middle"
        pagination={false}
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('assets.hostKeys.empty') }}
        columns={[
          { title: t('assets.hostKeys.col.hostPort'), dataIndex: 'hostPort', width: 200 },
          { title: t('assets.hostKeys.col.fingerprint'), dataIndex: 'fingerprint', render: (v: string) => <Typography.Text code copyable>{v}</Typography.Text> },
          { title: t('assets.hostKeys.col.pinnedAt'), dataIndex: 'pinnedAt', width: 180, render: (v: string) => fmtAt(v) },
          { title: t('assets.hostKeys.col.pinnedBy'), dataIndex: 'pinnedBy', width: 140 },
          ...(isManager
            ? [
                {
                  title: t('assets.col.actions'),
                  key: 'a',
                  width: 90,
                  render: (_: unknown, k: HostKey) => (
                    <Popconfirm title={t('assets.hostKeys.forgetConfirm', { hostPort: k.hostPort })} onConfirm={() => void forget(k)} okText={t('assets.hostKeys.forget')} cancelText={t('assets.cancel')}>
                      <Button size="small" danger>
                        {t('assets.hostKeys.forget')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}
