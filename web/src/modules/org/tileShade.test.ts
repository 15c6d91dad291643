import { describe, expect, it } from 'vitest';
import { tileIntensity, tileTextColor } from './tileShade';

describe('tileIntensity', () => {
  it('is zero without a value and full at the maximum', () => {
    expect(tileIntensity(0, 10)).toBe(0);
    expect(tileIntensity(5, 0)).toBe(0);
    expect(tileIntensity(10, 10)).toBe(1);
  });

  it('keeps a small value visible', () => {
    expect(tileIntensity(1, 100)).toBeGreaterThanOrEqual(0.15);
  });

  it('switches the text to white on dark tiles', () => {
    expect(tileTextColor(0.9)).toBe('#ffffff');
    expect(tileTextColor(0.2)).not.toBe('#ffffff');
  });
});
