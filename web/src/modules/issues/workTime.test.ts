import { describe, expect, it } from 'vitest';
import { dayMinutes, dueState, extensionMinutes, makeCalendar, parseOfficeHours, splitWorking, workingMinutesBetween } from './workTime';

// Lhasa keeps Beijing time; 2025-06-02 is a Monday.
const at = (local: string) => new Date(`${local}+08:00`);
const cal = makeCalendar();

describe('office hours', () => {
  it('reads the configured periods and skips what it cannot read', () => {
    expect(parseOfficeHours('09:30-13:00,15:30-18:00')).toEqual([
      [570, 780],
      [930, 1080],
    ]);
    expect(parseOfficeHours('08:00-12:00, nonsense, 14:00-13:00')).toEqual([[480, 720]]);
    expect(dayMinutes(cal)).toBe(360);
  });

  it('falls back to the default hours when nothing is readable', () => {
    expect(dayMinutes(makeCalendar('closed'))).toBe(360);
  });
});

describe('working minutes between two moments', () => {
  it('counts only office time inside a day, the lunch break excluded', () => {
    expect(workingMinutesBetween(at('2025-06-02T10:00:00'), at('2025-06-02T12:00:00'), cal)).toBe(120);
    expect(workingMinutesBetween(at('2025-06-02T12:00:00'), at('2025-06-02T16:00:00'), cal)).toBe(90);
    expect(workingMinutesBetween(at('2025-06-02T07:00:00'), at('2025-06-02T23:00:00'), cal)).toBe(360);
  });

  it('skips the weekend', () => {
    expect(workingMinutesBetween(at('2025-06-06T17:00:00'), at('2025-06-09T10:30:00'), cal)).toBe(120);
  });

  it('skips holidays and counts 调休 weekend workdays', () => {
    const holidays = makeCalendar(undefined, [
      { day: '2025-06-09', kind: 'holiday' },
      { day: '2025-06-07', kind: 'workday' },
    ]);
    // Friday 17:00 → Tuesday 10:30: Friday 60, Saturday (调休) 360, Monday off, Tuesday 60.
    expect(workingMinutesBetween(at('2025-06-06T17:00:00'), at('2025-06-10T10:30:00'), holidays)).toBe(480);
  });

  it('is negative once the deadline has passed', () => {
    expect(workingMinutesBetween(at('2025-06-02T16:00:00'), at('2025-06-02T11:00:00'), cal)).toBe(-150);
  });

  it('works in the deployment time zone whatever the browser says', () => {
    // 02:00 UTC is 10:00 in Lhasa.
    expect(workingMinutesBetween(new Date('2025-06-02T02:00:00Z'), new Date('2025-06-02T04:00:00Z'), cal)).toBe(120);
  });
});

describe('how a deadline is shown', () => {
  it('is red when the server says overdue, even if time seems left', () => {
    expect(dueState(500, true)).toBe('overdue');
    expect(dueState(-1, false)).toBe('overdue');
  });

  it('turns orange within two working hours, green before', () => {
    expect(dueState(120, false)).toBe('soon');
    expect(dueState(121, false)).toBe('ok');
    expect(dueState(null, false)).toBe('none');
  });

  it('splits working minutes into working days, hours and minutes', () => {
    expect(splitWorking(400, 360)).toEqual({ days: 1, hours: 0, minutes: 40 });
    expect(splitWorking(-95, 360)).toEqual({ days: 0, hours: 1, minutes: 35 });
    expect(splitWorking(720, 360)).toEqual({ days: 2, hours: 0, minutes: 0 });
  });

  it('turns an extension in working hours or days into working minutes', () => {
    expect(extensionMinutes(2, 'days', 360)).toBe(720);
    expect(extensionMinutes(1.5, 'hours', 360)).toBe(90);
  });
});
