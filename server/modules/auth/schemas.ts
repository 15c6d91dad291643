import { Type, type Static } from '@sinclair/typebox';
import { Language } from '../../core/schemas.ts';


export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    // The policy (length, kinds of characters, common passwords) answers with its own codes; this only bounds it.
    newPassword: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const MePatch = Type.Object({ language: Language }, { additionalProperties: false });
export type MePatch = Static<typeof MePatch>;

export const MeResponse = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  language: Type.String(),
  roles: Type.Array(
    Type.Object({ id: Type.Integer(), role: Type.String(), unitId: Type.Integer(), unitName: Type.String(), unitLevel: Type.String() }),
  ),
  permissions: Type.Array(Type.String()),
  /** The password was set by someone else: the API answers PASSWORD_CHANGE_REQUIRED until it is changed. */
  mustChangePassword: Type.Boolean(),
});
export type MeResponse = Static<typeof MeResponse>;
