import { Type, type Static, type TNull, type TSchema, type TUnion } from '@sinclair/typebox';

/** The interface languages: 简体中文 first, Tibetan, English. */
export const LANGUAGES = ['zh-CN', 'bo', 'en'] as const;
export const Language = Type.Union(LANGUAGES.map((l) => Type.Literal(l)));

/**
 * The largest id a row can have: ids are 32-bit `integer` columns on PostgreSQL, which refuses a larger number
 * outright (22003) instead of finding nothing. Every id the API accepts is bounded by it.
 */
export const MAX_ID = 2147483647;

/** An id of a row, in a path, a query or a body. */
export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });

/** An id with a description for the API documentation. */
export const IdWith = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_ID, description });

/** A bounded whole number (every number the API accepts has both bounds: a query string may say 1e400). */
export const Int = (minimum: number, maximum: number, opts: { description?: string; default?: number } = {}) =>
  Type.Integer({ minimum, maximum, ...opts });

export const IdParams = Type.Object({ id: Id });

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

/**
 * `schema` or null. A scalar becomes one schema with `type: [type, "null"]`: with type coercion on, the validator
 * tries the branches of a union in order and coerces into the first that fits, so `null | integer` turned a 0
 * into null and `integer | null` turned a null into 0 (an "all categories" deadline became category 0). With a
 * type list it coerces only when the value is of neither type. Objects and arrays are never coerced: a union.
 */
export const Nullable = <T extends TSchema>(schema: T): TUnion<[TNull, T]> => {
  const type: unknown = schema.type;
  // `const` and `enum` would refuse null too, so those stay a union.
  if (typeof type === 'string' && SCALAR_TYPES.has(type) && !('const' in schema) && !('enum' in schema)) {
    // Typed as the union it validates like: only the static type matters to the type provider.
    return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] }) as unknown as TUnion<[TNull, T]>;
  }
  return Type.Union([Type.Null(), schema]);
};

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

/** A calendar date, YYYY-MM-DD, that exists (2026-13-01 and 2026-02-30 are refused with 400). */
export const DateString = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** A moment with its offset (RFC 3339, e.g. 2026-11-27T03:00:00Z); impossible dates and times are refused. */
export const DateTimeString = Type.String({ format: 'date-time', maxLength: 40 });

/** Trimmed, NFC-normalised text (Tibetan input arrives in several normal forms). */
export function cleanText(value: string): string {
  return value.normalize('NFC').trim();
}
