import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend, apiUrl, readCookie, toApiError } from '../../app/api';
import { useCursorList } from '../../app/cursorList';
import type { Id, Items, Unit } from '../../app/types';
import type {
  Action,
  ActionBody,
  ActionResponse,
  BuildingHousehold,
  BulkAssignBody,
  BulkAssignResponse,
  BulkCloseResponse,
  BulkMergeBody,
  BulkRejectBody,
  CalendarDay,
  Category,
  DeadlineList,
  DeadlineRule,
  Department,
  FloodIssue,
  FloodList,
  IssueDetail,
  IssueItem,
  OrgBody,
  PlanResponse,
  PublicBuilding,
  PublicIssue,
  PublicRateBody,
  PublicReportBody,
  QueueView,
  ReportBody,
  ReportResponse,
  RouteItem,
  StatsResponse,
  BodyKind,
} from './types';

const enc = (value: Id) => encodeURIComponent(String(value));

/**
 * A POST that carries an `Idempotency-Key`: sending the same report twice (a retry after a lost answer, the
 * offline queue on two tabs) creates it once. The app's apiSend cannot add headers, so this is its twin.
 */
export async function postWithKey<T>(path: string, body: unknown, key: string): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    'idempotency-key': key,
  };
  const csrf = readCookie('xq_csrf', document.cookie);
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(apiUrl(path), { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'network error');
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw toApiError(response.status, parsed);
  return parsed as T;
}

export interface IssueFilter {
  unitId?: string;
  status?: string;
  categoryId?: string;
  size?: string;
  q?: string;
}

export function useIssueList(view: QueueView, filter: IssueFilter) {
  return useCursorList<IssueItem>(['issues', 'list', view], '/issues', { view, ...filter });
}

export function useIssue(id: string) {
  return useQuery({ queryKey: ['issues', 'detail', id], queryFn: () => apiGet<IssueDetail>(`/issues/${enc(id)}`) });
}

/** Everything about issues may change after a write: the queues, the detail, the plan and the figures. */
function useInvalidateIssues() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['issues'] });
}

export function useIssueAction(id: Id) {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: ({ action, body }: { action: Action; body: ActionBody }) =>
      apiSend<ActionResponse>('POST', `/issues/${enc(id)}/actions/${enc(action)}`, body),
    onSettled: invalidate,
  });
}

export function useBulkAssign() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (body: BulkAssignBody) => apiSend<BulkAssignResponse>('POST', '/issues/bulk-assign', body),
    onSettled: invalidate,
  });
}

/** Places with many anonymous QR reports in the last day (within a unit, or everywhere the caller reads). */
export function useFloods(unitId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['issues', 'floods', unitId ?? ''],
    queryFn: () => apiGet<FloodList>(`/issues/floods${unitId ? `?unitId=${enc(unitId)}` : ''}`),
    enabled,
    staleTime: 30_000,
  });
}

/** The anonymous reports of one place in the last day, optionally from one origin. */
export function useFloodIssues(unitId: string | undefined, origin: string | undefined) {
  const query = new URLSearchParams();
  if (unitId) query.set('unitId', unitId);
  if (origin) query.set('origin', origin);
  return useQuery({
    queryKey: ['issues', 'floods', 'items', unitId ?? '', origin ?? ''],
    queryFn: () => apiGet<Items<FloodIssue>>(`/issues/floods/items?${query.toString()}`),
    enabled: Boolean(unitId),
    select: (data) => data.items,
  });
}

export function useBulkReject() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (body: BulkRejectBody) => apiSend<BulkCloseResponse>('POST', '/issues/bulk-reject', body),
    onSettled: invalidate,
  });
}

export function useBulkMerge() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (body: BulkMergeBody) => apiSend<BulkCloseResponse>('POST', '/issues/bulk-merge', body),
    onSettled: invalidate,
  });
}

export function useReportIssue() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: ({ body, key }: { body: ReportBody; key: string }) => postWithKey<ReportResponse>('/issues', body, key),
    onSuccess: invalidate,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['issues', 'categories'],
    queryFn: () => apiGet<Items<Category>>('/issue-categories'),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });
}

export type CategoryInput = Omit<Category, 'id' | 'active' | 'sort'> & { sort?: number };

export function useCreateCategory() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (input: CategoryInput) => apiSend<Category>('POST', '/issue-categories', input),
    onSuccess: invalidate,
  });
}

export function usePatchCategory() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: Partial<Omit<Category, 'id' | 'code'>> }) =>
      apiSend<Category>('POST', `/issue-categories/${enc(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useIssueRoutes(unitId: string | undefined) {
  return useQuery({
    queryKey: ['issues', 'routes', unitId],
    queryFn: () => apiGet<Items<RouteItem>>('/issue-routes', { unitId }),
    enabled: unitId !== undefined,
    select: (data) => data.items,
  });
}

export function useSaveRoute() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (input: { unitId: number; categoryId: number; bodyKind: BodyKind }) =>
      apiSend<unknown>('POST', '/issue-routes', input),
    onSuccess: invalidate,
  });
}

export function useDeadlines() {
  return useQuery({
    queryKey: ['issues', 'deadlines'],
    queryFn: () => apiGet<DeadlineList>('/issue-deadlines'),
    staleTime: 5 * 60_000,
  });
}

export function useSaveDeadline() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (rule: DeadlineRule) => apiSend<unknown>('POST', '/issue-deadlines', rule),
    onSuccess: invalidate,
  });
}

export function useCalendarDays(year: number) {
  return useQuery({
    queryKey: ['issues', 'calendar', year],
    queryFn: () => apiGet<Items<CalendarDay>>('/calendar-days', { year }),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });
}

export function useSaveDay() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (day: CalendarDay) => apiSend<unknown>('POST', '/calendar-days', day),
    onSuccess: invalidate,
  });
}

export function useDeleteDay() {
  const invalidate = useInvalidateIssues();
  return useMutation({
    mutationFn: (day: string) => apiSend<unknown>('POST', '/calendar-days/delete', { day }),
    onSuccess: invalidate,
  });
}

export function useIssuePlan(compoundId: Id, enabled = true) {
  return useQuery({
    queryKey: ['issues', 'plan', String(compoundId)],
    queryFn: () => apiGet<PlanResponse>('/issues/plan', { unitId: compoundId }),
    enabled,
  });
}

export function useIssueStats(unitId: Id) {
  return useQuery({
    queryKey: ['issues', 'stats', String(unitId)],
    queryFn: () => apiGet<StatsResponse>('/issues/stats', { unitId }),
  });
}

export const qrSheetUrl = (compoundId: Id): string => apiUrl('/issues/qr-sheet.pdf', { unitId: compoundId });

// Org reads the issue pages need (where to send an issue, which room it is in).

export function useOrgUnit(id: Id | null) {
  return useQuery({
    queryKey: ['org', 'unit', String(id)],
    queryFn: () => apiGet<Unit>(`/org/units/${enc(id ?? '')}`),
    enabled: id !== null,
  });
}

export function useCompoundBodies(compoundId: Id | null) {
  return useQuery({
    queryKey: ['org', 'bodies', String(compoundId)],
    queryFn: () => apiGet<Items<OrgBody>>('/org/bodies', { unitId: compoundId ?? undefined }),
    enabled: compoundId !== null,
    select: (data) => data.items,
  });
}

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: ['org', 'departments'],
    queryFn: () => apiGet<Items<Department>>('/org/departments'),
    staleTime: 5 * 60_000,
    enabled,
    select: (data) => data.items,
  });
}

export function useBuildingRooms(buildingId: Id | null) {
  return useQuery({
    queryKey: ['org', 'unit', String(buildingId), 'households'],
    queryFn: () => apiGet<Items<BuildingHousehold>>(`/org/units/${enc(buildingId ?? '')}/households`),
    enabled: buildingId !== null,
    select: (data) => data.items,
  });
}

// The resident's pages: no account, the building's QR token and the report tokens kept by the phone.

export function usePublicBuilding(token: string) {
  return useQuery({
    queryKey: ['public', 'building', token],
    queryFn: () => apiGet<PublicBuilding>(`/public/buildings/${enc(token)}`),
    staleTime: 10 * 60_000,
  });
}

export function sendPublicReport(buildingToken: string, body: PublicReportBody, key: string): Promise<ReportResponse> {
  return postWithKey<ReportResponse>(`/public/buildings/${enc(buildingToken)}/issues`, body, key);
}

export function usePublicIssues(tokens: readonly string[]) {
  return useQuery({
    queryKey: ['public', 'issues', tokens.join(',')],
    queryFn: () => apiGet<Items<PublicIssue>>('/public/issues', { tokens: tokens.join(',') }),
    enabled: tokens.length > 0,
    select: (data) => data.items,
  });
}

export function useRatePublic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ token, body }: { token: string; body: PublicRateBody }) =>
      apiSend<ActionResponse>('POST', `/public/issues/${enc(token)}/rate`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['public', 'issues'] }),
  });
}
