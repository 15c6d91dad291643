import { App, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { ROLES, type Account, type Role } from '../../app/types';
import { useGrantRole } from './api';
import { FormModal } from '../../app/FormModal';

interface GrantValues {
  role: Role;
  unitId: string;
}

interface GrantRoleModalProps {
  account: Account | null;
  onClose: () => void;
}

/** A role is always held at a node of the tree and reaches the whole subtree below it. */
export function GrantRoleModal({ account, onClose }: GrantRoleModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GrantValues>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const grant = useGrantRole();

  return (
    <FormModal<GrantValues>
      open={account !== null}
      title={t('accounts.grantFor', { name: account?.displayName ?? '' })}
      okText={t('accounts.grant')}
      form={form}
      onClose={onClose}
      pending={grant.isPending}
      data-testid="grant-form"
      onFinish={(values) => {
        if (!account) return;
        grant.mutate(
          { id: account.id, role: values.role, unitId: Number(values.unitId) },
          {
            onSuccess: () => {
              void message.success(t('accounts.granted'));
              onClose();
            },
            onError: (error) => void message.error(errorText(error)),
          },
        );
      }}
    >
      <Form.Item name="role" label={t('accounts.fields.role')} rules={[{ required: true, message: t('accounts.roleRequired') }]}>
        <Select
          data-testid="grant-role"
          options={ROLES.map((role) => ({ value: role, label: t(`domain.roles.${role}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="unitId"
        label={t('accounts.fields.unit')}
        extra={t('accounts.unitHint')}
        rules={[{ required: true, message: t('accounts.unitRequired') }]}
      >
        <UnitTreeSelect testId="grant-unit" />
      </Form.Item>
    </FormModal>
  );
}
