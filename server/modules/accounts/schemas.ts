import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../../core/policy.ts';
import { Id, Language } from '../../core/schemas.ts';

export const RoleT = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const AccountT = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  language: Type.String(),
  disabled: Type.Boolean(),
  /** A password set by a manager that its holder has not yet replaced. */
  mustChangePassword: Type.Boolean(),
  /** May the asking manager change this account (every role it holds is theirs to grant)? */
  manageable: Type.Boolean(),
  roles: Type.Array(Type.Object({ id: Type.Integer(), role: Type.String(), unitId: Type.Integer(), unitName: Type.String() })),
});
export type AccountT = Static<typeof AccountT>;

// Only bounded here: the password policy (length, kinds of characters, common passwords) answers with its own codes.
const Password = Type.String({ minLength: 1, maxLength: 128 });

export const CreateAccountBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' }),
    displayName: Type.String({ minLength: 1, maxLength: 60 }),
    password: Password,
    language: Type.Optional(Language),
    /** Where the account lives; defaults to the manager's own node. */
    unitId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateAccountBody = Static<typeof CreateAccountBody>;

export const UpdateAccountBody = Type.Object(
  { displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), password: Type.Optional(Password), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAccountBody = Static<typeof UpdateAccountBody>;

export const GrantBody = Type.Object({ role: RoleT, unitId: Id }, { additionalProperties: false });
export type GrantBody = Static<typeof GrantBody>;

export const GrantParams = Type.Object({ id: Id, grantId: Id });
export const AccountsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
});
