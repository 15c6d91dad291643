import { describe, expect, it } from 'vitest';
import { isValidDate, isValidPhone, makeIdNumber, normaliseIdNumber, normalisePhone, parseIdNumber } from './identity.ts';

describe('ID-card numbers', () => {
  it('accepts a number with the right check digit and reads birth date and gender', () => {
    // The published GB 11643 example.
    expect(parseIdNumber('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' });
  });

  it('rejects a wrong check digit, wrong length and impossible dates', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({ error: 'check digit does not match' });
    expect(parseIdNumber('1101051949123100')).toHaveProperty('error');
    const feb30 = makeIdNumber('540102', '19900230', 11, 'male');
    expect(parseIdNumber(feb30)).toEqual({ error: 'birth date inside the number is not a real date' });
  });

  it('makes valid numbers with the requested gender', () => {
    const man = makeIdNumber('540102', '19850612', 42, 'male');
    const woman = makeIdNumber('540102', '19850612', 42, 'female');
    expect(parseIdNumber(man)).toEqual({ birthDate: '1985-06-12', gender: 'male' });
    expect(parseIdNumber(woman)).toEqual({ birthDate: '1985-06-12', gender: 'female' });
  });

  it('normalises case and spaces', () => {
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});

describe('phones and dates', () => {
  it('accepts mobiles and Lhasa landlines, rejects the rest', () => {
    expect(isValidPhone(normalisePhone('+86 138-0891-1234'))).toBe(true);
    expect(isValidPhone('08916321234')).toBe(true);
    expect(isValidPhone('1380891123')).toBe(false);
    expect(isValidPhone('23808911234')).toBe(false);
  });

  it('checks calendar dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2023-2-1')).toBe(false);
  });
});
