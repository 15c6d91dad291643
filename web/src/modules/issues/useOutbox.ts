import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { sendPublicReport } from './api';
import {
  enqueue,
  flushOutbox,
  isRetryable,
  keepReport,
  keptReports,
  lastBuilding,
  readOutbox,
  rememberBuilding,
  removeFromOutbox,
  type KeptReport,
  type KeyValueStore,
  type OutboxItem,
} from './offlineQueue';
import type { ReportResponse } from './types';

/** localStorage, or a memory stand-in where the browser blocks it (private mode on some phones). */
function browserStore(): KeyValueStore {
  try {
    const probe = '__xq_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

const store = browserStore();
/** One round at a time in this page: the `online` event and a page open may fire together. */
let running: Promise<unknown> | null = null;

export type SubmitOutcome =
  | { state: 'sent'; response: ReportResponse }
  | { state: 'queued'; photosDropped: boolean }
  | { state: 'refused'; error: unknown };

/**
 * The phone's outbox and the reports it follows. Waiting reports are sent when the page opens and whenever
 * the phone comes back online.
 */
export function useOutbox() {
  const queryClient = useQueryClient();
  const [outbox, setOutbox] = useState<OutboxItem[]>(() => readOutbox(store));
  const [kept, setKept] = useState<KeptReport[]>(() => keptReports(store));
  const [flushing, setFlushing] = useState(false);

  const refresh = useCallback(() => {
    setOutbox(readOutbox(store));
    setKept(keptReports(store));
  }, []);

  const flush = useCallback(async () => {
    if (readOutbox(store).every((item) => item.error !== null)) return;
    setFlushing(true);
    try {
      running ??= flushOutbox(store, (item) => sendPublicReport(item.buildingToken, item.body, item.key)).finally(() => {
        running = null;
      });
      await running;
    } finally {
      setFlushing(false);
      refresh();
      void queryClient.invalidateQueries({ queryKey: ['public', 'issues'] });
    }
  }, [queryClient, refresh]);

  useEffect(() => {
    // What waited from an earlier visit goes out as soon as the page is up.
    const opening = window.setTimeout(() => {
      if (navigator.onLine) void flush();
    }, 0);
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    // Another tab may have sent or queued something.
    window.addEventListener('storage', refresh);
    return () => {
      window.clearTimeout(opening);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('storage', refresh);
    };
  }, [flush, refresh]);

  /** Stores the report first (so closing the page loses nothing), then tries to send it. */
  const submit = useCallback(
    async (item: OutboxItem): Promise<SubmitOutcome> => {
      const stored = enqueue(store, item);
      refresh();
      if (!navigator.onLine && stored.stored) return { state: 'queued', photosDropped: stored.photosDropped };
      try {
        // The full report, photos included, even if storage could only keep its text.
        const response = await sendPublicReport(item.buildingToken, item.body, item.key);
        keepReport(store, { id: response.id, token: response.token, title: item.body.title, at: new Date().toISOString() });
        removeFromOutbox(store, item.key);
        return { state: 'sent', response };
      } catch (error) {
        if (isRetryable(error) && stored.stored) return { state: 'queued', photosDropped: stored.photosDropped };
        removeFromOutbox(store, item.key);
        return { state: 'refused', error };
      } finally {
        refresh();
      }
    },
    [refresh],
  );

  const discard = useCallback(
    (key: string) => {
      removeFromOutbox(store, key);
      refresh();
    },
    [refresh],
  );

  return { outbox, kept, flushing, flush, submit, discard };
}

export const saveLastBuilding = (building: { token: string; name: string }): void => rememberBuilding(store, building);
export const readLastBuilding = (): { token: string; name: string } | null => lastBuilding(store);
