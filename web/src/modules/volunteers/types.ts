import type { Id } from '../../app/types';

/** Shapes of the volunteers API (server/modules/mediation/schemas.ts: VolunteerT, CreateVolunteerBody). */

/**
 * The volunteer teams (志愿服务队) the web names. The server keeps a team as a free short code, so a team not
 * listed here is still shown, by its code. 矛盾调解 (mediation) is the team whose members mediate cases.
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
}

export interface VolunteerInput {
  unitId: number;
  name: string;
  team: string;
  residentId?: number | null;
  note?: string | null;
}

/** Limits of the API's fields, checked in the form before sending. */
export const NAME_MAX = 60;
export const NOTE_MAX = 200;
