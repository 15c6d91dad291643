import type { Id } from '../../app/types';

/** Shapes of the volunteers API (server/modules/mediation/schemas.ts: VolunteerT, CreateVolunteerBody). */

/**
 * The volunteer teams (志愿服务队), the same list the server accepts (server/modules/mediation/rules/volunteers.ts).
 * A row registered before teams were checked may carry another code; it is shown by its code. 矛盾调解
 * (mediation) is the team whose members mediate cases.
 */
export const VOLUNTEER_TEAMS = ['mediation', 'policy_outreach', 'patrol', 'waste_sorting', 'elderly_care', 'environment'] as const;
export type VolunteerTeam = (typeof VOLUNTEER_TEAMS)[number];

export const isVolunteerTeam = (value: string | null | undefined): value is VolunteerTeam =>
  (VOLUNTEER_TEAMS as readonly (string | null | undefined)[]).includes(value);

export interface Volunteer {
  id: Id;
  unitId: Id;
  unitName: string;
  name: string;
  team: string;
  /** Set when the volunteer is a registered resident of the unit. */
  residentId: Id | null;
  note: string | null;
  createdAt: string;
  /** The day the service ended (YYYY-MM-DD); null while the volunteer serves. */
  endedOn: string | null;
  endReason: string | null;
  updatedAt: string | null;
  /** What the signed-in user may do with the volunteer now (the server decides): update, end. */
  actions: string[];
}

export interface VolunteerInput {
  unitId: number;
  name: string;
  team: string;
  residentId?: number | null;
  note?: string | null;
}

/** A change: any of the fields; the unit stays. */
export type VolunteerChanges = Partial<Omit<VolunteerInput, 'unitId'>>;

export interface EndServiceInput {
  endedOn: string;
  reason: string | null;
}

/** Which volunteers the list shows: those serving (the default), those whose service ended, or both. */
export const VOLUNTEER_STATUSES = ['active', 'ended', 'all'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export const isVolunteerStatus = (value: string | null | undefined): value is VolunteerStatus =>
  (VOLUNTEER_STATUSES as readonly (string | null | undefined)[]).includes(value);

/** Error codes of the volunteers API, translated under volunteers.errors. */
export const VOLUNTEER_ERRORS = ['VOLUNTEER_ENDED'] as const;

/** Limits of the API's fields, checked in the form before sending. */
export const NAME_MAX = 60;
export const NOTE_MAX = 200;
export const REASON_MAX = 200;
