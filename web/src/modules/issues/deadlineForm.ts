import type { DeadlineRule, HandlingLevel } from './types';

/** A time limit as staff say it: 当日 (the same working day), N working hours or N working days. */
export type LimitUnit = 'sameDay' | 'hours' | 'days';

export interface DeadlineValues {
  level: HandlingLevel;
  categoryId?: number | null;
  unit: LimitUnit;
  amount?: number;
  remindHours?: number;
}

export function toRule(values: DeadlineValues, perDay: number): DeadlineRule {
  const amount = values.amount ?? 0;
  const workingMinutes = values.unit === 'sameDay' ? null : Math.round(values.unit === 'hours' ? amount * 60 : amount * perDay);
  return {
    level: values.level,
    categoryId: values.categoryId ?? null,
    workingMinutes,
    remindBeforeMinutes: Math.round((values.remindHours ?? 0) * 60),
  };
}

/** The other way: whole working days when the minutes make whole days, else hours. */
export function fromRule(rule: DeadlineRule, perDay: number): DeadlineValues {
  const base = { level: rule.level, categoryId: rule.categoryId, remindHours: rule.remindBeforeMinutes / 60 };
  if (rule.workingMinutes === null) return { ...base, unit: 'sameDay' };
  if (perDay > 0 && rule.workingMinutes % perDay === 0) return { ...base, unit: 'days', amount: rule.workingMinutes / perDay };
  return { ...base, unit: 'hours', amount: Math.round((rule.workingMinutes / 60) * 100) / 100 };
}
