import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api';
import {
  enqueue,
  flushOutbox,
  isRetryable,
  keepReport,
  keptReports,
  lastBuilding,
  newKey,
  OUTBOX_KEY,
  readOutbox,
  rememberBuilding,
  removeFromOutbox,
  type KeyValueStore,
  type OutboxItem,
} from './offlineQueue';
import type { ReportResponse } from './types';

/** localStorage as a map, optionally with a quota in characters like a real browser. */
class FakeStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const used = [...this.data].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0);
    if (used + value.length > this.quota) throw new Error('QuotaExceededError');
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const item = (key: string, title = `report ${key}`, photos: string[] = []): OutboxItem => ({
  key,
  buildingToken: 'tok-building-4',
  buildingName: '天峰祥和苑 4号楼',
  body: { title, body: 'the stairwell light is out', categoryId: 3, nature: 'help', placeKind: 'building', showName: false, photos },
  queuedAt: '2025-06-02T10:00:00.000Z',
  error: null,
  photosDropped: false,
});

const response = (id: number): ReportResponse => ({
  id,
  status: 'assigned',
  level: 'building',
  assigneeName: '索朗曲珍',
  dueAt: null,
  version: 2,
  token: `public-${id}`,
});

const offline = () => new ApiError(0, 'NETWORK', 'Failed to fetch');

describe('the outbox', () => {
  it('keeps reports in order with their idempotency keys', () => {
    const store = new FakeStore();
    enqueue(store, item('a'));
    enqueue(store, item('b'));
    expect(readOutbox(store).map((i) => i.key)).toEqual(['a', 'b']);
    // Queuing the same key again replaces it instead of sending it twice.
    enqueue(store, item('a', 'edited'));
    expect(readOutbox(store).map((i) => [i.key, i.body.title])).toEqual([
      ['b', 'report b'],
      ['a', 'edited'],
    ]);
    removeFromOutbox(store, 'b');
    removeFromOutbox(store, 'a');
    expect(store.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('drops the photos rather than the words when storage is full', () => {
    const store = new FakeStore(2000);
    const result = enqueue(store, item('a', 'with photos', ['data:image/jpeg;base64,' + 'x'.repeat(5000)]));
    expect(result).toEqual({ stored: true, photosDropped: true });
    const [kept] = readOutbox(store);
    expect(kept.body.title).toBe('with photos');
    expect(kept.body.photos).toEqual([]);
    expect(kept.photosDropped).toBe(true);
  });

  it('says so when even the text does not fit', () => {
    expect(enqueue(new FakeStore(10), item('a'))).toEqual({ stored: false, photosDropped: false });
  });

  it('survives garbage in storage', () => {
    const store = new FakeStore();
    store.setItem(OUTBOX_KEY, '{not json');
    expect(readOutbox(store)).toEqual([]);
    store.setItem(OUTBOX_KEY, JSON.stringify([{ key: 1 }, null, item('ok')]));
    expect(readOutbox(store).map((i) => i.key)).toEqual(['ok']);
  });
});

describe('sending what waits', () => {
  it('sends each report once with its own key, then keeps its token', async () => {
    const store = new FakeStore();
    enqueue(store, item('a'));
    enqueue(store, item('b'));
    const sent: string[] = [];
    let id = 10;
    const result = await flushOutbox(store, async (i) => {
      sent.push(i.key);
      id += 1;
      return response(id);
    });
    expect(sent).toEqual(['a', 'b']);
    expect(result).toMatchObject({ waiting: 0, failed: 0 });
    expect(readOutbox(store)).toEqual([]);
    expect(keptReports(store).map((r) => r.token)).toEqual(['public-12', 'public-11']);
    // A second round has nothing left to send.
    await flushOutbox(store, async () => {
      throw new Error('must not be called');
    });
  });

  it('stops at the first network failure and keeps everything for later', async () => {
    const store = new FakeStore();
    enqueue(store, item('a'));
    enqueue(store, item('b'));
    let calls = 0;
    const result = await flushOutbox(store, async () => {
      calls += 1;
      throw offline();
    });
    expect(calls).toBe(1);
    expect(result).toEqual({ sent: [], waiting: 2, failed: 0 });
    expect(readOutbox(store).map((i) => i.key)).toEqual(['a', 'b']);
  });

  it('marks a report the server refuses, never resends it, and goes on with the next', async () => {
    const store = new FakeStore();
    enqueue(store, item('bad'));
    enqueue(store, item('good'));
    const result = await flushOutbox(store, async (i) => {
      if (i.key === 'bad') throw new ApiError(400, 'VALIDATION_FAILED', 'bad');
      return response(5);
    });
    expect(result).toMatchObject({ waiting: 0, failed: 1 });
    expect(readOutbox(store)).toMatchObject([{ key: 'bad', error: 'VALIDATION_FAILED' }]);
    let called = false;
    await flushOutbox(store, async () => {
      called = true;
      return response(6);
    });
    expect(called).toBe(false);
  });

  it('retries only what may heal by itself', () => {
    expect(isRetryable(offline())).toBe(true);
    expect(isRetryable(new ApiError(503, 'DATABASE_UNAVAILABLE', ''))).toBe(true);
    expect(isRetryable(new ApiError(429, 'RATE_LIMITED', ''))).toBe(true);
    expect(isRetryable(new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', ''))).toBe(true);
    expect(isRetryable(new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', ''))).toBe(false);
    expect(isRetryable(new ApiError(404, 'NOT_FOUND', ''))).toBe(false);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
  });
});

describe('the reports the phone follows', () => {
  it('keeps each token once, newest first', () => {
    const store = new FakeStore();
    keepReport(store, { id: 1, token: 't1', title: 'one', at: '2025-01-01' });
    keepReport(store, { id: 2, token: 't2', title: 'two', at: '2025-01-02' });
    keepReport(store, { id: 1, token: 't1', title: 'one', at: '2025-01-03' });
    expect(keptReports(store).map((r) => r.token)).toEqual(['t1', 't2']);
    expect(keptReports(store)[0].at).toBe('2025-01-03');
  });

  it('remembers the last building scanned', () => {
    const store = new FakeStore();
    expect(lastBuilding(store)).toBeNull();
    rememberBuilding(store, { token: 'tok', name: '4号楼' });
    expect(lastBuilding(store)).toEqual({ token: 'tok', name: '4号楼' });
  });

  it('makes UUIDs for idempotency keys', () => {
    const a = newKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newKey()).not.toBe(a);
  });
});
