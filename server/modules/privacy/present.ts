import type { FieldCipher } from '../../core/crypto.ts';
import { householdLabel } from '../org/index.ts';
import type { PersonFacts } from './queries.ts';
import type { PersonRecord } from './schemas.ts';

const purposeOf = (after: unknown): string | null =>
  typeof after === 'object' && after !== null && 'purpose' in after && typeof after.purpose === 'string' ? after.purpose : null;

/**
 * A person's record. Numbers stay masked unless `reveal` (the caller has authorised and recorded the reveal);
 * household members show only their names and relations, whoever asks: they are other people's data.
 */
export function presentRecord(f: PersonFacts, opts: { reveal: boolean; cipher: FieldCipher; at: string }): PersonRecord {
  const open = (enc: string | null, masked: string | null): string | null => (opts.reveal && enc ? opts.cipher.decrypt(enc) : masked);
  const r = f.resident;
  return {
    generatedAt: opts.at,
    resident: r
      ? {
          id: r.id,
          name: r.name,
          gender: r.gender,
          ethnicity: r.ethnicity,
          birthDate: r.birth_date,
          relation: r.relation,
          phone: open(r.phone_enc, r.phone_masked),
          idNumber: open(r.id_no_enc, r.id_no_masked),
          masked: !opts.reveal,
          isPartyMember: r.party_member_id !== null,
        }
      : null,
    household: f.household
      ? {
          id: f.household.id,
          label: householdLabel(f.household.building_name, f.household.unit_no, f.household.room),
          compoundName: f.household.compound_name,
          members: f.members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, self: m.id === r?.id })),
        }
      : null,
    accounts: f.accounts.map((a) => ({ id: a.id, username: a.username, displayName: a.display_name, createdAt: a.created_at, disabled: a.disabled === 1 })),
    reports: f.reports.map((i) => ({
      id: i.id,
      title: i.title,
      body: i.body,
      status: i.status,
      source: i.source,
      unitName: i.unit_name,
      reporterName: i.reporter_name,
      reporterPhone: open(i.reporter_phone_enc, i.reporter_phone_masked),
      reply: i.reply,
      rating: i.rating,
      ratingComment: i.rating_comment,
      createdAt: i.created_at,
      closedAt: i.closed_at,
    })),
    mediationCases: f.cases.map((c) => ({ id: c.id, title: c.title, kind: c.kind, status: c.status, role: c.role, agreedOn: c.agreed_on, createdAt: c.created_at })),
    accesses: f.accesses.map((a) => ({ at: a.at, by: a.actorDisplayName ?? a.actorName, action: a.action, self: a.self, purpose: purposeOf(a.after) })),
  };
}

/** The names of the parts of a record that hold something: what an export exposed, for its audit row. */
export function exposedFields(record: PersonRecord): string[] {
  const out: string[] = [];
  const r = record.resident;
  if (r) {
    out.push('name', 'gender', 'ethnicity', 'relation');
    if (r.birthDate) out.push('birthDate');
    if (r.phone) out.push('phone');
    if (r.idNumber) out.push('idNumber');
  }
  if (record.household) out.push('household');
  if (record.accounts.length) out.push('accounts');
  if (record.reports.length) out.push('reports');
  if (record.mediationCases.length) out.push('mediationCases');
  if (record.accesses.length) out.push('accesses');
  return out;
}
