import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, endOfWorkingDay, isWorkingDay, isWorkingTime, LHASA_OFFICE_HOURS, workingMinutesBetween, type WorkCalendar } from './deadlines.ts';

// Lhasa local time is UTC+8: 09:30 local is 01:30Z.
const cal: WorkCalendar = {
  periods: LHASA_OFFICE_HOURS,
  // A made-up week: Wednesday 2026-12-02 off, Saturday 2026-12-05 a make-up workday.
  holidays: new Set(['2026-12-02']),
  workdays: new Set(['2026-12-05']),
  utcOffsetMinutes: 480,
};
const local = (text: string) => new Date(`${text}+08:00`);

describe('working days', () => {
  it('follows weekdays, the holiday table and make-up workdays', () => {
    expect(isWorkingDay('2026-11-30', cal)).toBe(true); // Monday
    expect(isWorkingDay('2026-12-02', cal)).toBe(false); // holiday on a Wednesday
    expect(isWorkingDay('2026-12-05', cal)).toBe(true); // make-up Saturday
    expect(isWorkingDay('2026-12-06', cal)).toBe(false); // Sunday
  });

  it('knows office hours, including the long midday break', () => {
    expect(isWorkingTime(local('2026-11-30T09:29:59'), cal)).toBe(false);
    expect(isWorkingTime(local('2026-11-30T09:30:00'), cal)).toBe(true);
    expect(isWorkingTime(local('2026-11-30T14:00:00'), cal)).toBe(false);
    expect(isWorkingTime(local('2026-11-30T17:59:00'), cal)).toBe(true);
    expect(isWorkingTime(local('2026-12-02T10:00:00'), cal)).toBe(false);
  });
});

describe('addWorkingMinutes', () => {
  it('counts inside one period', () => {
    expect(addWorkingMinutes(local('2026-11-30T10:00:00'), 60, cal)).toEqual(local('2026-11-30T11:00:00'));
  });

  it('skips the midday break', () => {
    expect(addWorkingMinutes(local('2026-11-30T12:30:00'), 60, cal)).toEqual(local('2026-11-30T16:00:00'));
  });

  it('starts at the next opening when dispatched after hours', () => {
    expect(addWorkingMinutes(local('2026-11-30T20:00:00'), 30, cal)).toEqual(local('2026-12-01T10:00:00'));
  });

  it('jumps over a holiday and the weekend, and works the make-up Saturday', () => {
    // Tuesday 17:00 + 2 h: 1 h on Tuesday, Wednesday is off, 1 h on Thursday.
    expect(addWorkingMinutes(local('2026-12-01T17:00:00'), 120, cal)).toEqual(local('2026-12-03T10:30:00'));
    // Friday 17:30 + 1 h: 30 min Friday, then the make-up Saturday.
    expect(addWorkingMinutes(local('2026-12-04T17:30:00'), 60, cal)).toEqual(local('2026-12-05T10:00:00'));
  });

  it('ends exactly at a closing time rather than the next opening', () => {
    expect(addWorkingMinutes(local('2026-11-30T12:00:00'), 60, cal)).toEqual(local('2026-11-30T13:00:00'));
  });

  it('is the inverse of workingMinutesBetween', () => {
    const from = local('2026-11-27T11:11:00');
    for (const minutes of [0, 1, 109, 360, 361, 2000, 7 * 360]) {
      expect(workingMinutesBetween(from, addWorkingMinutes(from, minutes, cal), cal)).toBeCloseTo(minutes, 6);
    }
  });

  it('refuses a calendar without any working time', () => {
    const never: WorkCalendar = { ...cal, workdays: new Set(), holidays: new Set(Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 10, 27 + i)).toISOString().slice(0, 10))) };
    expect(() => addWorkingMinutes(local('2026-11-27T10:00:00'), 10, never)).toThrow(/holiday table/);
  });
});

describe('endOfWorkingDay (a 小事 is due the same working day)', () => {
  it('is 18:00 of the day of dispatch during office hours and in the midday break', () => {
    expect(endOfWorkingDay(local('2026-11-30T10:00:00'), cal)).toEqual(local('2026-11-30T18:00:00'));
    expect(endOfWorkingDay(local('2026-11-30T14:00:00'), cal)).toEqual(local('2026-11-30T18:00:00'));
  });

  it('moves to the next working day after hours, over holidays', () => {
    expect(endOfWorkingDay(local('2026-11-30T18:00:00'), cal)).toEqual(local('2026-12-01T18:00:00'));
    expect(endOfWorkingDay(local('2026-12-01T19:00:00'), cal)).toEqual(local('2026-12-03T18:00:00'));
    expect(endOfWorkingDay(local('2026-12-06T08:00:00'), cal)).toEqual(local('2026-12-07T18:00:00'));
  });
});
