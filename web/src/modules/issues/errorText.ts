import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useErrorText } from '../../app/errors';

/**
 * The issue module's own error codes (STALE_VERSION, ACTION_NOT_ALLOWED, NO_BUILDING_HANDLER …) are translated
 * here; everything else falls back to the app's table of common codes.
 */
export function useIssueErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const common = useErrorText();
  return (error) => {
    if (error instanceof ApiError && i18n.exists(`issues.errors.${error.code}`)) return t(`issues.errors.${error.code}`);
    return common(error);
  };
}

export const isStale = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.code === 'STALE_VERSION';
