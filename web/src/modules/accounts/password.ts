import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

export const PASSWORD_MIN = 10;

export function passwordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('accounts.passwordRequired') },
    { min: PASSWORD_MIN, message: t('accounts.passwordHint', { min: PASSWORD_MIN }) },
    { max: 200, message: t('people.form.tooLong', { max: 200 }) },
  ];
}
