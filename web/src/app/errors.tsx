import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, validationIssues } from './api';

/** Translates an error by its stable code; an unknown code shows the server's own (safe) message. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) return t(`errors.${error.code}`, { defaultValue: error.message });
    return t('errors.INTERNAL');
  };
}

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
}

export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const issues = error instanceof ApiError ? validationIssues(error) : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(error)}
      description={
        issues.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                {issue.path ? `${issue.path}: ` : ''}
                {issue.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
