import { describe, expect, it } from 'vitest';
import { MEDIATION_TEAM } from './cases.ts';
import { endDateProblems, isServing, isVolunteerTeam, volunteerCommands, VOLUNTEER_TEAMS } from './volunteers.ts';

describe('volunteer teams', () => {
  it('include the team whose members mediate cases', () => {
    expect(VOLUNTEER_TEAMS).toContain(MEDIATION_TEAM);
    expect(new Set(VOLUNTEER_TEAMS).size).toBe(VOLUNTEER_TEAMS.length);
  });

  it('are recognised exactly, not by likeness', () => {
    expect(isVolunteerTeam('patrol')).toBe(true);
    expect(isVolunteerTeam('Patrol')).toBe(false);
    expect(isVolunteerTeam('chess_club')).toBe(false);
    expect(isVolunteerTeam('')).toBe(false);
  });
});

describe('a volunteer’s service', () => {
  it('may be changed and ended while it lasts, and nothing more once ended', () => {
    expect(isServing({ ended_on: null })).toBe(true);
    expect(volunteerCommands({ ended_on: null })).toEqual(['update', 'end']);
    expect(isServing({ ended_on: '2026-11-01' })).toBe(false);
    expect(volunteerCommands({ ended_on: '2026-11-01' })).toEqual([]);
  });

  it('ends on a real day between the local day of registration and today', () => {
    const registered = '2026-03-01T02:00:00.000Z';
    expect(endDateProblems('2026-11-27', '2026-11-27', registered)).toEqual([]);
    expect(endDateProblems('2026-11-27', '2026-03-01', registered)).toEqual([]);
    expect(endDateProblems('2026-11-27', '2026-11-28', registered).map((p) => p.reason)).toEqual(['future']);
    expect(endDateProblems('2026-11-27', '2026-02-28', registered).map((p) => p.reason)).toEqual(['order']);
    expect(endDateProblems('2026-11-27', '2026-02-30', registered).map((p) => p.reason)).toEqual(['date']);
  });

  it('counts the day of registration in Lhasa time', () => {
    // 18:00 UTC on 28 February is already 1 March in Lhasa: ending on 28 February would precede it.
    expect(endDateProblems('2026-11-27', '2026-02-28', '2026-02-28T18:00:00.000Z').map((p) => p.path)).toEqual(['endedOn']);
    expect(endDateProblems('2026-11-27', '2026-03-01', '2026-02-28T18:00:00.000Z')).toEqual([]);
  });
});
