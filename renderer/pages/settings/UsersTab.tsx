import { useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { ROLES, type Role } from '../../../shared/contract/define';
import { formatBizDateTime } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';
import { useLoad } from '../faults/common';

type Account = Output<'accounts/list'>[number];

/** 账号管理 (系统管理员): create accounts, change roles, disable, reset a password and unlock. */
export function UsersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const list = useLoad(() => invoke('accounts/list', {}), []);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`header.roles.${r}`) }));

  /** A modal's work is done: close it, say so, and show the new list. */
  const finish = (close: () => void, text: string) => {
    close();
    void message.success(text);
    list.reload();
  };

  const toggle = async (a: Account) => {
    try {
      await invoke('accounts/update', { id: a.id, disabled: !a.disabled });
      finish(() => undefined, a.disabled ? t('admin.users.enabled') : t('admin.users.disabled'));
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };

  const state = (a: Account) => {
    if (a.disabled) return <Tag>{t('admin.users.state.disabled')}</Tag>;
    if (a.lockedUntil && Date.parse(a.lockedUntil) > Date.now()) return <Tag color="red">{t('admin.users.state.locked', { until: formatBizDateTime(a.lockedUntil) })}</Tag>;
    return <Tag color="green">{t('admin.users.state.ok')}</Tag>;
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('admin.users.intro')}</Typography.Text>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="user-new">
          {t('admin.users.create')}
        </Button>
      </Flex>
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <Table<Account>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="user-list"
        columns={[
          { title: t('admin.users.col.username'), dataIndex: 'username', render: (v: string, a) => (a.id === session?.user.id ? `${v} ${t('admin.users.self')}` : v) },
          { title: t('admin.users.col.name'), dataIndex: 'displayName' },
          { title: t('admin.users.col.roles'), render: (_v, a) => a.roles.map((r) => <Tag key={r}>{t(`header.roles.${r}`)}</Tag>) },
          { title: t('admin.users.col.state'), render: (_v, a) => state(a) },
          { title: t('admin.users.col.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatBizDateTime(v) : '—') },
          {
            title: t('admin.users.col.actions'),
            render: (_v, a) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setEditing(a)}>
                  {t('admin.users.edit')}
                </Button>
                <Button size="small" onClick={() => setResetting(a)}>
                  {t('admin.users.reset')}
                </Button>
                {a.id !== session?.user.id ? (
                  <Popconfirm title={a.disabled ? t('admin.users.enable') : t('admin.users.disable')} onConfirm={() => void toggle(a)}>
                    <Button size="small" danger={!a.disabled}>
                      {a.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {creating ? (
        <CreateModal
          roleOptions={roleOptions}
          onClose={() => setCreating(false)}
          onDone={(a) => finish(() => setCreating(false), t('admin.users.created', { name: a.displayName }))}
        />
      ) : null}
      {editing ? (
        <EditModal
          account={editing}
          roleOptions={roleOptions}
          onClose={() => setEditing(null)}
          onDone={() => finish(() => setEditing(null), t('admin.users.saved'))}
        />
      ) : null}
      {resetting ? (
        <ResetModal
          account={resetting}
          onClose={() => setResetting(null)}
          onDone={() => finish(() => setResetting(null), t('admin.users.resetDone'))}
        />
      ) : null}
    </Flex>
  );
}

type RoleOptions = Array<{ value: Role; label: string }>;
interface CreateValues {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
}

function CreateModal({ roleOptions, onClose, onDone }: { roleOptions: RoleOptions; onClose(): void; onDone(a: Account): void }) {
  const { t } = useTranslation();
  const { form, rules, submit, submitting, formError } = useContractForm<'accounts/create', CreateValues>('accounts/create');
  const onOk = async () => {
    const v = await form.validateFields();
    const a = await submit(v);
    if (a) onDone(a);
  };
  return (
    <Modal open title={t('admin.users.createTitle')} onCancel={onClose} onOk={() => void onOk()} confirmLoading={submitting} destroyOnHidden>
      <FormError message={formError} />
      <Form<CreateValues> form={form} layout="vertical" name="user-create" initialValues={{ roles: ['engineer'] }}>
        <Form.Item name="username" label={t('admin.users.username')} required rules={rules('username')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.users.displayName')} required rules={rules('displayName')}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={t('admin.users.password')} required rules={rules('password')} extra={t('setup.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('admin.users.roles')} required rules={rules('roles')}>
          <Checkbox.Group options={roleOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  displayName: string;
  roles: Role[];
}

function EditModal({ account, roleOptions, onClose, onDone }: { account: Account; roleOptions: RoleOptions; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { form, rules, submit, submitting, formError } = useContractForm<'accounts/update', EditValues>('accounts/update', {
    toInput: (v) => ({ id: account.id, displayName: v.displayName, roles: v.roles }),
  });
  const onOk = async () => {
    const v = await form.validateFields();
    if (await submit(v)) onDone();
  };
  return (
    <Modal open title={t('admin.users.editTitle', { name: account.username })} onCancel={onClose} onOk={() => void onOk()} confirmLoading={submitting} destroyOnHidden>
      <FormError message={formError} />
      <Form<EditValues> form={form} layout="vertical" name="user-edit" initialValues={{ displayName: account.displayName, roles: [...account.roles] }}>
        <Form.Item name="displayName" label={t('admin.users.displayName')} required rules={rules('displayName')}>
          <Input />
        </Form.Item>
        <Form.Item name="roles" label={t('admin.users.roles')} required rules={rules('roles')}>
          <Checkbox.Group options={roleOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetModal({ account, onClose, onDone }: { account: Account; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { form, rules, submit, submitting, formError } = useContractForm<'accounts/reset-password', { password: string }>('accounts/reset-password', {
    toInput: (v) => ({ id: account.id, password: v.password }),
  });
  const onOk = async () => {
    const v = await form.validateFields();
    if (await submit(v)) onDone();
  };
  return (
    <Modal open title={t('admin.users.resetTitle', { name: account.username })} onCancel={onClose} onOk={() => void onOk()} confirmLoading={submitting} destroyOnHidden>
      <FormError message={formError} />
      <Form form={form} layout="vertical" name="user-reset">
        <Form.Item name="password" label={t('admin.users.password')} required rules={rules('password')} extra={t('setup.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
