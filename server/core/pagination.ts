import { Type, type Static } from '@sinclair/typebox';
import { sql, type SqlBool, type Expression } from 'kysely';
import { invalid } from './errors.ts';

/** A phone shows about a screenful; people scroll or ask for more. */
export const DEFAULT_PAGE = 20;

export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_PAGE })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});
export type PageQuery = Static<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Lists in the tree are ordered by (path, id): the index that scopes them also orders them. */
export interface PathCursor {
  path: string;
  id: number;
}

export function encodeCursor(c: PathCursor): string {
  return Buffer.from(JSON.stringify([c.path, c.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): PathCursor | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && Number.isInteger(parsed[1])) {
      return { path: parsed[0], id: Number(parsed[1]) };
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor from this list' }]);
}

/** Rows after the cursor in (path, id) order. */
export function afterCursor(pathColumn: string, idColumn: string, c: PathCursor): Expression<SqlBool> {
  const p = sql.ref(pathColumn);
  const i = sql.ref(idColumn);
  return sql<SqlBool>`(${p} > ${c.path} or (${p} = ${c.path} and ${i} > ${c.id}))`;
}

/** Fetch `limit + 1` rows, then cut: the extra row only says whether another page exists. */
export function toPage<R extends { path: string; id: number }, T>(rows: R[], limit: number, present: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(present), nextCursor: more && last ? encodeCursor({ path: last.path, id: last.id }) : null };
}

/** Plain id-ordered pages, for lists outside the tree (accounts, audit newest first). */
export function decodeIdCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw invalid('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor from this list' }]);
  return n;
}

export function toIdPage<R extends { id: number }, T>(rows: R[], limit: number, present: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(present), nextCursor: more && last ? Buffer.from(String(last.id)).toString('base64url') : null };
}
