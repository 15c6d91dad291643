import { describe, expect, it } from 'vitest';
import { badInputPath, isBrokenMultipart, refusedInput } from './http.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('input no column can hold', () => {
  it('finds a NUL in text or in a key, at any depth, and names where', () => {
    expect(badInputPath({ a: { b: ['ok', 'x\u0000y'] } })).toEqual({ path: 'a.b.1', message: 'must not contain the NUL character' });
    expect(badInputPath({ 'k\u0000': 1 })?.message).toBe('must not contain the NUL character');
    expect(badInputPath('\u0000')).toEqual({ path: '', message: 'must not contain the NUL character' });
  });

  it('finds numbers that are not finite, as the validator leaves a query of 1e400', () => {
    expect(badInputPath({ limit: Infinity })).toEqual({ path: 'limit', message: 'must be a finite number' });
    expect(badInputPath([1, -Infinity])?.path).toBe('1');
    expect(badInputPath({ n: Number.NaN })?.path).toBe('n');
  });

  it('passes ordinary input, Tibetan and emoji included, and does not walk raw bytes', () => {
    expect(badInputPath({ title: 'ལྷ་ས 楼道灯 🙂', n: 2147483647, none: null, list: [1, 'a'] })).toBeNull();
    expect(badInputPath(undefined)).toBeNull();
    expect(badInputPath(Buffer.from([0, 1, 2]))).toBeNull();
  });

  it('survives a deeply nested body', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(badInputPath(deep)?.message).toBe('must not contain the NUL character');
  });
});

describe('errors that are the caller’s input, not the server’s fault', () => {
  it('maps the database refusing a value to a message, and nothing else', () => {
    for (const code of ['22P02', '22003', '22021', '22007', '22008', '22001']) expect(refusedInput(withCode(code))).toBe('A value is not valid for its field');
    expect(refusedInput(withCode('23503'))).toBe('A value refers to something that does not exist');
    expect(refusedInput(withCode('SQLITE_CONSTRAINT_FOREIGNKEY'))).not.toBeNull();
    expect(refusedInput(withCode('SQLITE_MISMATCH'))).not.toBeNull();
    for (const code of ['23505', '57P01', 'SQLITE_BUSY', 'ECONNREFUSED']) expect(refusedInput(withCode(code))).toBeNull();
    expect(refusedInput(new Error('boom'))).toBeNull();
    expect(refusedInput('22003')).toBeNull();
  });

  it('knows the multipart parser’s complaints about a broken body', () => {
    expect(isBrokenMultipart(new Error('Unexpected end of multipart data'))).toBe(true);
    expect(isBrokenMultipart(new Error('Multipart: Boundary not found'))).toBe(true);
    expect(isBrokenMultipart(new Error('Malformed part header'))).toBe(true);
    expect(isBrokenMultipart(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});
