import { describe, expect, it } from 'vitest';
import { dayText, endDateProblem, toVolunteerChanges, toVolunteerInput } from './form';
import type { Volunteer } from './types';

describe('toVolunteerInput', () => {
  it('trims the text and sends the ids as numbers', () => {
    expect(toVolunteerInput({ unitId: '12', team: 'patrol', residentId: '345', name: '  旺堆 ', note: ' 夜间巡逻 ' })).toEqual({
      unitId: 12,
      team: 'patrol',
      residentId: 345,
      name: '旺堆',
      note: '夜间巡逻',
    });
  });

  it('sends no resident and no note as null', () => {
    expect(toVolunteerInput({ unitId: '12', team: 'mediation', name: '次仁', note: '   ' })).toEqual({
      unitId: 12,
      team: 'mediation',
      residentId: null,
      name: '次仁',
      note: null,
    });
  });

  it('gives nothing while the unit, the team or the name is missing', () => {
    expect(toVolunteerInput({ team: 'patrol', name: '旺堆' })).toBeNull();
    expect(toVolunteerInput({ unitId: 'abc', team: 'patrol', name: '旺堆' })).toBeNull();
    expect(toVolunteerInput({ unitId: '12', name: '旺堆' })).toBeNull();
    expect(toVolunteerInput({ unitId: '12', team: 'patrol', name: '  ' })).toBeNull();
  });
});

const original: Volunteer = {
  id: 7,
  unitId: 12,
  unitName: '天峰祥和苑',
  name: '次仁',
  team: 'patrol',
  residentId: 345,
  note: '夜间巡逻',
  createdAt: '2026-03-01T02:00:00.000Z',
  endedOn: null,
  endReason: null,
  updatedAt: null,
  actions: ['update', 'end'],
};

describe('toVolunteerChanges', () => {
  it('sends only what differs, trimmed', () => {
    expect(toVolunteerChanges({ team: 'patrol', residentId: '345', name: ' 次仁罗布 ', note: '夜间巡逻' }, original, true)).toEqual({ name: '次仁罗布' });
    expect(toVolunteerChanges({ team: 'mediation', residentId: '345', name: '次仁', note: '  ' }, original, true)).toEqual({ team: 'mediation', note: null });
  });

  it('sends nothing when nothing changed', () => {
    expect(toVolunteerChanges({ team: 'patrol', residentId: '345', name: '次仁', note: '夜间巡逻 ' }, original, true)).toEqual({});
  });

  it('links, relinks and unlinks a resident only when the form offers the link', () => {
    expect(toVolunteerChanges({ team: 'patrol', residentId: '346', name: '次仁', note: '夜间巡逻' }, original, true)).toEqual({ residentId: 346 });
    expect(toVolunteerChanges({ team: 'patrol', name: '次仁', note: '夜间巡逻' }, original, true)).toEqual({ residentId: null });
    // Without the resident list the field is not shown: the link stays.
    expect(toVolunteerChanges({ team: 'patrol', name: '次仁', note: '夜间巡逻' }, original, false)).toEqual({});
  });

  it('gives nothing while the team or the name is missing', () => {
    expect(toVolunteerChanges({ name: '次仁' }, original, true)).toBeNull();
    expect(toVolunteerChanges({ team: 'patrol', name: '   ' }, original, true)).toBeNull();
  });
});

describe('the day a service ends', () => {
  it('writes a local day as YYYY-MM-DD', () => {
    expect(dayText(new Date(2026, 10, 7, 23, 30))).toBe('2026-11-07');
    expect(dayText(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });

  it('lies between the day of registration and today, both included', () => {
    expect(endDateProblem('2026-11-27', '2026-11-27', '2026-03-01')).toBeNull();
    expect(endDateProblem('2026-03-01', '2026-11-27', '2026-03-01')).toBeNull();
    expect(endDateProblem('2026-11-28', '2026-11-27', '2026-03-01')).toBe('future');
    expect(endDateProblem('2026-02-28', '2026-11-27', '2026-03-01')).toBe('order');
  });

  it('is required and a real date', () => {
    expect(endDateProblem(undefined, '2026-11-27', '2026-03-01')).toBe('required');
    expect(endDateProblem('', '2026-11-27', '2026-03-01')).toBe('required');
    expect(endDateProblem('2026-02-30', '2026-11-27', '2026-01-01')).toBe('date');
    expect(endDateProblem('27.11.2026', '2026-11-27', '2026-01-01')).toBe('date');
  });
});
