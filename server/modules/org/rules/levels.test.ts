import { describe, expect, it } from 'vitest';
import { childLevel } from './levels.ts';

describe('childLevel', () => {
  it('follows the five-level structure and stops at buildings', () => {
    expect(childLevel('street')).toBe('community');
    expect(childLevel('community')).toBe('compound');
    expect(childLevel('compound')).toBe('building');
    expect(childLevel('building')).toBeNull();
  });
});
