import { describe, expect, it } from 'vitest';
import { GENESIS, canonicalJson, deriveChainKeys, freshRowContent, linkHash, rowContent, type ChainedRow } from './auditChain.ts';

const row: ChainedRow = {
  seq: 7,
  at: '2026-11-27T03:00:00.000Z',
  actor_user_id: 3,
  actor_name: 'linqiong',
  action: 'household.update',
  subject_type: 'household',
  subject_id: '42',
  path: '/1/2/3/',
  before_json: '{"room":"8201","area":90}',
  after_json: '{"area":95,"room":"8201"}',
  request_id: 'req-1',
};

describe('canonical JSON', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: '名' } })).toBe('{"a":{"c":"名","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('orders integer-like keys by code unit like every other key, not numerically', () => {
    expect(canonicalJson({ 10: 'x', 9: 'y', a: 'z' })).toBe('{"10":"x","9":"y","a":"z"}');
  });

  it('writes what JSON.stringify writes for dates, undefined and non-finite numbers', () => {
    const d = new Date('2026-01-02T03:04:05.000Z');
    expect(canonicalJson({ d, u: undefined, n: Number.NaN, list: [undefined, Infinity] })).toBe('{"d":"2026-01-02T03:04:05.000Z","list":[null,null],"n":null}');
  });

  it('is the same for the same value however its keys were ordered', () => {
    const value = { resident: { name: '洛桑', phone: '138****1234' }, fields: ['phone', 'idNumber'] };
    const reordered = { fields: ['phone', 'idNumber'], resident: { phone: '138****1234', name: '洛桑' } };
    expect(canonicalJson(reordered)).toBe(canonicalJson(value));
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe('row content', () => {
  it('covers every column that matters, and not how the details JSON was spelled', () => {
    const respelled = { ...row, before_json: '{ "area": 90, "room": "8201" }' };
    expect(rowContent(respelled)).toBe(rowContent(row));
    for (const [column, value] of [
      ['seq', 8],
      ['at', '2026-11-26T03:00:00.000Z'],
      ['actor_user_id', 4],
      ['actor_name', 'najin'],
      ['action', 'household.create'],
      ['subject_type', 'resident'],
      ['subject_id', '43'],
      ['path', '/1/2/4/'],
      ['before_json', '{"room":"8202","area":90}'],
      ['after_json', null],
      ['request_id', 'req-2'],
    ] as const) {
      expect(rowContent({ ...row, [column]: value }), column).not.toBe(rowContent(row));
    }
  });

  it('tells a JSON string from the same text that is not JSON, and SQL null from JSON null', () => {
    expect(rowContent({ ...row, after_json: '"x"' })).not.toBe(rowContent({ ...row, after_json: 'x' }));
    expect(rowContent({ ...row, after_json: 'null' })).not.toBe(rowContent({ ...row, after_json: null }));
  });
});

describe('the content of a row being written', () => {
  it('is what verify computes from the stored row, for details in canonical JSON', () => {
    const details = [{ b: [1, -0, 1e21, 0.1], a: { '10': null, '9': '藏' } }, 'text', 3, null, [], {}, { s: 'line\nbreak "quoted" \u2028' }];
    for (const value of details) {
      const stored = { ...row, before_json: canonicalJson(value), after_json: canonicalJson({ value }) };
      expect(freshRowContent(stored)).toBe(rowContent(stored));
    }
    expect(freshRowContent({ ...row, before_json: null, after_json: null })).toBe(rowContent({ ...row, before_json: null, after_json: null }));
  });
});

describe('link hash', () => {
  it('depends on the key, the previous hash and the content', () => {
    const keys = deriveChainKeys('secret-a');
    const h = linkHash(keys.row, GENESIS, rowContent(row));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(linkHash(deriveChainKeys('secret-b').row, GENESIS, rowContent(row))).not.toBe(h);
    expect(linkHash(keys.row, 'f'.repeat(64), rowContent(row))).not.toBe(h);
    expect(linkHash(keys.row, GENESIS, rowContent({ ...row, action: 'x' }))).not.toBe(h);
    expect(keys.head.equals(keys.row)).toBe(false);
  });
});
