import { describe, expect, it } from 'vitest';
import { fitWithin, MAX_EDGE, photosLeft } from './photos';

describe('photo downscaling size', () => {
  it('shrinks the longer edge to 1600 px and keeps the proportions', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(4000, 1000, 1000)).toEqual({ width: 1000, height: 250 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(MAX_EDGE, 10)).toEqual({ width: MAX_EDGE, height: 10 });
  });

  it('keeps at least one pixel and refuses empty images', () => {
    expect(fitWithin(100000, 10)).toEqual({ width: 1600, height: 1 });
    expect(fitWithin(0, 10)).toEqual({ width: 0, height: 0 });
  });

  it('allows nine photos in all', () => {
    expect(photosLeft(0)).toBe(9);
    expect(photosLeft(7)).toBe(2);
    expect(photosLeft(12)).toBe(0);
  });
});
