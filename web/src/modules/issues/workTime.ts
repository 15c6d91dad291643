/**
 * Remaining time to a deadline, counted the way the server counts deadlines: in working minutes (office
 * hours on working days, holidays off, 调休 weekend workdays on). Pure: the calendar comes in.
 */

export const DEFAULT_OFFICE_HOURS = '09:30-13:00,15:30-18:00';
/** Lhasa keeps Beijing time. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Past this the count stops: a deadline a year away needs no exact figure. */
const MAX_DAYS = 400;

export interface WorkCalendar {
  /** Office periods as [start, end) minutes after local midnight. */
  periods: [number, number][];
  /** Exceptions to Monday–Friday, by local date (YYYY-MM-DD). */
  days: ReadonlyMap<string, 'holiday' | 'workday'>;
  utcOffsetMinutes: number;
}

/** "09:30-13:00,15:30-18:00" → [[570, 780], [930, 1080]]; unreadable parts are skipped. */
export function parseOfficeHours(text: string): [number, number][] {
  const periods: [number, number][] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(part);
    if (!m) continue;
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (end > start && end <= 24 * 60) periods.push([start, end]);
  }
  return periods.sort((a, b) => a[0] - b[0]);
}

export function makeCalendar(
  officeHours: string = DEFAULT_OFFICE_HOURS,
  days: readonly { day: string; kind: 'holiday' | 'workday' }[] = [],
  utcOffsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES,
): WorkCalendar {
  const periods = parseOfficeHours(officeHours);
  return {
    periods: periods.length > 0 ? periods : parseOfficeHours(DEFAULT_OFFICE_HOURS),
    days: new Map(days.map((d) => [d.day, d.kind])),
    utcOffsetMinutes,
  };
}

/** Working minutes in one working day (360 for the default office hours). */
export function dayMinutes(cal: WorkCalendar): number {
  return cal.periods.reduce((sum, [start, end]) => sum + (end - start), 0);
}

const pad = (n: number) => String(n).padStart(2, '0');

function isWorkingDay(localMidnight: Date, cal: WorkCalendar): boolean {
  // localMidnight is shifted so that its UTC fields are the local calendar date.
  const key = `${localMidnight.getUTCFullYear()}-${pad(localMidnight.getUTCMonth() + 1)}-${pad(localMidnight.getUTCDate())}`;
  const exception = cal.days.get(key);
  if (exception) return exception === 'workday';
  const weekday = localMidnight.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working minutes from `from` to `to`; negative when `to` is earlier (time overdue). */
export function workingMinutesBetween(from: Date, to: Date, cal: WorkCalendar): number {
  if (to.getTime() < from.getTime()) return -workingMinutesBetween(to, from, cal);
  const offset = cal.utcOffsetMinutes * MINUTE;
  const start = from.getTime();
  const end = to.getTime();
  // The local midnight of `from`, as a UTC instant.
  let midnight = Math.floor((start + offset) / DAY) * DAY - offset;
  let total = 0;
  for (let i = 0; i < MAX_DAYS && midnight < end; i += 1, midnight += DAY) {
    if (!isWorkingDay(new Date(midnight + offset), cal)) continue;
    for (const [s, e] of cal.periods) {
      const a = Math.max(start, midnight + s * MINUTE);
      const b = Math.min(end, midnight + e * MINUTE);
      if (b > a) total += (b - a) / MINUTE;
    }
  }
  return Math.floor(total);
}

export type DueState = 'none' | 'ok' | 'soon' | 'overdue';

/** Colour band of a deadline: overdue (the server's flag wins), soon (two working hours or less), or fine. */
export function dueState(remaining: number | null, overdue: boolean): DueState {
  if (overdue) return 'overdue';
  if (remaining === null) return 'none';
  if (remaining <= 0) return 'overdue';
  return remaining <= 120 ? 'soon' : 'ok';
}

export interface Duration {
  days: number;
  hours: number;
  minutes: number;
}

/** Splits working minutes into working days (of this calendar's length), hours and minutes. */
export function splitWorking(minutes: number, perDay: number): Duration {
  const m = Math.abs(Math.round(minutes));
  const days = perDay > 0 ? Math.floor(m / perDay) : 0;
  const rest = m - days * perDay;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}

/** Extension asked in working hours or working days, as the working minutes the server takes. */
export function extensionMinutes(amount: number, unit: 'hours' | 'days', perDay: number): number {
  return Math.round(unit === 'hours' ? amount * 60 : amount * perDay);
}
