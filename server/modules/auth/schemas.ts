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
});
export type MeResponse = Static<typeof MeResponse>;
