import { useCursorList } from '../../app/cursorList';
import type { AuditEntry } from '../../app/types';

export interface AuditFilter {
  unitId?: string;
  action?: string;
  actor?: string;
  subjectType?: string;
  from?: string;
  to?: string;
}

export function useAuditLog(filter: AuditFilter) {
  return useCursorList<AuditEntry>(['audit'], '/audit', { ...filter });
}
