import { describe, expect, it } from 'vitest';
import { safeNext } from './next';

describe('safeNext', () => {
  it('follows a same-site path', () => {
    expect(safeNext('/people?tab=households')).toBe('/people?tab=households');
  });

  it('refuses other sites and empty values', () => {
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
