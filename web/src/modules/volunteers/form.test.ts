import { describe, expect, it } from 'vitest';
import { toVolunteerInput } from './form';

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
