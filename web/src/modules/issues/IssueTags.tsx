import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import type { HandlingLevel, Size, Status } from './types';
import { dayMinutes, dueState, splitWorking, workingMinutesBetween, type DueState, type WorkCalendar } from './workTime';

const STATUS_COLORS: Record<Status, string> = {
  reported: 'gold',
  assigned: 'orange',
  accepted: 'cyan',
  in_progress: 'blue',
  resolved: 'green',
  closed: 'default',
  rejected: 'default',
  merged: 'default',
};

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="issue-status" data-status={status}>
      {t(`issues.status.${status}`)}
    </Tag>
  );
}

const SIZE_COLORS: Record<Size, string> = { small: 'green', major: 'orange', hard: 'red' };

export function SizeTag({ size }: { size: Size }) {
  const { t } = useTranslation();
  return (
    <Tag color={SIZE_COLORS[size]} variant="outlined">
      {t(`issues.size.${size}`)}
    </Tag>
  );
}

export function LevelTag({ level }: { level: HandlingLevel }) {
  const { t } = useTranslation();
  return <Tag>{t(`issues.level.${level}`)}</Tag>;
}

/** 黄牌 (first) or 红牌 (second, or a second 不满意) supervision by the level above. */
export function SupervisionTag({ supervision }: { supervision: number }) {
  const { t } = useTranslation();
  if (supervision <= 0) return null;
  const red = supervision >= 2;
  return (
    <Tag color={red ? 'red' : 'gold'} variant="solid" data-testid="issue-supervision">
      {t(red ? 'issues.supervision.red' : 'issues.supervision.yellow')}
    </Tag>
  );
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  if (!overdue) return null;
  return (
    <Tag color="red" data-testid="issue-overdue">
      {t('issues.overdue')}
    </Tag>
  );
}

const DUE_TYPES: Record<DueState, 'danger' | 'warning' | 'success' | 'secondary'> = {
  overdue: 'danger',
  soon: 'warning',
  ok: 'success',
  none: 'secondary',
};

/** "剩 1个工作日2小时" / "超期 3小时": working time left to the deadline, in words. */
export function useWorkingText(): (minutes: number, perDay: number) => string {
  const { t } = useTranslation();
  return (minutes, perDay) => {
    const d = splitWorking(minutes, perDay);
    if (d.days > 0) return d.hours > 0 ? t('issues.due.daysHours', { days: d.days, hours: d.hours }) : t('issues.due.days', { days: d.days });
    if (d.hours > 0) return d.minutes > 0 ? t('issues.due.hoursMinutes', { hours: d.hours, minutes: d.minutes }) : t('issues.due.hours', { hours: d.hours });
    return t('issues.due.minutes', { minutes: d.minutes });
  };
}

interface DueTextProps {
  dueAt: string | null;
  overdue: boolean;
  open: boolean;
  calendar: WorkCalendar;
  now: Date;
  /** Show the deadline's date and time before the remaining time. */
  withDate?: boolean;
}

/** The deadline, coloured by the working time left: green, orange under two working hours, red overdue. */
export function DueText({ dueAt, overdue, open, calendar, now, withDate = true }: DueTextProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const working = useWorkingText();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const date = withDate ? formatDateTime(dueAt, language) : null;
  if (!open) return <Typography.Text type="secondary">{date}</Typography.Text>;
  const remaining = workingMinutesBetween(now, new Date(dueAt), calendar);
  const state = dueState(remaining, overdue);
  const perDay = dayMinutes(calendar);
  const label =
    state === 'overdue'
      ? t('issues.due.overdueBy', { time: working(Math.min(remaining, 0), perDay) })
      : t('issues.due.left', { time: working(remaining, perDay) });
  return (
    <span data-testid="issue-due" data-state={state}>
      {date ? <Typography.Text style={{ marginInlineEnd: 6 }}>{date}</Typography.Text> : null}
      <Typography.Text type={DUE_TYPES[state]} strong={state !== 'ok'}>
        {label}
      </Typography.Text>
    </span>
  );
}
