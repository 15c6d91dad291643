import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, validationIssues } from '../../app/api';
import { FormModal } from '../../app/FormModal';
import { useLanguage } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { useEndVolunteer } from './api';
import { useVolunteerErrorText } from './errors';
import { dayText, endDateProblem, type EndDateProblem } from './form';
import { REASON_MAX, type Volunteer } from './types';

const PROBLEMS: readonly string[] = ['required', 'date', 'future', 'order'] satisfies EndDateProblem[];

interface Values {
  endedOn?: string;
  reason?: string;
}

interface EndServiceModalProps {
  open: boolean;
  /** The volunteer whose service ends. */
  volunteer: Volunteer | null;
  onClose: () => void;
}

/**
 * 结束服务: the day a volunteer's service ended (today unless changed; not in the future, not before they
 * were registered) and why. They stay on record, shown as ended, and are no longer offered as mediators.
 */
export function EndServiceModal({ open, volunteer, onClose }: EndServiceModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const language = useLanguage();
  const errorText = useVolunteerErrorText();
  const end = useEndVolunteer();
  const today = dayText(new Date());
  const registeredOn = volunteer ? dayText(new Date(volunteer.createdAt)) : today;
  const problemText = (problem: string) => t(`volunteers.end.problems.${PROBLEMS.includes(problem) ? problem : 'date'}`, { date: formatDate(registeredOn, language) });

  const submit = (values: Values) => {
    if (!volunteer || !values.endedOn) return;
    end.mutate(
      { id: volunteer.id, input: { endedOn: values.endedOn, reason: values.reason?.trim() || null } },
      {
        onSuccess: (ended) => {
          void message.success(t('volunteers.end.done', { name: ended.name }));
          onClose();
        },
        onError: (error) => {
          // The server checks the day against its own clock; its verdict goes under the field.
          const issue = error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? validationIssues(error).find((i) => i.path === 'endedOn') : undefined;
          if (issue) {
            form.setFields([{ name: 'endedOn', errors: [problemText(issue.reason ?? 'date')] }]);
            return;
          }
          void message.error(errorText(error));
          if (error instanceof ApiError && error.code === 'VOLUNTEER_ENDED') onClose();
        },
      },
    );
  };

  return (
    <FormModal<Values>
      open={open && volunteer !== null}
      title={t('volunteers.end.title')}
      form={form}
      onClose={onClose}
      pending={end.isPending}
      okText={t('volunteers.end.submit')}
      initialValues={{ endedOn: today }}
      onFinish={submit}
      data-testid="end-service-form"
    >
      <Typography.Paragraph>{t('volunteers.end.intro', { name: volunteer?.name ?? '' })}</Typography.Paragraph>
      <Form.Item
        name="endedOn"
        label={t('volunteers.fields.endedOn')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              const problem = endDateProblem(value, today, registeredOn);
              if (problem) throw new Error(problemText(problem));
            },
          },
        ]}
      >
        <Input type="date" min={registeredOn} max={today} data-testid="end-service-date" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label={t('volunteers.fields.endReason')} rules={[{ max: REASON_MAX, message: t('volunteers.form.tooLong', { max: REASON_MAX }) }]}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={REASON_MAX}
          showCount
          data-testid="end-service-reason"
          placeholder={t('volunteers.end.reasonHint')}
        />
      </Form.Item>
    </FormModal>
  );
}
