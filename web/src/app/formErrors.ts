import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError, validationIssues } from './api';

/**
 * Puts the server's per-field validation problems under the matching form fields, in the interface language
 * (by the issue's reason code; the server's own message is English). Returns true when every issue found a
 * field, so the caller need not show a general error as well.
 */
export function showFieldIssues<T>(form: FormInstance<T>, error: unknown, fields: readonly string[], t: TFunction): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  const issues = validationIssues(error);
  const placed = issues.filter((issue) => fields.includes(issue.path));
  form.setFields(placed.map((issue) => ({ name: issue.path, errors: [t(`errors.fieldReason.${issue.reason ?? 'invalid'}`)] })) as Parameters<typeof form.setFields>[0]);
  return issues.length > 0 && placed.length === issues.length;
}
