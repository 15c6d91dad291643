import type { Selectable } from 'kysely';
import type { BodyTable } from '../../db/schema.ts';
import type { FieldCipher } from '../../core/crypto.ts';
import { householdLabel, type HouseholdRow, type ResidentListRow, type ResidentRow } from './queries.ts';
import type { BodyT, HouseholdT, ResidentT } from './schemas.ts';

type BodyRow = Selectable<BodyTable>;

export function presentBody(b: BodyRow, members: { id: number; body_id: number; name: string; position: string }[]): BodyT {
  return {
    id: b.id,
    kind: b.kind,
    name: b.name,
    unitId: b.unit_id,
    foundedOn: b.founded_on,
    termStart: b.term_start,
    termEnd: b.term_end,
    company: b.company,
    contractStart: b.contract_start,
    contractEnd: b.contract_end,
    members: members.filter((m) => m.body_id === b.id).map((m) => ({ id: m.id, name: m.name, position: m.position })),
  };
}

export function presentHousehold(h: HouseholdRow): HouseholdT {
  return {
    id: h.id,
    buildingId: h.building_id,
    buildingName: h.building_name,
    compoundName: h.compound_name,
    unitNo: h.unit_no,
    floor: h.floor,
    room: h.room,
    area: Number(h.area),
    label: householdLabel(h.building_name, h.unit_no, h.room),
    residents: Number(h.residents ?? 0),
  };
}

/** Residents leave the server masked. */
export function presentResident(r: ResidentListRow): ResidentT {
  return {
    id: r.id,
    householdId: r.household_id,
    householdLabel: householdLabel(r.building_name, r.unit_no, r.room),
    unitId: r.unit_id,
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    birthDate: r.birth_date,
    phone: r.phone_masked,
    idNumber: r.id_no_masked,
    masked: true,
    relation: r.relation,
    isPartyMember: r.party_member_id !== null,
  };
}

/** Phone and ID number in full; only after the caller has authorised and audited the read. */
export function presentRevealedResident(r: ResidentRow, cipher: FieldCipher): ResidentT {
  return {
    ...presentResident(r),
    phone: r.phone_enc ? cipher.decrypt(r.phone_enc) : null,
    idNumber: r.id_no_enc ? cipher.decrypt(r.id_no_enc) : null,
    masked: false,
  };
}
