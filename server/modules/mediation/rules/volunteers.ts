import { dateProblems, localDay, type DateProblem } from './cases.ts';

// Volunteers (志愿者), pure: the teams there are, whether someone still serves, what may be done with them, and
// the day a service may end on.

/**
 * The volunteer teams (志愿服务队); the web names each. 矛盾调解 (mediation) is the team whose members mediate
 * cases. A new team is added here (and named in the web's catalogs), never typed in freely.
 */
export const VOLUNTEER_TEAMS = ['mediation', 'policy_outreach', 'patrol', 'waste_sorting', 'elderly_care', 'environment'] as const;
export type VolunteerTeam = (typeof VOLUNTEER_TEAMS)[number];

export const isVolunteerTeam = (value: string): value is VolunteerTeam => (VOLUNTEER_TEAMS as readonly string[]).includes(value);

/** Which volunteers a list shows: those serving (the default), those whose service ended, or both. */
export const VOLUNTEER_STATUSES = ['active', 'ended', 'all'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export type VolunteerCommand = 'update' | 'end';

interface Service {
  ended_on: string | null;
}

/** A volunteer serves until the day their service ended is recorded. */
export const isServing = (v: Service): boolean => v.ended_on === null;

/**
 * What may be done with a volunteer: changed and ended while serving; once ended the record of their service
 * is closed (someone who comes back is registered anew, so the earlier service stays as it was).
 */
export function volunteerCommands(v: Service): readonly VolunteerCommand[] {
  return isServing(v) ? ['update', 'end'] : [];
}

/** A service ends on a real day, not in the future and not before the volunteer was registered (local days). */
export function endDateProblems(today: string, endedOn: string, createdAt: string): DateProblem[] {
  return dateProblems(today, { endedOn }, [['endedOn', localDay(new Date(createdAt))]]);
}
