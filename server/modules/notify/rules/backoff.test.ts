import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt } from './backoff.ts';

const at = new Date('2026-11-27T03:00:00.000Z');
const minutesLater = (d: Date | null) => (d === null ? null : (d.getTime() - at.getTime()) / 60_000);

describe('webhook retry backoff', () => {
  it('waits 1 min, 5 min, 30 min, 2 h and 6 h after the first five failures', () => {
    expect([1, 2, 3, 4, 5].map((n) => minutesLater(nextAttemptAt(n, at)))).toEqual([1, 5, 30, 120, 360]);
  });

  it('gives up after the sixth failed attempt', () => {
    expect(MAX_ATTEMPTS).toBe(6);
    expect(nextAttemptAt(6, at)).toBeNull();
    expect(nextAttemptAt(7, at)).toBeNull();
  });

  it('refuses a count that is not a failed attempt', () => {
    expect(() => nextAttemptAt(0, at)).toThrow(RangeError);
    expect(() => nextAttemptAt(1.5, at)).toThrow(RangeError);
  });
});
