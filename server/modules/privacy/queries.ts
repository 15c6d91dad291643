import type { FieldCipher } from '../../core/crypto.ts';
import type { DbOrTx } from '../../core/db.ts';
import { accountsOfResident } from '../accounts/index.ts';
import { personalDataAccesses, type PersonalDataAccess } from '../audit/index.ts';
import { reportsOfPerson, type PersonReportRow } from '../issues/index.ts';
import { casesOfResident, type ResidentCaseRow } from '../mediation/index.ts';
import { getHousehold, getUnit, residentsOfHousehold, type HouseholdRow, type ResidentRow } from '../org/index.ts';

// What the platform holds about one person, gathered through the other modules' faces. No rules here beyond
// deciding which reports are the person's.

export type AccountRow = Awaited<ReturnType<typeof accountsOfResident>>[number];
export type MemberRow = Awaited<ReturnType<typeof residentsOfHousehold>>[number];

export interface PersonFacts {
  resident: ResidentRow | null;
  household: HouseholdRow | null;
  members: MemberRow[];
  accounts: AccountRow[];
  reports: PersonReportRow[];
  cases: ResidentCaseRow[];
  accesses: PersonalDataAccess[];
}

/** How many reveals and exports the resident's record lists (newest first). */
const ACCESS_LIMIT = 500;

/** Every prefix of a tree path, root first ("/1/7/" → ["/1/", "/1/7/"]). */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** The compound a resident lives in: the parent of their building. */
async function compoundPathOf(db: DbOrTx, resident: ResidentRow): Promise<string | null> {
  const building = await getUnit(db, resident.unit_id);
  if (!building) return null;
  if (building.level === 'compound') return building.path;
  const parent = building.parent_id === null ? undefined : await getUnit(db, building.parent_id);
  return parent?.path ?? null;
}

/**
 * The reports that are the person's: filed from one of their accounts, or within their compound with their phone
 * as the reporter phone, or under their name from their own household.
 */
export async function reportsOf(db: DbOrTx, cipher: FieldCipher, resident: ResidentRow | null, userIds: readonly number[]): Promise<PersonReportRow[]> {
  const phone = resident?.phone_enc ? cipher.decrypt(resident.phone_enc) : null;
  const candidates = await reportsOfPerson(db, {
    userIds,
    compoundPath: resident ? await compoundPathOf(db, resident) : null,
    householdId: resident?.household_id ?? null,
    name: resident?.name ?? null,
  });
  return candidates.filter(
    (r) =>
      (r.reporter_user_id !== null && userIds.includes(r.reporter_user_id)) ||
      (resident !== null && r.household_id !== null && r.household_id === resident.household_id && r.reporter_name === resident.name) ||
      (phone !== null && r.reporter_phone_enc !== null && cipher.decrypt(r.reporter_phone_enc) === phone),
  );
}

/** Everything held about a resident (or, for an account linked to none, about the account). */
export async function personFacts(db: DbOrTx, cipher: FieldCipher, resident: ResidentRow | null, ownUserIds: readonly number[] = []): Promise<PersonFacts> {
  const accounts = resident ? await accountsOfResident(db, resident.id) : [];
  const userIds = [...new Set([...ownUserIds, ...accounts.map((a) => a.id)])];
  const household = resident?.household_id ? ((await getHousehold(db, resident.household_id)) ?? null) : null;
  return {
    resident,
    household,
    members: household ? await residentsOfHousehold(db, household.id) : [],
    accounts,
    reports: await reportsOf(db, cipher, resident, userIds),
    cases: resident ? await casesOfResident(db, resident.id) : [],
    accesses: resident ? await personalDataAccesses(db, { residentId: resident.id, ancestorPaths: ancestorPaths(resident.path), limit: ACCESS_LIMIT }) : [],
  };
}
