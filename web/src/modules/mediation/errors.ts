import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, validationIssues } from '../../app/api';
import { useErrorText } from '../../app/errors';
import { MEDIATION_ERRORS } from './types';

/**
 * Error text for this module's own codes first (stale version, wrong state …), then the shared ones. A mediator
 * whose service ended while the form was open is refused with the volunteers' code, named in their catalog.
 */
export function useMediationErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const shared = useErrorText();
  return (error) => {
    if (!(error instanceof ApiError)) return shared(error);
    if ((MEDIATION_ERRORS as readonly string[]).includes(error.code)) return t(`mediation.errors.${error.code}`);
    if (error.code === 'VOLUNTEER_ENDED') return t('volunteers.errors.VOLUNTEER_ENDED');
    return shared(error);
  };
}

/** "parties.1.name" → ["parties", 1, "name"], the name of a field inside a Form.List. */
function fieldName(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's per-field problems under the fields (list fields included), in the reader's language.
 * Returns true when every problem found its field.
 */
export function placeFieldIssues<T>(form: FormInstance<T>, error: unknown, fields: readonly string[], t: TFunction): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  const issues = validationIssues(error);
  const placed = issues.filter((issue) => fields.some((field) => issue.path === field || issue.path.startsWith(`${field}.`)));
  form.setFields(
    placed.map((issue) => ({
      name: fieldName(issue.path),
      errors: [t(`mediation.fieldReason.${issue.reason ?? 'invalid'}`)],
    })) as Parameters<typeof form.setFields>[0],
  );
  return issues.length > 0 && placed.length === issues.length;
}

/** Today in the browser's calendar (Lhasa), as the API's YYYY-MM-DD. */
export function todayText(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
