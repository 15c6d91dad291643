import { describe, expect, it } from 'vitest';
import { isValidIdNumber, isValidPhone } from './validators';

describe('isValidPhone', () => {
  it('accepts mobile numbers and Lhasa landlines, with spaces or +86', () => {
    expect(isValidPhone('13908910000')).toBe(true);
    expect(isValidPhone('+86 139 0891 0000')).toBe(true);
    expect(isValidPhone('0891-6330000')).toBe(true);
  });

  it('refuses short or foreign-looking numbers', () => {
    expect(isValidPhone('1390891')).toBe(false);
    expect(isValidPhone('23908910000')).toBe(false);
  });
});

describe('isValidIdNumber', () => {
  it('accepts a number with the right check digit, lower-case x included', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('refuses a wrong check digit or length', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });
});
