import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useErrorText } from '../../app/errors';

/** Codes of the hotline and Open311 key routes, worded in this module's catalog. */
const OWN_CODES: readonly string[] = ['HOTLINE_SOURCE_EXISTS', 'API_KEY_REVOKED'];

/** Like useErrorText, with this module's own error codes translated too. */
export function useHotlineErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (error) =>
    error instanceof ApiError && OWN_CODES.includes(error.code) ? t(`hotline.errors.${error.code}`) : errorText(error);
}
