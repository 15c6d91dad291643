import { Form, Modal, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormModalProps<T> extends Omit<FormProps<T>, 'form' | 'layout' | 'preserve' | 'children' | 'title'> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  onClose: () => void;
  pending: boolean;
  /** The confirm button's text; "save" unless given. */
  okText?: string;
  children: ReactNode;
}

/** A dialog holding one vertical form: confirm submits it, closing forgets what was typed. */
export function FormModal<T>({ open, title, form, onClose, pending, okText, children, ...formProps }: FormModalProps<T>) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form<T> form={form} layout="vertical" preserve={false} {...formProps}>
        {children}
      </Form>
    </Modal>
  );
}
