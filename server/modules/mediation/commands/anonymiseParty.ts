import type { Tx } from '../../../core/db.ts';

/**
 * Takes a resident out of the mediation records (删除权, PIPL art. 47) while each case, its kind, status,
 * dates and steps stay for the statistics: where the resident is a party their name becomes the pseudonym and
 * their address is removed; their name and numbers are taken out of the facts, dispute, terms, sessions and
 * return visits of those cases; a volunteer record linked to them carries the pseudonym (note removed), as do
 * the cases they mediated. Runs in the caller's transaction and writes no audit row: the caller records one for
 * the whole erasure. Returns how many cases and volunteer records changed.
 */
export async function anonymiseMediationParty(tx: Tx, e: { residentId: number; pseudonym: string; scrub: (text: string) => string }): Promise<{ cases: number; volunteers: number }> {
  const scrub = (t: string | null): string | null => (t === null ? null : e.scrub(t));
  const caseIds = (await tx.selectFrom('mediation_parties').select('case_id').where('resident_id', '=', e.residentId).execute()).map((r) => r.case_id);
  await tx.updateTable('mediation_parties').set({ name: e.pseudonym, address: null }).where('resident_id', '=', e.residentId).execute();
  const volunteers = await tx.selectFrom('volunteers').select('id').where('resident_id', '=', e.residentId).execute();
  const volunteerIds = volunteers.map((v) => v.id);
  if (volunteerIds.length) {
    await tx.updateTable('volunteers').set({ name: e.pseudonym, note: null }).where('id', 'in', volunteerIds).execute();
    const mediated = await tx.selectFrom('mediation_cases').select('id').where('mediator_volunteer_id', 'in', volunteerIds).execute();
    caseIds.push(...mediated.map((c) => c.id));
  }
  const unique = [...new Set(caseIds)];
  if (unique.length === 0) return { cases: 0, volunteers: volunteerIds.length };
  for (const c of await tx.selectFrom('mediation_cases').selectAll().where('id', 'in', unique).execute()) {
    await tx
      .updateTable('mediation_cases')
      .set({
        title: e.scrub(c.title),
        facts: e.scrub(c.facts),
        dispute: e.scrub(c.dispute),
        mediator_name: c.mediator_volunteer_id !== null && volunteerIds.includes(c.mediator_volunteer_id) ? e.pseudonym : e.scrub(c.mediator_name),
        terms: scrub(c.terms),
        performance: scrub(c.performance),
        outcome_note: scrub(c.outcome_note),
      })
      .where('id', '=', c.id)
      .execute();
  }
  // The other parties' names stay; only text that names this resident changes.
  for (const p of await tx.selectFrom('mediation_parties').select(['id', 'address']).where('case_id', 'in', unique).where('address', 'is not', null).execute()) {
    await tx.updateTable('mediation_parties').set({ address: scrub(p.address) }).where('id', '=', p.id).execute();
  }
  for (const s of await tx.selectFrom('mediation_sessions').select(['id', 'place', 'summary']).where('case_id', 'in', unique).execute()) {
    await tx.updateTable('mediation_sessions').set({ place: e.scrub(s.place), summary: e.scrub(s.summary) }).where('id', '=', s.id).execute();
  }
  for (const v of await tx.selectFrom('mediation_visits').select(['id', 'visitor_name', 'note']).where('case_id', 'in', unique).execute()) {
    await tx.updateTable('mediation_visits').set({ visitor_name: e.scrub(v.visitor_name), note: scrub(v.note) }).where('id', '=', v.id).execute();
  }
  return { cases: unique.length, volunteers: volunteerIds.length };
}
