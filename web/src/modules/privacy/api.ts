import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../app/api';
import type { Id } from '../../app/types';
import type { AnonymiseResult, PersonRecord } from './types';

/** The signed-in person's own record, masked. */
export function useMyData() {
  return useQuery({ queryKey: ['privacy', 'me'], queryFn: () => apiGet<PersonRecord>('/me/data'), staleTime: 0 });
}

/** The own record with the numbers in full. Each call is recorded, so it runs only on an explicit click. */
export function useMyRevealedData(enabled: boolean) {
  return useQuery({
    queryKey: ['privacy', 'me', 'revealed'],
    queryFn: () => apiGet<PersonRecord>('/me/data', { reveal: 1 }),
    enabled,
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
}

export function useExportRecord() {
  return useMutation({
    mutationFn: ({ residentId, purpose }: { residentId: Id; purpose: string }) =>
      apiSend<PersonRecord>('POST', `/privacy/residents/${encodeURIComponent(String(residentId))}/export`, { purpose }),
  });
}

export function useAnonymise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ residentId, reason, confirmName }: { residentId: Id; reason: string; confirmName: string }) =>
      apiSend<AnonymiseResult>('POST', `/privacy/residents/${encodeURIComponent(String(residentId))}/anonymise`, { reason, confirmName }),
    // The register, households and issues all show the person: everything is read again.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
