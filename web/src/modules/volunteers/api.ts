import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend } from '../../app/api';
import { useCursorList } from '../../app/cursorList';
import type { Id, Page, Resident } from '../../app/types';
import type { EndServiceInput, Volunteer, VolunteerChanges, VolunteerInput, VolunteerStatus } from './types';

export interface VolunteerFilter {
  unitId?: string;
  team?: string;
  /** Those serving unless asked otherwise (the server's default). */
  status?: VolunteerStatus;
}

const volunteerUrl = (id: Id) => `/volunteers/${encodeURIComponent(String(id))}`;

export function useVolunteers(filter: VolunteerFilter) {
  return useCursorList<Volunteer>(['volunteers', 'list'], '/volunteers', { unitId: filter.unitId, team: filter.team, status: filter.status });
}

/**
 * After any write the volunteer lists change. The mediation case form keeps its own list of the 矛盾调解 team,
 * so that list is refetched as well: a mediator registered here can be picked at once, one whose service
 * ended is no longer offered.
 */
function useVolunteerWrite<I>(send: (input: I) => Promise<Volunteer>) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: ['volunteers'] }), queryClient.invalidateQueries({ queryKey: ['mediation', 'volunteers'] })]);
  return useMutation({
    mutationFn: send,
    onSuccess: refresh,
    // Ended by someone else meanwhile: show the volunteer as they are now.
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'VOLUNTEER_ENDED') void refresh();
    },
  });
}

export function useCreateVolunteer() {
  return useVolunteerWrite((input: VolunteerInput) => apiSend<Volunteer>('POST', '/volunteers', input));
}

export function useUpdateVolunteer() {
  return useVolunteerWrite(({ id, changes }: { id: Id; changes: VolunteerChanges }) => apiSend<Volunteer>('POST', volunteerUrl(id), changes));
}

/** Ends a volunteer's service (离队) on a day, with an optional reason. */
export function useEndVolunteer() {
  return useVolunteerWrite(({ id, input }: { id: Id; input: EndServiceInput }) => apiSend<Volunteer>('POST', `${volunteerUrl(id)}/end`, input));
}

/** The resident a volunteer is linked to, to name them in the edit form (masked like every resident read). */
export function useLinkedResident(id: Id | null, enabled: boolean) {
  return useQuery({
    queryKey: ['volunteers', 'resident', String(id)],
    queryFn: () => apiGet<Resident>(`/org/residents/${encodeURIComponent(String(id))}`),
    enabled: enabled && id !== null,
  });
}

/** How many residents one search offers; a name search narrower than this is expected. */
const RESIDENT_OPTIONS = 20;

/**
 * Residents of a unit matching a name (or a full phone / ID number), to link a volunteer to the resident
 * record. The list is masked like every resident list; nothing here reveals personal data.
 */
export function useResidentSearch(unitId: string | undefined, q: string, enabled: boolean) {
  const text = q.trim();
  return useQuery({
    queryKey: ['volunteers', 'residents', unitId, text],
    queryFn: () => apiGet<Page<Resident>>('/org/residents', { unitId, q: text, limit: RESIDENT_OPTIONS }),
    select: (page) => page.items,
    enabled: enabled && unitId !== undefined && text !== '',
  });
}
