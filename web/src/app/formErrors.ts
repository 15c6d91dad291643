import type { FormInstance } from 'antd';
import { ApiError, validationIssues } from './api';

/**
 * Puts the server's per-field validation messages under the matching form fields.
 * Returns true when every issue found a field, so the caller need not show a general error as well.
 */
export function showFieldIssues<T>(form: FormInstance<T>, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  const issues = validationIssues(error);
  const placed = issues.filter((issue) => fields.includes(issue.path));
  form.setFields(placed.map((issue) => ({ name: issue.path, errors: [issue.message] })) as Parameters<typeof form.setFields>[0]);
  return issues.length > 0 && placed.length === issues.length;
}
