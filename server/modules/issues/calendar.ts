import type { DbOrTx } from '../../core/db.ts';
import type { Config } from '../../core/config.ts';
import type { Services } from '../../core/context.ts';
import { ReadCache } from '../../core/readCache.ts';
import { addWorkingMinutes, endOfWorkingDay, localDate, parseOfficeHours, workingMinutesBetween, type WorkCalendar } from './rules/deadlines.ts';
import { calendarDays, deadlineRule, type DeadlineRule } from './queries.ts';
import type { HandlingLevel } from './rules/routing.ts';

const DAY = 86_400_000;

/** The working calendar around an instant: office hours from the configuration, days from the holiday table. */
export async function workCalendar(db: DbOrTx, config: Pick<Config, 'officeHours' | 'utcOffsetMinutes'>, around: Date): Promise<WorkCalendar> {
  const base = { periods: parseOfficeHours(config.officeHours), holidays: new Set<string>(), workdays: new Set<string>(), utcOffsetMinutes: config.utcOffsetMinutes };
  const from = localDate(new Date(around.getTime() - 30 * DAY), base);
  const to = localDate(new Date(around.getTime() + 200 * DAY), base);
  for (const d of await calendarDays(db, from, to)) (d.kind === 'holiday' ? base.holidays : base.workdays).add(d.day);
  return base;
}

const calendars = new WeakMap<Services['db'], ReadCache<WorkCalendar>>();

/** The working calendar of `around`'s local day, kept while the holiday table is unchanged. Do not mutate it. */
export function cachedWorkCalendar(services: Pick<Services, 'db' | 'generation' | 'config'>, around: Date): Promise<WorkCalendar> {
  let cache = calendars.get(services.db);
  if (!cache) {
    cache = new ReadCache<WorkCalendar>(services.generation, 16, ['calendar_days']);
    calendars.set(services.db, cache);
  }
  const { officeHours, utcOffsetMinutes } = services.config;
  const day = localDate(around, { periods: [], holidays: new Set(), workdays: new Set(), utcOffsetMinutes });
  return cache.getOrCompute(`${day}|${officeHours}|${utcOffsetMinutes}`, () => workCalendar(services.db, services.config, around));
}

export interface Schedule {
  dueAt: string | null;
  remindAt: string | null;
}

/**
 * 办理时限 from dispatch (派单), in working time: the rule for the level and category; a hotline order keeps the
 * hotline's own deadline; the 四方议事 queue has none (it waits for the meeting).
 */
export async function scheduleFrom(db: DbOrTx, cal: WorkCalendar, level: HandlingLevel, categoryId: number, from: Date, externalDue: string | null): Promise<Schedule> {
  if (level === 'meeting') return { dueAt: null, remindAt: null };
  return scheduleWith(cal, await deadlineRule(db, level, categoryId), from, externalDue);
}

/** The same, given the deadline rule (null: none applies). */
export function scheduleWith(cal: WorkCalendar, rule: DeadlineRule | null | undefined, from: Date, externalDue: string | null): Schedule {
  let due: Date | null = null;
  if (externalDue) due = new Date(externalDue);
  else if (rule) due = rule.working_minutes === null ? endOfWorkingDay(from, cal) : addWorkingMinutes(from, rule.working_minutes, cal);
  if (!due) return { dueAt: null, remindAt: null };
  const total = workingMinutesBetween(from, due, cal);
  const before = Math.min(rule?.remind_before_minutes ?? 60, Math.floor(total / 2));
  const remind = before > 0 ? addWorkingMinutes(from, total - before, cal) : null;
  return { dueAt: due.toISOString(), remindAt: remind ? remind.toISOString() : null };
}

/** Moves a deadline by approved extra working minutes (延期). */
export function extend(cal: WorkCalendar, dueAt: string, minutes: number): string {
  return addWorkingMinutes(new Date(dueAt), minutes, cal).toISOString();
}
