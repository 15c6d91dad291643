import { Type, type Static } from '@sinclair/typebox';
import { DateString, Id, Nullable } from '../../core/schemas.ts';

const LevelT = Type.Union([Type.Literal('street'), Type.Literal('community'), Type.Literal('compound'), Type.Literal('building')]);
const GenderT = Type.Union([Type.Literal('male'), Type.Literal('female')]);
const RelationT = Type.Union([Type.Literal('owner'), Type.Literal('member'), Type.Literal('tenant')]);
const Ref = Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() });

export interface TreeNode {
  id: number;
  name: string;
  level: string;
  children: TreeNode[];
}
export const TreeNodeT = Type.Recursive((self) => Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String(), children: Type.Array(self) }), { $id: 'TreeNode' });
export const TreeResponse = Type.Object({ roots: Type.Array(TreeNodeT) });

export const UnitResponse = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  level: Type.String(),
  parentId: Nullable(Type.Integer()),
  path: Type.String(),
  ancestors: Type.Array(Ref),
  children: Type.Array(Ref),
  /** A building's 红色楼栋长 (null for other levels or when none is appointed). */
  leader: Nullable(Type.Object({ name: Type.String() })),
  actions: Type.Array(Type.String()),
});
export type UnitResponse = Static<typeof UnitResponse>;

export const SummaryResponse = Type.Object({
  buildings: Type.Integer(),
  households: Type.Integer(),
  residents: Type.Integer(),
  partyMembers: Type.Integer(),
  centralHouseholds: Type.Integer(),
  buildingLeaders: Type.Integer(),
});

const KeyCount = Type.Object({ key: Type.String(), count: Type.Integer() });
export const StatsResponse = Type.Object({
  byChild: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String(), households: Type.Integer(), residents: Type.Integer(), partyMembers: Type.Integer() })),
  ethnicity: Type.Array(KeyCount),
  gender: Type.Array(KeyCount),
  ageBands: Type.Array(Type.Object({ band: Type.String(), count: Type.Integer() })),
});

export const BodyT = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  name: Type.String(),
  unitId: Type.Integer(),
  foundedOn: Nullable(Type.String()),
  termStart: Nullable(Type.String()),
  termEnd: Nullable(Type.String()),
  company: Nullable(Type.String()),
  contractStart: Nullable(Type.String()),
  contractEnd: Nullable(Type.String()),
  members: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), position: Type.String() })),
});
export type BodyT = Static<typeof BodyT>;

const Person = Type.Object({ name: Type.String(), role: Type.String() });
export const PlatformResponse = Type.Object({
  community: Type.Object({ id: Type.Integer(), name: Type.String(), staff: Type.Array(Person) }),
  partyBranch: Nullable(BodyT),
  ownersCommittee: Nullable(BodyT),
  property: Nullable(BodyT),
});

export const BuildingsResponse = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), households: Type.Integer(), residents: Type.Integer(), leader: Nullable(Type.Object({ name: Type.String() })) })),
});

export const HouseholdT = Type.Object({
  id: Type.Integer(),
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  compoundName: Type.String(),
  unitNo: Type.Integer(),
  floor: Type.Integer(),
  room: Type.String(),
  area: Type.Number(),
  label: Type.String(),
  residents: Type.Integer(),
});
export type HouseholdT = Static<typeof HouseholdT>;

export const ResidentT = Type.Object({
  id: Type.Integer(),
  householdId: Nullable(Type.Integer()),
  householdLabel: Type.String(),
  unitId: Type.Integer(),
  name: Type.String(),
  gender: Type.String(),
  ethnicity: Type.String(),
  birthDate: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  masked: Type.Boolean(),
  relation: Type.String(),
  isPartyMember: Type.Boolean(),
});
export type ResidentT = Static<typeof ResidentT>;

const { residents: _count, ...householdProps } = HouseholdT.properties;
export const HouseholdDetail = Type.Object({ ...householdProps, residents: Type.Array(ResidentT) });

export const UnitQuery = Type.Object({ unitId: Type.Optional(Id), q: Type.Optional(Type.String({ maxLength: 60 })) });

export const CreateUnitBody = Type.Object(
  { parentId: Id, name: Type.String({ minLength: 1, maxLength: 60 }), level: LevelT },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;

const householdFields = {
  unitNo: Type.Integer({ minimum: 1, maximum: 99 }),
  floor: Type.Integer({ minimum: -5, maximum: 120 }),
  room: Type.String({ minLength: 1, maxLength: 20 }),
  area: Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
};
export const CreateHouseholdBody = Type.Object({ buildingId: Id, ...householdFields }, { additionalProperties: false });
export type CreateHouseholdBody = Static<typeof CreateHouseholdBody>;
export const UpdateHouseholdBody = Type.Partial(Type.Object(householdFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export type UpdateHouseholdBody = Static<typeof UpdateHouseholdBody>;

const residentFields = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  gender: Type.Optional(GenderT),
  ethnicity: Type.Optional(Type.String({ maxLength: 20 })),
  birthDate: Type.Optional(Nullable(DateString)),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  idNumber: Type.Optional(Nullable(Type.String({ maxLength: 24 }))),
  relation: Type.Optional(RelationT),
};
export const CreateResidentBody = Type.Object({ householdId: Id, ...residentFields }, { additionalProperties: false });
export type CreateResidentBody = Static<typeof CreateResidentBody>;
export const UpdateResidentBody = Type.Partial(Type.Object(residentFields), { additionalProperties: false, minProperties: 1 });
export type UpdateResidentBody = Static<typeof UpdateResidentBody>;

export const RevealQuery = Type.Object({ reveal: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])) });

export const PartyMemberT = Type.Object({
  id: Type.Integer(),
  residentId: Type.Integer(),
  name: Type.String(),
  branchId: Nullable(Type.Integer()),
  branchName: Nullable(Type.String()),
  partyGroup: Nullable(Type.String()),
  joinedOn: Nullable(Type.String()),
  status: Type.String(),
  isCentralHousehold: Type.Boolean(),
});
export const CreatePartyMemberBody = Type.Object(
  {
    residentId: Id,
    branchId: Id,
    partyGroup: Type.Optional(Type.String({ maxLength: 40 })),
    joinedOn: Type.Optional(DateString),
    status: Type.Union([Type.Literal('full'), Type.Literal('probationary')]),
  },
  { additionalProperties: false },
);
export type CreatePartyMemberBody = Static<typeof CreatePartyMemberBody>;

export const CentralHouseholdsResponse = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), partyMemberId: Type.Integer(), name: Type.String(), households: Type.Array(Type.Object({ id: Type.Integer(), label: Type.String() })) })),
});
export const BodiesResponse = Type.Object({ items: Type.Array(BodyT) });
export const GridsResponse = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), worker: Type.String(), units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) })),
});
export const ContactGroupsResponse = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), leader: Nullable(Type.String()), households: Type.Integer() })),
});
export const DepartmentsResponse = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), phone: Nullable(Type.String()) })),
});
export const ImportQuery = Type.Object({ unitId: Id });
export const ImportResult = Type.Object({ households: Type.Integer(), residents: Type.Integer(), updatedHouseholds: Type.Integer() });

const bodyFields = {
  name: Type.String({ minLength: 1, maxLength: 80 }),
  foundedOn: Type.Optional(Nullable(DateString)),
  termStart: Type.Optional(Nullable(DateString)),
  termEnd: Type.Optional(Nullable(DateString)),
  company: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  contractStart: Type.Optional(Nullable(DateString)),
  contractEnd: Type.Optional(Nullable(DateString)),
};
export const CreateBodyBody = Type.Object(
  { unitId: Id, kind: Type.Union([Type.Literal('party_branch'), Type.Literal('owners_committee'), Type.Literal('property')]), ...bodyFields },
  { additionalProperties: false },
);
export const UpdateBodyBody = Type.Partial(Type.Object(bodyFields), { additionalProperties: false, minProperties: 1 });
export const AddMemberBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }), position: Type.String({ minLength: 1, maxLength: 40 }), residentId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const MemberParams = Type.Object({ id: Id, memberId: Id });
