import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend, apiUpload, apiUrl } from '../../app/api';
import { useCursorList } from '../../app/cursorList';
import type { Id } from '../../app/types';
import type { ApiKey, HotlineImportResult, HotlineSource, NewApiKey, Preview, SourceInput } from './types';

const SOURCES = ['hotline', 'sources'] as const;
const KEYS = ['open311', 'keys'] as const;

const idPart = (id: Id) => encodeURIComponent(String(id));

/** The hotline's exports, as the server reads them: a workbook or CSV (UTF-8 or GB18030). */
export const ORDER_FILE_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** The reply sheet for the hotline over a period; either end may be open. */
export const replySheetUrl = (sourceId: Id, from: string, to: string) =>
  apiUrl('/hotline/export.xlsx', { sourceId: String(sourceId), from, to });

/** Every source the caller imports for (a community has one or two; a street a few more). */
export function useSources() {
  return useCursorList<HotlineSource>([...SOURCES, 'list'], '/hotline/sources', {});
}

function useSourceMutation<V>(send: (variables: V) => Promise<HotlineSource>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: SOURCES }) });
}

export function useCreateSource() {
  return useSourceMutation((input: SourceInput & { unitId: number }) => apiSend<HotlineSource>('POST', '/hotline/sources', input));
}

export function useUpdateSource() {
  return useSourceMutation(({ id, input }: { id: Id; input: SourceInput }) =>
    apiSend<HotlineSource>('POST', `/hotline/sources/${idPart(id)}`, input),
  );
}

/** A mutation that sends one file with upload progress (0–100). */
function useUpload<V, R>(send: (variables: V, onProgress: (percent: number) => void) => Promise<R>, onSuccess?: () => Promise<unknown>) {
  const [progress, setProgress] = useState(0);
  const mutation = useMutation({
    mutationFn: (variables: V) => {
      setProgress(0);
      return send(variables, setProgress);
    },
    onSuccess,
  });
  return { ...mutation, progress };
}

/** Reads a sample of a source's export: its headers, a guessed mapping and the first rows. */
export function usePreview() {
  return useUpload((file: File, onProgress) => apiUpload<Preview>('/hotline/preview', {}, file, onProgress));
}

/** Brings a file of work orders in as issues; all rows or none. */
export function useHotlineImport() {
  const queryClient = useQueryClient();
  return useUpload(
    ({ sourceId, file }: { sourceId: Id; file: File }, onProgress) =>
      apiUpload<HotlineImportResult>('/hotline/import', { sourceId: String(sourceId) }, file, onProgress),
    // New issues change the queues and the open-issue counts on the building tiles.
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['issues'] }),
        queryClient.invalidateQueries({ queryKey: ['org'] }),
      ]),
  );
}

export function useApiKeys() {
  return useCursorList<ApiKey>([...KEYS, 'list'], '/open311/keys', {});
}

function useKeyMutation<V, R>(send: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS }) });
}

/** Issues a key; the answer is the only time the whole key is seen. */
export function useCreateKey() {
  return useKeyMutation((input: { name: string; unitId: number }) => apiSend<NewApiKey>('POST', '/open311/keys', input));
}

export function useRevokeKey() {
  return useKeyMutation((id: Id) => apiSend<ApiKey>('POST', `/open311/keys/${idPart(id)}/revoke`));
}
