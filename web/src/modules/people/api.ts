import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../app/api';
import { useCursorList } from '../../app/cursorList';
import type {
  CentralHousehold,
  Gender,
  Household,
  HouseholdDetail,
  Id,
  Items,
  PartyMember,
  Relation,
  Resident,
} from '../../app/types';

export interface ListFilter {
  unitId: string | undefined;
  q?: string;
}

export function useResidents(filter: ListFilter) {
  return useCursorList<Resident>(['people', 'residents'], '/org/residents', { unitId: filter.unitId, q: filter.q });
}

export function useHouseholds(filter: ListFilter) {
  return useCursorList<Household>(['people', 'households'], '/org/households', { unitId: filter.unitId, q: filter.q });
}

export function usePartyMembers(filter: ListFilter) {
  return useCursorList<PartyMember>(['people', 'party-members'], '/org/party-members', { unitId: filter.unitId });
}

export function useCentralHouseholds(unitId: string | undefined) {
  return useQuery({
    queryKey: ['people', 'central-households', unitId],
    queryFn: () => apiGet<Items<CentralHousehold>>('/org/central-households', { unitId }),
    select: (data) => data.items,
  });
}

export function useHousehold(id: Id | null) {
  return useQuery({
    queryKey: ['people', 'household', String(id)],
    queryFn: () => apiGet<HouseholdDetail>(`/org/households/${encodeURIComponent(String(id))}`),
    enabled: id !== null,
  });
}

/** The unmasked record. Every call is written to the audit log, so it runs only on an explicit click. */
export function useRevealedResident(id: Id, enabled: boolean) {
  return useQuery({
    queryKey: ['revealed', 'resident', String(id)],
    queryFn: () => apiGet<Resident>(`/org/residents/${encodeURIComponent(String(id))}`, { reveal: 1 }),
    enabled,
    // Personal data is not kept around once the drawer is closed, and never re-fetched behind the user's back.
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
}

/** Gender and birth date may be left out when the ID number carries them; phone and ID number are optional. */
export interface ResidentInput {
  householdId: number;
  name: string;
  gender?: Gender;
  ethnicity?: string;
  birthDate?: string;
  phone?: string;
  idNumber?: string;
  relation: Relation;
}

export interface HouseholdInput {
  buildingId: number;
  unitNo: number;
  floor: number;
  room: string;
  area: number;
}

/** People and org figures both change after a write; refetch what is on screen. */
function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['people'] }),
      queryClient.invalidateQueries({ queryKey: ['org'] }),
    ]);
}

export function useCreateResident() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (input: ResidentInput) => apiSend<Resident>('POST', '/org/residents', input),
    onSuccess: invalidate,
  });
}

export function useUpdateResident() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ id, changes }: { id: Id; changes: Partial<Omit<ResidentInput, 'householdId'>> }) =>
      apiSend<Resident>('PATCH', `/org/residents/${encodeURIComponent(String(id))}`, changes),
    onSuccess: invalidate,
  });
}

export function useCreateHousehold() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (input: HouseholdInput) => apiSend<Household>('POST', '/org/households', input),
    onSuccess: invalidate,
  });
}

export function useUpdateHousehold() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ id, changes }: { id: Id; changes: Partial<Omit<HouseholdInput, 'buildingId'>> }) =>
      apiSend<Household>('PATCH', `/org/households/${encodeURIComponent(String(id))}`, changes),
    onSuccess: invalidate,
  });
}

export interface PartyMemberInput {
  residentId: number;
  branchId: number;
  partyGroup?: string;
  joinedOn?: string;
  status: 'full' | 'probationary';
}

export function useCreatePartyMember() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (input: PartyMemberInput) => apiSend<{ id: Id }>('POST', '/org/party-members', input),
    onSuccess: invalidate,
  });
}
