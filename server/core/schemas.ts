import { Type, type TSchema } from '@sinclair/typebox';

/** The interface languages: 简体中文 first, Tibetan, English. */
export const LANGUAGES = ['zh-CN', 'bo', 'en'] as const;
export const Language = Type.Union(LANGUAGES.map((l) => Type.Literal(l)));

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** Trimmed, NFC-normalised text (Tibetan input arrives in several normal forms). */
export function cleanText(value: string): string {
  return value.normalize('NFC').trim();
}
