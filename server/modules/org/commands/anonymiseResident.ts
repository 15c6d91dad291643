import type { Tx } from '../../../core/db.ts';
import { indexResidents } from '../searchDocs.ts';

/** The fields of a resident that an erasure empties or replaces (names of fields, never their values). */
export type ErasedResidentField = 'name' | 'phone' | 'idNumber' | 'birthDate';

/**
 * Replaces a resident's identifying fields (删除权, PIPL art. 47): the name by the pseudonym, phone and ID-card
 * number (encrypted, masked and hashed copies) by null, the birth date by 1 July of its year. Gender, ethnicity,
 * relation and household stay, so the counts by building, ethnicity, gender and age band hardly move. Places on
 * bodies (党支部, 业委会 …) linked to the resident carry the pseudonym too. Runs in the caller's transaction and
 * writes no audit row: the caller records one for the whole erasure. Returns what was removed, or null when the
 * entry no longer carries `expectedName` (someone changed or anonymised it meanwhile; the update claims the row,
 * so of two erasures at once only one goes through).
 */
export async function anonymiseResident(tx: Tx, residentId: number, expectedName: string, pseudonym: string, at: string): Promise<{ fields: ErasedResidentField[]; bodyMemberships: number } | null> {
  const row = await tx.selectFrom('residents').select(['name', 'phone_enc', 'id_no_enc', 'birth_date']).where('id', '=', residentId).executeTakeFirst();
  if (!row || row.name !== expectedName) return null;
  const fields: ErasedResidentField[] = [];
  if (row.name !== pseudonym) fields.push('name');
  if (row.phone_enc) fields.push('phone');
  if (row.id_no_enc) fields.push('idNumber');
  // Only the year is kept: enough for the age bands, not enough to single anyone out.
  const birthDate = row.birth_date ? `${row.birth_date.slice(0, 4)}-07-01` : null;
  if (birthDate !== row.birth_date) fields.push('birthDate');
  const claimed = await tx
    .updateTable('residents')
    .set({ name: pseudonym, birth_date: birthDate, phone_enc: null, phone_masked: null, phone_hash: null, id_no_enc: null, id_no_masked: null, id_no_hash: null, updated_at: at })
    .where('id', '=', residentId)
    .where('name', '=', expectedName)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  // The search index holds the old name's characters too: a search for her name must no longer find the entry.
  await indexResidents(tx, [residentId]);
  const members = await tx.updateTable('body_members').set({ name: pseudonym }).where('resident_id', '=', residentId).executeTakeFirst();
  return { fields, bodyMemberships: Number(members.numUpdatedRows) };
}
