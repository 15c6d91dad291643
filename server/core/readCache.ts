import type { Generation } from './db.ts';

/**
 * Values computed from the database, kept while the database's generation is unchanged (see DbHandle). With
 * no generation signal (PostgreSQL) nothing is kept and every read goes to the database.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { generation: number; value: V }>();

  constructor(
    generation: Generation | null,
    private readonly max: number,
    /** The tables the values are computed from; without them any write invalidates. */
    tables?: readonly string[],
  ) {
    this.generation = generation ? () => generation(tables) : null;
  }

  private readonly generation: (() => number) | null;

  /** Answers from the cache and computed anew, since the start (what the bench reports as the hit rate). */
  readonly stats = { hits: 0, misses: 0 };

  async getOrCompute(key: string, compute: () => Promise<V>): Promise<V> {
    if (!this.generation) {
      this.stats.misses++;
      return compute();
    }
    const before = this.generation();
    const hit = this.entries.get(key);
    if (hit && hit.generation === before) {
      this.stats.hits++;
      return hit.value;
    }
    this.stats.misses++;
    const value = await compute();
    // A write that landed while computing may not be in the value: keep it only if nothing changed.
    if (this.generation() === before) {
      this.entries.delete(key);
      if (this.entries.size >= this.max) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(key, { generation: before, value });
    }
    return value;
  }
}
