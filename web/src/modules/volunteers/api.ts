import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../app/api';
import { useCursorList } from '../../app/cursorList';
import type { Page, Resident } from '../../app/types';
import type { Volunteer, VolunteerInput } from './types';

export interface VolunteerFilter {
  unitId?: string;
  team?: string;
}

export function useVolunteers(filter: VolunteerFilter) {
  return useCursorList<Volunteer>(['volunteers', 'list'], '/volunteers', { unitId: filter.unitId, team: filter.team });
}

/**
 * Registers a volunteer. The mediation case form keeps its own list of the 矛盾调解 team, so that list is
 * refetched as well: a mediator registered here can be picked for a case at once.
 */
export function useCreateVolunteer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: VolunteerInput) => apiSend<Volunteer>('POST', '/volunteers', input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['volunteers'] }),
        queryClient.invalidateQueries({ queryKey: ['mediation', 'volunteers'] }),
      ]),
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
