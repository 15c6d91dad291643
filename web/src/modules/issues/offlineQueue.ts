import { ApiError } from '../../app/api';
import type { PublicReportBody, ReportResponse } from './types';

/**
 * Nothing a resident submits is lost: a report that cannot be sent (no signal in the stairwell) waits in the
 * phone's storage with its Idempotency-Key and goes out when the phone is back online or the page opens
 * again. The same key on every attempt means the server creates it once, however often it is retried.
 * The tokens of sent reports are kept too: they are the resident's only way back to them, without an account.
 */

/** The part of localStorage used here, so tests can pass a fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const OUTBOX_KEY = 'xq.issues.outbox';
export const KEPT_KEY = 'xq.issues.reports';
/** The phone keeps the most recent reports; older ones can still be followed by their link. */
const MAX_KEPT = 100;

export interface OutboxItem {
  /** The Idempotency-Key, made once when the resident pressed send. */
  key: string;
  buildingToken: string;
  buildingName: string;
  body: PublicReportBody;
  queuedAt: string;
  /** The server refused it for good (not a network problem); shown to the resident, never resent. */
  error: string | null;
  /** The phone's storage was full: the text was kept, the photos could not be. */
  photosDropped: boolean;
}

export interface KeptReport {
  id: number;
  token: string;
  title: string;
  at: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readList(store: KeyValueStore, key: string): Record<string, unknown>[] {
  try {
    const parsed = JSON.parse(store.getItem(key) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
  } catch {
    return [];
  }
}

export function readOutbox(store: KeyValueStore): OutboxItem[] {
  return readList(store, OUTBOX_KEY)
    .filter((item) => typeof item.key === 'string' && typeof item.buildingToken === 'string' && isRecord(item.body))
    .map((item) => ({
      key: String(item.key),
      buildingToken: String(item.buildingToken),
      buildingName: typeof item.buildingName === 'string' ? item.buildingName : '',
      body: item.body as unknown as PublicReportBody,
      queuedAt: typeof item.queuedAt === 'string' ? item.queuedAt : '',
      error: typeof item.error === 'string' ? item.error : null,
      photosDropped: item.photosDropped === true,
    }));
}

function trySet(store: KeyValueStore, key: string, value: unknown): boolean {
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds a report to the outbox. When storage is full the photos give way (newest report first), so at least
 * the words survive; `stored` is false only if even the text does not fit.
 */
export function enqueue(store: KeyValueStore, item: OutboxItem): { stored: boolean; photosDropped: boolean } {
  const items = [...readOutbox(store).filter((other) => other.key !== item.key), item];
  if (trySet(store, OUTBOX_KEY, items)) return { stored: true, photosDropped: false };
  for (let i = items.length - 1; i >= 0; i -= 1) {
    if (!items[i].body.photos?.length) continue;
    items[i] = { ...items[i], body: { ...items[i].body, photos: [] }, photosDropped: true };
    if (trySet(store, OUTBOX_KEY, items)) return { stored: true, photosDropped: true };
  }
  return { stored: false, photosDropped: false };
}

export function removeFromOutbox(store: KeyValueStore, key: string): void {
  const items = readOutbox(store).filter((item) => item.key !== key);
  if (items.length === 0) store.removeItem(OUTBOX_KEY);
  else trySet(store, OUTBOX_KEY, items);
}

function markFailed(store: KeyValueStore, key: string, error: string): void {
  trySet(
    store,
    OUTBOX_KEY,
    readOutbox(store).map((item) => (item.key === key ? { ...item, error } : item)),
  );
}

export function keptReports(store: KeyValueStore): KeptReport[] {
  return readList(store, KEPT_KEY)
    .filter((r) => typeof r.token === 'string' && typeof r.id === 'number')
    .map((r) => ({
      id: Number(r.id),
      token: String(r.token),
      title: typeof r.title === 'string' ? r.title : '',
      at: typeof r.at === 'string' ? r.at : '',
    }));
}

/** Remembers a sent report, newest first, once per token. */
export function keepReport(store: KeyValueStore, report: KeptReport): void {
  const others = keptReports(store).filter((r) => r.token !== report.token);
  trySet(store, KEPT_KEY, [report, ...others].slice(0, MAX_KEPT));
}

/**
 * Whether a failed send is worth repeating: no answer at all (offline, a dropped connection), a busy or
 * broken server, or the same key still being processed. Anything else the server said is final.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error.status === 0 || error.status >= 500 || error.status === 429 || error.status === 408) return true;
  return error.code === 'IDEMPOTENCY_IN_PROGRESS';
}

export interface FlushResult {
  sent: KeptReport[];
  /** Still waiting for the network. */
  waiting: number;
  /** Refused by the server; kept for the resident to read, not resent. */
  failed: number;
}

/**
 * Sends what waits in the outbox, oldest first. The first network failure stops the round: the rest would
 * fail the same way, and the order of reports is kept.
 */
export async function flushOutbox(
  store: KeyValueStore,
  send: (item: OutboxItem) => Promise<ReportResponse>,
  now: () => Date = () => new Date(),
): Promise<FlushResult> {
  const sent: KeptReport[] = [];
  for (const item of readOutbox(store)) {
    if (item.error !== null) continue;
    try {
      const response = await send(item);
      const kept = { id: response.id, token: response.token, title: item.body.title, at: now().toISOString() };
      keepReport(store, kept);
      removeFromOutbox(store, item.key);
      sent.push(kept);
    } catch (error) {
      if (isRetryable(error)) break;
      markFailed(store, item.key, error instanceof ApiError ? error.code : 'INTERNAL');
    }
  }
  const left = readOutbox(store);
  return { sent, waiting: left.filter((i) => i.error === null).length, failed: left.filter((i) => i.error !== null).length };
}

/** A v4 UUID; crypto.randomUUID exists only on https and localhost, getRandomValues everywhere. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const LAST_BUILDING_KEY = 'xq.issues.building';

/** The building whose code was scanned last, so "report another" works from the list of reports. */
export function rememberBuilding(store: KeyValueStore, building: { token: string; name: string }): void {
  trySet(store, LAST_BUILDING_KEY, building);
}

export function lastBuilding(store: KeyValueStore): { token: string; name: string } | null {
  try {
    const parsed = JSON.parse(store.getItem(LAST_BUILDING_KEY) ?? 'null') as unknown;
    if (isRecord(parsed) && typeof parsed.token === 'string' && typeof parsed.name === 'string') {
      return { token: parsed.token, name: parsed.name };
    }
  } catch {
    // Unreadable: as if none was kept.
  }
  return null;
}
