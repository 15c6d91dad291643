import type { Summary } from '../../app/types';

export const SUMMARY_KEYS = [
  'buildings',
  'households',
  'residents',
  'partyMembers',
  'centralHouseholds',
  'buildingLeaders',
] as const satisfies readonly (keyof Summary)[];

export type SummaryKey = (typeof SUMMARY_KEYS)[number];
