import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useErrorText } from '../../app/errors';
import { VOLUNTEER_ERRORS } from './types';

/** Error text for this module's own codes first (a service that has ended), then the shared ones. */
export function useVolunteerErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const shared = useErrorText();
  return (error) =>
    error instanceof ApiError && (VOLUNTEER_ERRORS as readonly string[]).includes(error.code) ? t(`volunteers.errors.${error.code}`) : shared(error);
}
