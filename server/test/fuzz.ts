/**
 * The pieces of the API fuzz suite (`fuzz.api.test.ts`): a seeded random source, values made from the OpenAPI
 * schemas of the running app (plausible ones and hostile ones), and broken multipart bodies.
 */

/** The part of JSON Schema / OpenAPI 3.0 that the app's TypeBox schemas come out as. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** mulberry32: small, fast and the same on every machine, so a seed replays a run exactly. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Text a real user might type, in the three languages of the app and then some. */
const TEXTS = ['测试', '楼道灯坏了', 'ལྷ་སའི་གྲོང་ཁྱེར།', 'བཀྲ་ཤིས་བདེ་ལེགས།', 'Room 3-201', 'abc', '🙂👍🏽', '13800138000', 'a@example.org', 'https://example.org/hook'];

/** Candidates tried against a schema's pattern before giving up on it. */
const PATTERN_CANDIDATES = ['2026-11-27', 'abcdefgh12345678', 'abc', 'a_b', 'repair', '13800138000', '08:30-17:30', 'A1', '1', 'x'];

/** Hostile values for any field: wrong types, nulls, edges of 32-bit and double ranges, NUL, size, unicode. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  '',
  'abc',
  -1,
  0,
  1.5,
  2147483647,
  2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  'Infinity',
  '1e400',
  'NaN',
  '2026-13-01',
  '9999-99-99',
  'a\u0000b',
  '\u0000',
  'x'.repeat(70_000),
  'ཀ'.repeat(5000),
  '🙂'.repeat(3000),
  'ལྷ་ས\u0F0B\u200D🙂\u202E',
  [],
  [1, 2, 3],
  {},
  { a: 1 },
  [{}],
];

/** Hostile values as they would appear in a query string or a path segment (already URL-encoded). */
export const HOSTILE_SEGMENTS: readonly string[] = [
  '',
  '0',
  '-1',
  '1.5',
  '2147483647',
  '2147483648',
  '99999999999999999999',
  '1e400',
  '-1e400',
  'Infinity',
  'NaN',
  'null',
  'true',
  'abc',
  '%00',
  'a%00b',
  '%ff%fe',
  encodeURIComponent('ལྷ་ས🙂'),
  encodeURIComponent('楼道'),
  'x'.repeat(5000),
  '2026-13-01',
  '9999-99-99',
  '..%2f..%2fetc%2fpasswd',
  '__proto__',
  'constructor',
];

export function resolve(doc: OpenApi, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return resolve(doc, doc.components?.schemas?.[name]);
  }
  return schema;
}

function typeOf(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  return schema.type;
}

function textWithin(rng: Rng, min: number, max: number): string {
  let s = rng.pick(TEXTS);
  while ([...s].length < min) s += rng.pick(TEXTS);
  const chars = [...s];
  return chars.slice(0, Math.max(min, Math.min(max, chars.length))).join('');
}

/** Real values by field name (unitId, api_key, …), so plausible cases often reach the handler's own checks. */
const pools = new Map<string, readonly (number | string)[]>();
export function setPool(field: string, values: readonly (number | string)[]): void {
  pools.set(field, values);
}

/** A value that the schema probably accepts (a plausible request; ids are small or real, so they often exist). */
export function plausible(doc: OpenApi, raw: Schema | undefined, rng: Rng, depth = 0, key = ''): unknown {
  const schema = resolve(doc, raw);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rng.pick(schema.enum);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => plausible(doc, s, rng, depth + 1, key)));
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const nonNull = branches.filter((b) => resolve(doc, b).type !== 'null');
    if (nonNull.length === 0 || (nonNull.length < branches.length && rng.chance(0.1))) return null;
    return plausible(doc, rng.pick(nonNull), rng, depth + 1, key);
  }
  if ((schema.nullable || (Array.isArray(schema.type) && schema.type.includes('null'))) && rng.chance(0.15)) return null;
  switch (typeOf(schema)) {
    case 'integer':
    case 'number': {
      const pool = pools.get(key)?.filter((v) => typeof v === 'number');
      if (pool && pool.length > 0 && rng.chance(0.7)) return rng.pick(pool);
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
      const near = Math.min(max, Math.max(min, rng.int(1, 40)));
      const value = rng.chance(0.8) ? near : rng.pick([min, max]);
      return typeOf(schema) === 'integer' ? Math.round(value) : value;
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'string': {
      const pool = pools.get(key)?.filter((v) => typeof v === 'string');
      if (pool && pool.length > 0 && rng.chance(0.8)) return rng.pick(pool);
      if (schema.format === 'date') return `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      if (schema.format === 'date-time') return '2026-11-27T03:00:00.000Z';
      if (schema.pattern) {
        const re = new RegExp(schema.pattern);
        return PATTERN_CANDIDATES.find((c) => re.test(c)) ?? 'x';
      }
      return textWithin(rng, schema.minLength ?? 0, schema.maxLength ?? 40);
    }
    case 'array': {
      if (depth > 6) return [];
      const n = rng.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3));
      return Array.from({ length: Math.max(n, schema.minItems ?? 0) }, () => plausible(doc, schema.items, rng, depth + 1, key));
    }
    case 'object':
    default: {
      if (!schema.properties || depth > 6) return {};
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties)) {
        if (schema.required?.includes(name) || rng.chance(0.5)) out[name] = plausible(doc, prop, rng, depth + 1, name);
      }
      return out;
    }
  }
}

/** The plausible value with one field (at any depth) swapped for a hostile one; the path says which. */
export function withHostileField(value: unknown, rng: Rng): { value: unknown; path: string } {
  const paths: string[][] = [];
  const walk = (v: unknown, at: string[]) => {
    if (at.length > 0) paths.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, String(i)]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(value, []);
  const hostile = rng.pick(HOSTILE_VALUES);
  if (paths.length === 0 || value === null || typeof value !== 'object') return { value: hostile, path: '(whole)' };
  const path = rng.pick(paths);
  const copy: unknown = structuredClone(value);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] ?? ''] = hostile;
  return { value: copy, path: path.join('.') };
}

export interface RawBody {
  name: string;
  contentType: string;
  payload: string | Buffer;
}

/** Bodies that are not what the route expects at all: broken JSON, prototype keys, wrong shapes, deep nesting. */
export function hostileBodies(plausibleBody: unknown): RawBody[] {
  const base = plausibleBody !== null && typeof plausibleBody === 'object' && !Array.isArray(plausibleBody) ? (plausibleBody as Record<string, unknown>) : {};
  const firstKey = Object.keys(base)[0] ?? 'x';
  const j = 'application/json';
  return [
    { name: 'json null', contentType: j, payload: 'null' },
    { name: 'json array where an object goes', contentType: j, payload: JSON.stringify([base]) },
    { name: 'json string', contentType: j, payload: '"text"' },
    { name: 'json number 1e400', contentType: j, payload: '1e400' },
    { name: 'empty json body', contentType: j, payload: '' },
    { name: 'cut-off json', contentType: j, payload: JSON.stringify(base).slice(0, -1) },
    { name: 'field 1e400 (raw json)', contentType: j, payload: JSON.stringify({ ...base, [firstKey]: 0 }).replace(`"${firstKey}":0`, `"${firstKey}":1e400`) },
    { name: 'field -1e400 (raw json)', contentType: j, payload: JSON.stringify({ ...base, [firstKey]: 0 }).replace(`"${firstKey}":0`, `"${firstKey}":-1e400`) },
    { name: '__proto__ key', contentType: j, payload: `{"__proto__":{"isAdmin":true},${JSON.stringify(base).slice(1)}`.replace(/,}$/, '}') },
    { name: 'constructor.prototype key', contentType: j, payload: JSON.stringify({ ...base, constructor: { prototype: { isAdmin: true } } }) },
    { name: 'NUL in a key', contentType: j, payload: JSON.stringify({ ...base, 'a\u0000b': 1 }) },
    { name: 'deeply nested arrays', contentType: j, payload: `${'['.repeat(5000)}${']'.repeat(5000)}` },
    { name: 'lone surrogate', contentType: j, payload: JSON.stringify({ ...base, [firstKey]: '\ud800' }).replace('"\\ud800"', '"\\ud800"') },
    { name: 'form-encoded body', contentType: 'application/x-www-form-urlencoded', payload: `${encodeURIComponent(firstKey)}=%00&x=1e400` },
    { name: 'text/plain body', contentType: 'text/plain', payload: 'hello' },
    { name: 'xml body', contentType: 'application/xml', payload: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>' },
  ];
}

const BOUNDARY = '----xqfuzz7MA4YWxkTrZu0gW';

/** Multipart bodies that are broken in the ways a phone on a bad line or an attacker sends them. */
export function brokenMultiparts(): RawBody[] {
  const mp = `multipart/form-data; boundary=${BOUNDARY}`;
  const filePart = (name: string, content: string | Buffer, field = 'file') =>
    Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), Buffer.from(content)]);
  const end = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return [
    { name: 'multipart without closing boundary', contentType: mp, payload: filePart('orders.csv', 'a,b\n1,2\n') },
    { name: 'multipart with cut-off part headers', contentType: mp, payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filena` },
    { name: 'multipart without a boundary parameter', contentType: 'multipart/form-data', payload: Buffer.concat([filePart('a.csv', 'a,b\n1,2\n'), end]) },
    { name: 'multipart with an empty body', contentType: mp, payload: '' },
    { name: 'multipart with only the closing boundary', contentType: mp, payload: `--${BOUNDARY}--\r\n` },
    { name: 'a text field instead of a file', contentType: mp, payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--${BOUNDARY}--\r\n` },
    { name: 'a file in another field', contentType: mp, payload: Buffer.concat([filePart('a.csv', 'a,b\n1,2\n', 'other'), end]) },
    { name: 'random bytes named .xlsx', contentType: mp, payload: Buffer.concat([filePart('a.xlsx', Buffer.from('PK\u0003\u0004garbage-that-is-not-a-zip')), end]) },
    { name: 'csv with NUL, 1e400 and Tibetan', contentType: mp, payload: Buffer.concat([filePart('a.csv', '工单编号,标题,内容\nA\u0000B,1e400,ལྷ་ས🙂\n,,\n'), end]) },
    { name: 'two files', contentType: mp, payload: Buffer.concat([filePart('a.csv', 'a\n1\n'), Buffer.from('\r\n'), filePart('b.csv', 'b\n2\n'), end]) },
  ];
}
