import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, LOCK_MS, MAX_FAILURES, WINDOW_MS } from './lockout.ts';

const t0 = new Date('2026-11-27T02:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('login lockout', () => {
  it('locks on the fifth failure within the window and not before', () => {
    let s = afterFailure(undefined, t0);
    for (let i = 1; i < MAX_FAILURES - 1; i++) s = afterFailure(s, at(i * 1000));
    expect(s.failures).toBe(MAX_FAILURES - 1);
    expect(isLocked(s, at(10_000))).toBe(false);
    s = afterFailure(s, at(10_000));
    expect(isLocked(s, at(10_001))).toBe(true);
    expect(isLocked(s, at(10_000 + LOCK_MS + 1))).toBe(false);
  });

  it('allows more failures per client address', () => {
    let s = afterFailure(undefined, t0, 30);
    for (let i = 1; i < 29; i++) s = afterFailure(s, at(i * 1000), 30);
    expect(isLocked(s, at(30_000))).toBe(false);
    s = afterFailure(s, at(31_000), 30);
    expect(isLocked(s, at(31_001))).toBe(true);
  });

  it('starts counting again after the window passes', () => {
    let s = afterFailure(undefined, t0);
    s = afterFailure(s, at(1000));
    s = afterFailure(s, at(WINDOW_MS + 5000));
    expect(s.failures).toBe(1);
  });

  it('starts counting again after a lock expires', () => {
    let s = afterFailure(undefined, t0);
    for (let i = 1; i < MAX_FAILURES; i++) s = afterFailure(s, at(i));
    expect(s.lockedUntil).not.toBeNull();
    s = afterFailure(s, at(LOCK_MS + 100));
    expect(s.failures).toBe(1);
    expect(s.lockedUntil).toBeNull();
  });
});
