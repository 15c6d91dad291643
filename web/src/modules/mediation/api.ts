import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend, apiUrl } from '../../app/api';
import { useCursorList } from '../../app/cursorList';
import type { Id, Page } from '../../app/types';
import type { AgreementInput, CaseDetail, CaseInput, CaseSummary, FailureInput, SessionInput, Volunteer, VisitInput } from './types';

export interface CaseFilter {
  unitId?: string;
  status?: string;
}

const caseUrl = (id: Id) => `/mediation/cases/${encodeURIComponent(String(id))}`;

export function useCases(filter: CaseFilter) {
  return useCursorList<CaseSummary>(['mediation', 'cases'], '/mediation/cases', { unitId: filter.unitId, status: filter.status });
}

export function useCase(id: Id | null) {
  return useQuery({
    queryKey: ['mediation', 'case', String(id)],
    queryFn: () => apiGet<CaseDetail>(caseUrl(id ?? '')),
    enabled: id !== null,
  });
}

/**
 * The mediation team within the caller's scope (a compound has a handful; one page is all of them). The list
 * holds only those serving (the server's default), so a volunteer whose service ended is not offered.
 */
export function useMediators(enabled: boolean) {
  return useQuery({
    queryKey: ['mediation', 'volunteers', 'mediation'],
    queryFn: () => apiGet<Page<Volunteer>>('/volunteers', { team: 'mediation', limit: 200 }),
    select: (page) => page.items,
    enabled,
  });
}

/** The signed agreement is a download the browser fetches itself (the session cookie goes with it). */
export function agreementPdfUrl(id: Id, lang: 'zh-CN' | 'bo'): string {
  return apiUrl(`${caseUrl(id)}/agreement.pdf`, { lang });
}

/**
 * After any write the case and the list change: the answer is the case as it is now. When someone else changed
 * the case meanwhile, it is fetched again so the user sees their change before trying once more.
 */
function useCaseWrite<I>(send: (input: I) => Promise<CaseDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (detail) => {
      queryClient.setQueryData(['mediation', 'case', String(detail.id)], detail);
      return queryClient.invalidateQueries({ queryKey: ['mediation', 'cases'] });
    },
    onError: (error) => {
      // VOLUNTEER_ENDED: the chosen mediator's service ended meanwhile; the picker drops them on refetch.
      if (error instanceof ApiError && ['STALE_VERSION', 'CASE_STATE', 'VOLUNTEER_ENDED'].includes(error.code)) void queryClient.invalidateQueries({ queryKey: ['mediation'] });
    },
  });
}

export function useCreateCase() {
  return useCaseWrite((input: CaseInput) => apiSend<CaseDetail>('POST', '/mediation/cases', input));
}

/** Every step sends the version the user saw, so a change made meanwhile by someone else is not overwritten. */
interface Step<I> {
  detail: CaseDetail;
  input: I;
}
const step = <I>(path: string) => ({ detail, input }: Step<I>) =>
  apiSend<CaseDetail>('POST', `${caseUrl(detail.id)}/${path}`, { version: detail.version, ...input });

export function useAddSession() {
  return useCaseWrite(step<SessionInput>('sessions'));
}

export function useRecordAgreement() {
  return useCaseWrite(step<AgreementInput>('agreement'));
}

export function useRecordFailure() {
  return useCaseWrite(step<FailureInput>('fail'));
}

export function useRecordVisit() {
  return useCaseWrite(step<VisitInput>('visits'));
}
