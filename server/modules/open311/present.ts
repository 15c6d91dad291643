import { canAt, type Actor } from '../../core/policy.ts';
import { issuesPolicy, presentPublic, type IssueEventRow } from '../issues/index.ts';
import type { KeyRow, RequestRow } from './queries.ts';
import { noticeOf } from './rules/georeport.ts';
import type { ApiKeyT } from './schemas.ts';

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string;
  zipcode: null;
  lat: null;
  long: null;
  media_url: null;
}

/**
 * An issue as a GeoReport service request. Only what the reporter's own page shows goes out (the public
 * timeline, never internal notes, names or phone numbers); its latest public comment is the status note.
 */
export function presentRequest(r: RequestRow, events: IssueEventRow[], service: { code: string; name: string } | undefined): Open311Request {
  const view = presentPublic(r, events, []);
  const notes = view.timeline.filter((e) => e.comment !== null);
  return {
    service_request_id: String(r.id),
    // `open` is 1 while someone still has to act (reported, assigned, accepted, in progress).
    status: r.open === 1 ? 'open' : 'closed',
    status_notes: notes[notes.length - 1]?.comment ?? null,
    service_name: service?.name ?? '',
    service_code: service?.code ?? '',
    description: r.body,
    agency_responsible: view.handlerName,
    service_notice: noticeOf({ level: r.level, handlerName: view.handlerName }),
    requested_datetime: r.created_at,
    updated_datetime: r.updated_at,
    expected_datetime: r.due_at,
    address: r.unit_id === r.compound_id ? r.compound_name : `${r.compound_name}${r.unit_name}`,
    address_id: String(r.unit_id),
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export function presentKey(k: KeyRow, actor: Actor): ApiKeyT {
  return {
    id: k.id,
    name: k.name,
    prefix: k.key_prefix,
    unitId: k.unit_id,
    unitName: k.unit_name,
    createdAt: k.created_at,
    revokedAt: k.revoked_at,
    actions: k.revoked_at === null && canAt(actor, issuesPolicy['open311.keys'], k.path) ? ['revoke'] : [],
  };
}
