import type { Volunteer, VolunteerChanges, VolunteerInput } from './types';

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

/**
 * The change the edit form's values make to a volunteer: only the fields that differ (empty when nothing
 * does), or null while a required field is missing. The linked resident is compared only when the form
 * offers it (`linkable`); otherwise the link stays as it is.
 */
export function toVolunteerChanges(values: VolunteerFormValues, original: Volunteer, linkable: boolean): VolunteerChanges | null {
  const name = values.name?.trim() ?? '';
  if (!values.team || name === '') return null;
  const changes: VolunteerChanges = {};
  if (name !== original.name) changes.name = name;
  if (values.team !== original.team) changes.team = values.team;
  const note = values.note?.trim() || null;
  if (note !== original.note) changes.note = note;
  if (linkable) {
    const residentId = values.residentId ? Number(values.residentId) : null;
    const linked = residentId !== null && Number.isInteger(residentId) && residentId > 0 ? residentId : null;
    if (linked !== (original.residentId === null ? null : Number(original.residentId))) changes.residentId = linked;
  }
  return changes;
}

/** A day in the browser's calendar (Lhasa), as the API writes days: YYYY-MM-DD. */
export function dayText(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

export type EndDateProblem = 'required' | 'date' | 'future' | 'order';

/**
 * What is wrong with the day a service is to end on, as the server would say it: missing, not a date, in
 * the future, or before the day the volunteer was registered. Null when it will do.
 */
export function endDateProblem(value: string | undefined, today: string, registeredOn: string): EndDateProblem | null {
  if (!value) return 'required';
  const day = new Date(`${value}T00:00:00Z`);
  // 2026-02-30 parses as 2 March: a real date reads back as itself.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) return 'date';
  if (value > today) return 'future';
  if (value < registeredOn) return 'order';
  return null;
}
