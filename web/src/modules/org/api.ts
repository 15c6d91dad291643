import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../app/api';
import type {
  Body,
  BodyKind,
  BuildingTile,
  ContactGroup,
  Grid,
  Household,
  Id,
  Items,
  Platform,
  Stats,
  Summary,
  Unit,
} from '../../app/types';

const unitPath = (id: Id) => `/org/units/${encodeURIComponent(String(id))}`;

export function useUnit(id: string) {
  return useQuery({ queryKey: ['org', 'unit', id], queryFn: () => apiGet<Unit>(unitPath(id)) });
}

export function useSummary(id: Id) {
  return useQuery({
    queryKey: ['org', 'unit', String(id), 'summary'],
    queryFn: () => apiGet<Summary>(`${unitPath(id)}/summary`),
  });
}

export function useStats(id: Id) {
  return useQuery({
    queryKey: ['org', 'unit', String(id), 'stats'],
    queryFn: () => apiGet<Stats>(`${unitPath(id)}/stats`),
  });
}

export function usePlatform(id: Id) {
  return useQuery({
    queryKey: ['org', 'unit', String(id), 'platform'],
    queryFn: () => apiGet<Platform>(`${unitPath(id)}/platform`),
  });
}

export function useBuildings(compoundId: Id | null) {
  return useQuery({
    queryKey: ['org', 'unit', String(compoundId), 'buildings'],
    queryFn: () => apiGet<Items<BuildingTile>>(`${unitPath(compoundId ?? '')}/buildings`),
    enabled: compoundId !== null,
    select: (data) => data.items,
  });
}

export function useBuildingHouseholds(buildingId: Id) {
  return useQuery({
    queryKey: ['org', 'unit', String(buildingId), 'households'],
    queryFn: () => apiGet<Items<Household>>(`${unitPath(buildingId)}/households`),
    select: (data) => data.items,
  });
}

export function useGrids(unitId: Id) {
  return useQuery({
    queryKey: ['org', 'grids', String(unitId)],
    queryFn: () => apiGet<Items<Grid>>('/org/grids', { unitId }),
    select: (data) => data.items,
  });
}

export function useContactGroups(unitId: Id) {
  return useQuery({
    queryKey: ['org', 'contact-groups', String(unitId)],
    queryFn: () => apiGet<Items<ContactGroup>>('/org/contact-groups', { unitId }),
    select: (data) => data.items,
  });
}

/** The positions a member may hold, by kind of body (docs/api.md). */
export const BODY_POSITIONS: Record<BodyKind, readonly string[]> = {
  party_branch: ['secretary', 'deputy_secretary', 'committee_member', 'member'],
  owners_committee: ['director', 'deputy_director', 'member'],
  property: ['manager', 'member'],
};

export interface BodyInput {
  unitId: number;
  kind: BodyKind;
  name: string;
  foundedOn?: string;
  termStart?: string;
  termEnd?: string;
  company?: string;
  contractStart?: string;
  contractEnd?: string;
}

const bodyPath = (id: Id) => `/org/bodies/${encodeURIComponent(String(id))}`;

/** A body's members show on the platform cards and in the figures; refetch the unit pages. */
function useInvalidateOrg() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['org'] });
}

export function useBodies(unitId: Id | null) {
  return useQuery({
    queryKey: ['org', 'bodies', String(unitId)],
    queryFn: () => apiGet<Items<Body>>('/org/bodies', { unitId: unitId ?? undefined }),
    enabled: unitId !== null,
    select: (data) => data.items,
  });
}

export function useCreateBody() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (input: BodyInput) => apiSend<Body>('POST', '/org/bodies', input),
    onSuccess: invalidate,
  });
}

export function useAddBodyMember() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ bodyId, name, position }: { bodyId: Id; name: string; position: string }) =>
      apiSend<Body>('POST', `${bodyPath(bodyId)}/members`, { name, position }),
    onSuccess: invalidate,
  });
}

export function useRemoveBodyMember() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ bodyId, memberId }: { bodyId: Id; memberId: Id }) =>
      apiSend<Body>('DELETE', `${bodyPath(bodyId)}/members/${encodeURIComponent(String(memberId))}`),
    onSuccess: invalidate,
  });
}
