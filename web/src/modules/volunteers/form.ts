import type { VolunteerInput } from './types';

/** What the register form holds: ids as the pickers give them (strings), text as typed. */
export interface VolunteerFormValues {
  unitId?: string;
  team?: string;
  residentId?: string;
  name?: string;
  note?: string;
}

/**
 * The request body for the form's values, or null while a required field is missing (the form's own rules
 * say which). Text is trimmed; an empty note or no linked resident is sent as null.
 */
export function toVolunteerInput(values: VolunteerFormValues): VolunteerInput | null {
  const unitId = Number(values.unitId);
  const name = values.name?.trim() ?? '';
  if (!Number.isInteger(unitId) || unitId < 1 || !values.team || name === '') return null;
  const residentId = values.residentId ? Number(values.residentId) : null;
  return {
    unitId,
    name,
    team: values.team,
    residentId: residentId !== null && Number.isInteger(residentId) && residentId > 0 ? residentId : null,
    note: values.note?.trim() || null,
  };
}
