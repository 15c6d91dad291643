import { describe, expect, it } from 'vitest';
import { ReadCache } from './readCache.ts';

describe('ReadCache', () => {
  it('keeps a value while the generation holds and recomputes after it moves', async () => {
    let generation = 1;
    let computed = 0;
    const cache = new ReadCache<number>(() => generation, 10);
    const read = () => cache.getOrCompute('k', async () => ++computed);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    generation++;
    expect(await read()).toBe(2);
  });

  it('does not keep a value computed while a write landed', async () => {
    let generation = 1;
    let computed = 0;
    const cache = new ReadCache<number>(() => generation, 10);
    await cache.getOrCompute('k', async () => {
      generation++;
      return ++computed;
    });
    expect(await cache.getOrCompute('k', async () => ++computed)).toBe(2);
  });

  it('keeps nothing without a generation signal', async () => {
    let computed = 0;
    const cache = new ReadCache<number>(null, 10);
    await cache.getOrCompute('k', async () => ++computed);
    expect(await cache.getOrCompute('k', async () => ++computed)).toBe(2);
  });

  it('drops the least recently stored entry beyond its size', async () => {
    let computed = 0;
    const cache = new ReadCache<number>(() => 1, 2);
    for (const k of ['a', 'b', 'c']) await cache.getOrCompute(k, async () => ++computed);
    expect(await cache.getOrCompute('a', async () => ++computed)).toBe(4);
    expect(await cache.getOrCompute('c', async () => ++computed)).toBe(3);
  });
});
