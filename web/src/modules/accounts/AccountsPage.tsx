import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert, useErrorText } from '../../app/errors';
import { toLanguage, LANGUAGE_NAMES } from '../../i18n';
import type { Account } from '../../app/types';
import { useAccounts, useRevokeGrant, useUpdateAccount } from './api';
import { CreateAccountModal } from './CreateAccountModal';
import { GrantRoleModal } from './GrantRoleModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { PageHeader } from '../../app/PageHeader';

function RoleTags({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const revoke = useRevokeGrant();
  if (account.roles.length === 0) return <Typography.Text type="secondary">{t('accounts.noRoles')}</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {account.roles.map((grant) => (
        <Tag
          key={String(grant.id)}
          data-testid="account-role"
          closable={account.manageable}
          onClose={(event) => {
            // The tag disappears only once the server agreed.
            event.preventDefault();
            modal.confirm({
              title: t('accounts.revokeConfirm', { role: t(`domain.roles.${grant.role}`), unit: grant.unitName }),
              okText: t('accounts.revoke'),
              okButtonProps: { danger: true },
              cancelText: t('common.cancel'),
              onOk: () =>
                revoke
                  .mutateAsync({ id: account.id, grantId: grant.id })
                  .then(() => void message.success(t('accounts.revoked')))
                  .catch((error: unknown) => void message.error(errorText(error))),
            });
          }}
        >
          {t(`domain.roles.${grant.role}`)} · {grant.unitName}
        </Tag>
      ))}
    </Flex>
  );
}

function DisableButton({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const update = useUpdateAccount();
  const disable = !account.disabled;
  return (
    <Popconfirm
      title={disable ? t('accounts.disableConfirm') : t('accounts.enableConfirm')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        update.mutate(
          { id: account.id, changes: { disabled: disable } },
          { onError: (error) => void message.error(errorText(error)) },
        )
      }
    >
      <Button size="small" danger={disable} loading={update.isPending} data-testid="account-toggle">
        {disable ? t('accounts.disable') : t('accounts.enable')}
      </Button>
    </Popconfirm>
  );
}

/** 账号与角色: staff sign-ins and the roles they hold at nodes of the tree. */
export function AccountsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState<string | undefined>(undefined);
  const accounts = useAccounts(q);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('accounts.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
            {t('accounts.create')}
          </Button>
        }
      />
      <Card size="small">
        <Input.Search
          allowClear
          placeholder={t('accounts.searchPlaceholder')}
          onSearch={(value) => setQ(value.trim() || undefined)}
          data-testid="accounts-search"
        />
      </Card>
      {accounts.isError ? (
        <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <>
          <Table<Account>
            data-testid="accounts-table"
            size="small"
            rowKey={(account) => String(account.id)}
            loading={accounts.isPending}
            dataSource={accounts.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('accounts.none') }}
            onRow={() => {
              const attributes: Record<string, unknown> = { 'data-testid': 'account-row' };
              return attributes;
            }}
            columns={[
              { key: 'username', title: t('accounts.fields.username'), dataIndex: 'username', fixed: 'start' },
              { key: 'displayName', title: t('accounts.fields.displayName'), dataIndex: 'displayName' },
              {
                key: 'language',
                title: t('accounts.fields.language'),
                render: (_, a) => {
                  const language = toLanguage(a.language);
                  return language ? LANGUAGE_NAMES[language] : a.language;
                },
              },
              {
                key: 'status',
                title: t('accounts.fields.status'),
                render: (_, a) => (
                  <Flex gap={4} wrap>
                    {a.disabled ? <Tag>{t('accounts.disabled')}</Tag> : <Tag color="green">{t('accounts.active')}</Tag>}
                    {a.mustChangePassword ? <Tag color="orange">{t('accounts.mustChange')}</Tag> : null}
                  </Flex>
                ),
              },
              { key: 'roles', title: t('accounts.fields.roles'), render: (_, a) => <RoleTags account={a} /> },
              {
                key: 'actions',
                title: t('common.actions'),
                // Only accounts whose every role is this manager's to grant can be changed here (the server says which).
                render: (_, a) =>
                  !a.manageable ? (
                    <Typography.Text type="secondary" data-testid="account-not-manageable">
                      {t('accounts.notManageable')}
                    </Typography.Text>
                  ) : (
                    <Flex gap={4} wrap>
                      <Button
                        size="small"
                        icon={<SafetyCertificateOutlined />}
                        onClick={() => setGranting(a)}
                        data-testid="account-grant"
                      >
                        {t('accounts.grant')}
                      </Button>
                      <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(a)} data-testid="account-reset">
                        {t('accounts.resetPassword')}
                      </Button>
                      <DisableButton account={a} />
                    </Flex>
                  ),
              },
            ]}
          />
          <LoadMore
            shown={accounts.items.length}
            hasMore={accounts.hasNextPage}
            loading={accounts.isFetchingNextPage}
            onMore={() => void accounts.fetchNextPage()}
          />
        </>
      )}
      <CreateAccountModal open={creating} onClose={() => setCreating(false)} />
      <GrantRoleModal account={granting} onClose={() => setGranting(null)} />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
    </Flex>
  );
}
