/**
 * Working time for deadlines (办理时限): office hours on working days, counted in the local time of the
 * deployment (Lhasa keeps Asia/Shanghai, UTC+8, no daylight saving). Pure: the calendar is passed in, so the
 * holiday table (national holidays, 调休 make-up workdays, Xizang days such as 藏历新年 and 雪顿节) stays data
 * that staff edit.
 */

export interface WorkCalendar {
  /** Office periods of a working day, minutes after local midnight, ascending and not overlapping. */
  periods: readonly (readonly [number, number])[];
  /** Local dates (YYYY-MM-DD) that are days off although Monday–Friday. */
  holidays: ReadonlySet<string>;
  /** Local dates that are working days although Saturday or Sunday (调休). */
  workdays: ReadonlySet<string>;
  /** Offset of local time from UTC in minutes (480 for Asia/Shanghai). */
  utcOffsetMinutes: number;
}

/** 09:30–13:00 and 15:30–18:00, the default office hours of a Lhasa community. */
export const LHASA_OFFICE_HOURS: WorkCalendar['periods'] = [
  [9 * 60 + 30, 13 * 60],
  [15 * 60 + 30, 18 * 60],
];

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** The local calendar date of an instant. */
export function localDate(at: Date, cal: WorkCalendar): string {
  return new Date(at.getTime() + cal.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** Minutes after local midnight of an instant. */
function localMinute(at: Date, cal: WorkCalendar): number {
  const local = new Date(at.getTime() + cal.utcOffsetMinutes * MINUTE);
  return local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60 + local.getUTCMilliseconds() / MINUTE;
}

/** The instant of `minute` after local midnight of the local date `date`. */
function instant(date: string, minute: number, cal: WorkCalendar): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + (minute - cal.utcOffsetMinutes) * MINUTE);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MINUTES * MINUTE).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

// A year without a single working day is a broken calendar, not a long wait.
const MAX_DAYS = 366;

/** The working periods from `from` on, as [start, end] instants, lazily. */
function* workingPeriods(from: Date, cal: WorkCalendar): Generator<[Date, Date]> {
  if (cal.periods.length === 0) throw new Error('The calendar has no office periods');
  let date = localDate(from, cal);
  for (let day = 0; day < MAX_DAYS; day++, date = nextDate(date)) {
    if (!isWorkingDay(date, cal)) continue;
    for (const [start, end] of cal.periods) {
      const s = instant(date, start, cal);
      const e = instant(date, end, cal);
      if (e.getTime() <= from.getTime()) continue;
      yield [s.getTime() < from.getTime() ? from : s, e];
    }
  }
  throw new Error(`No working time within ${MAX_DAYS} days: check the holiday table`);
}

/** The instant when `minutes` of working time have passed since `start` (the clock runs only in office hours). */
export function addWorkingMinutes(start: Date, minutes: number, cal: WorkCalendar): Date {
  if (minutes < 0) throw new Error('minutes must not be negative');
  let left = minutes;
  for (const [s, e] of workingPeriods(start, cal)) {
    const span = (e.getTime() - s.getTime()) / MINUTE;
    if (left <= span) return new Date(s.getTime() + left * MINUTE);
    left -= span;
  }
  throw new Error('unreachable');
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(from: Date, to: Date, cal: WorkCalendar): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  for (const [s, e] of workingPeriods(from, cal)) {
    if (s.getTime() >= to.getTime()) break;
    total += (Math.min(e.getTime(), to.getTime()) - s.getTime()) / MINUTE;
  }
  return total;
}

/**
 * "Same working day" (a 小事 is fixed the day it is dispatched): the end of office hours of the working day
 * `at` falls on, or of the next working day when `at` is after hours or on a day off.
 */
export function endOfWorkingDay(at: Date, cal: WorkCalendar): Date {
  const first = workingPeriods(at, cal).next();
  if (first.done) throw new Error('unreachable');
  const date = localDate(first.value[0], cal);
  const last = cal.periods[cal.periods.length - 1];
  if (!last) throw new Error('The calendar has no office periods');
  return instant(date, last[1], cal);
}

/** Whether an instant lies inside office hours. */
export function isWorkingTime(at: Date, cal: WorkCalendar): boolean {
  if (!isWorkingDay(localDate(at, cal), cal)) return false;
  const m = localMinute(at, cal);
  return cal.periods.some(([s, e]) => m >= s && m < e);
}

/** Reads office hours written as "09:30-13:00,15:30-18:00"; throws on anything else. */
export function parseOfficeHours(text: string): WorkCalendar['periods'] {
  const periods = text.split(',').map((part) => {
    const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(part);
    if (!m) throw new Error(`Office hours "${text}" are not like 09:30-13:00,15:30-18:00`);
    const [, h1, m1, h2, m2] = m.map(Number) as [number, number, number, number, number];
    return [h1 * 60 + m1, h2 * 60 + m2] as const;
  });
  periods.forEach(([s, e], i) => {
    const prev = periods[i - 1];
    if (!(s < e) || e > DAY_MINUTES || (prev && prev[1] > s)) throw new Error(`Office hours "${text}" must be ascending, non-overlapping periods within a day`);
  });
  return periods;
}
