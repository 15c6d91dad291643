import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../app/api';
import type {
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
