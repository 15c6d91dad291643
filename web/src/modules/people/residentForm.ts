import type { Id, Resident } from '../../app/types';
import type { ResidentInput } from './api';
import { normaliseIdNumber, normalisePhone } from './validators';

/** The form holds the same fields as the API input; the household picker gives its id as a string. */
export interface ResidentFormValues extends Omit<ResidentInput, 'householdId'> {
  householdId?: string;
}

export const RESIDENT_FIELDS = ['householdId', 'name', 'gender', 'ethnicity', 'birthDate', 'phone', 'idNumber', 'relation'];

export function initialValues(resident: Resident | undefined): Partial<ResidentFormValues> {
  if (!resident) return { relation: 'member', ethnicity: '藏族' };
  return {
    name: resident.name,
    gender: resident.gender,
    ethnicity: resident.ethnicity,
    birthDate: resident.birthDate ?? undefined,
    relation: resident.relation,
    // Masked values are never sent back: the fields start empty and mean "unchanged" when left so.
    phone: resident.masked ? undefined : (resident.phone ?? undefined),
    idNumber: resident.masked ? undefined : (resident.idNumber ?? undefined),
  };
}

/** Only what the user changed goes into a PATCH, so an edit never overwrites data it did not show. */
export function changedFields(
  values: ResidentFormValues,
  initial: Partial<ResidentFormValues>,
): Partial<ResidentInput> {
  const changes: Partial<ResidentInput> = {};
  if (values.name !== initial.name) changes.name = values.name.trim();
  if (values.gender && values.gender !== initial.gender) changes.gender = values.gender;
  if (values.ethnicity !== undefined && values.ethnicity !== initial.ethnicity) changes.ethnicity = values.ethnicity.trim();
  if (values.birthDate && values.birthDate !== initial.birthDate) changes.birthDate = values.birthDate;
  if (values.relation !== initial.relation) changes.relation = values.relation;
  if (values.phone && values.phone !== initial.phone) changes.phone = normalisePhone(values.phone);
  if (values.idNumber && values.idNumber !== initial.idNumber) changes.idNumber = normaliseIdNumber(values.idNumber);
  return changes;
}


/** The body of a POST: empty optional fields are left out, and the server fills them (e.g. from the ID number). */
export function newResident(values: ResidentFormValues, householdId: Id): ResidentInput {
  return {
    householdId: Number(householdId),
    name: values.name.trim(),
    relation: values.relation,
    ...(values.gender ? { gender: values.gender } : {}),
    ...(values.ethnicity ? { ethnicity: values.ethnicity.trim() } : {}),
    ...(values.birthDate ? { birthDate: values.birthDate } : {}),
    ...(values.phone ? { phone: normalisePhone(values.phone) } : {}),
    ...(values.idNumber ? { idNumber: normaliseIdNumber(values.idNumber) } : {}),
  };
}
