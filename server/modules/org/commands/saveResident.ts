import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict, invalid } from '../../../core/errors.ts';
import type { DbOrTx } from '../../../core/db.ts';
import { sealPersonal } from '../personal.ts';
import { cleanResident, type CleanResident, type ResidentFields } from '../rules/resident.ts';
import { findResidentByIdHash, type HouseholdRow, type ResidentRow } from '../queries.ts';
import { indexResidents } from '../searchDocs.ts';

const today = (ctx: Ctx) => ctx.clock.now().toISOString().slice(0, 10);

/** What the audit log keeps of a resident: never the phone or ID number in clear. */
function auditView(r: CleanResident, sealed: { phone_masked: string | null; id_no_masked: string | null }) {
  return { name: r.name, gender: r.gender, ethnicity: r.ethnicity, birthDate: r.birthDate, relation: r.relation, phone: sealed.phone_masked, idNumber: sealed.id_no_masked };
}

function cleanOrThrow(ctx: Ctx, fields: ResidentFields): CleanResident {
  const result = cleanResident(fields, today(ctx));
  if ('problems' in result) throw invalid(`Resident data is not valid: ${result.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, result.problems);
  return result.value;
}

async function assertIdNumberFree(db: DbOrTx, hash: string | null, exceptId?: number): Promise<void> {
  if (!hash) return;
  const existing = await findResidentByIdHash(db, hash);
  if (existing && existing.id !== exceptId) throw conflict('RESIDENT_DUPLICATE_ID', 'A resident with this ID-card number is already registered');
}

/**
 * Registers a resident in a household. Throws VALIDATION_FAILED (400) for bad fields and RESIDENT_DUPLICATE_ID
 * (409) when the ID-card number is already registered anywhere.
 */
export async function createResident(ctx: Ctx, household: HouseholdRow, fields: ResidentFields): Promise<number> {
  const clean = cleanOrThrow(ctx, fields);
  const sealed = sealPersonal(ctx.cipher, clean.phone, clean.idNumber);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await assertIdNumberFree(tx, sealed.id_no_hash);
    const row = await tx
      .insertInto('residents')
      .values({
        household_id: household.id,
        unit_id: household.building_id,
        path: household.path,
        name: clean.name,
        gender: clean.gender,
        ethnicity: clean.ethnicity,
        birth_date: clean.birthDate,
        relation: clean.relation,
        ...sealed,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await indexResidents(tx, [row.id]);
    await recordAudit(tx, ctx, { action: 'resident.create', subjectType: 'resident', subjectId: row.id, path: household.path, after: auditView(clean, sealed) });
    return row.id;
  });
}

/** Changes a resident's fields; the ID-card number still decides birth date and gender where it is known. */
export async function updateResident(ctx: Ctx, resident: ResidentRow, patch: Partial<ResidentFields>): Promise<void> {
  const current: ResidentFields = {
    name: resident.name,
    gender: resident.gender,
    ethnicity: resident.ethnicity,
    birthDate: resident.birth_date,
    relation: resident.relation,
    phone: resident.phone_enc ? ctx.cipher.decrypt(resident.phone_enc) : null,
    idNumber: resident.id_no_enc ? ctx.cipher.decrypt(resident.id_no_enc) : null,
  };
  // A new ID-card number re-derives birth date and gender unless they are given too.
  const base = patch.idNumber !== undefined ? { ...current, birthDate: undefined, gender: undefined } : current;
  const clean = cleanOrThrow(ctx, { ...base, ...patch });
  const sealed = sealPersonal(ctx.cipher, clean.phone, clean.idNumber);
  const before = auditView(cleanOrThrow(ctx, current), { phone_masked: resident.phone_masked, id_no_masked: resident.id_no_masked });
  await ctx.db.transaction().execute(async (tx) => {
    await assertIdNumberFree(tx, sealed.id_no_hash, resident.id);
    await tx
      .updateTable('residents')
      .set({ name: clean.name, gender: clean.gender, ethnicity: clean.ethnicity, birth_date: clean.birthDate, relation: clean.relation, ...sealed, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', resident.id)
      .execute();
    await indexResidents(tx, [resident.id]);
    await recordAudit(tx, ctx, { action: 'resident.update', subjectType: 'resident', subjectId: resident.id, path: resident.path, before, after: auditView(clean, sealed) });
  });
}

/** Records that the actor saw a resident's phone and ID number in full (个人信息 access is always traceable). */
export async function recordReveal(ctx: Ctx, resident: ResidentRow): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await recordAudit(tx, ctx, { action: 'resident.reveal', subjectType: 'resident', subjectId: resident.id, path: resident.path, after: { fields: ['phone', 'idNumber'] } });
  });
}
