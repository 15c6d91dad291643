import type { HotlineMapping } from './rules/orders.ts';
import type { SourceRow } from './queries.ts';
import type { Source } from './schemas.ts';

export const mappingOf = (s: Pick<SourceRow, 'mapping_json'>): HotlineMapping => JSON.parse(s.mapping_json) as HotlineMapping;

export function presentSource(s: SourceRow): Source {
  return { id: s.id, unitId: s.unit_id, unitName: s.unit_name, name: s.name, mapping: mappingOf(s), createdAt: s.created_at, updatedAt: s.updated_at };
}
