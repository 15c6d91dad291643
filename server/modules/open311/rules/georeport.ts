import { invalid } from '../../../core/errors.ts';
import { MAX_ID } from '../../../core/schemas.ts';
import type { NATURES } from '../../issues/index.ts';
import type { Open311Attribute } from '../xml.ts';

/**
 * Our issues as Open311 GeoReport v2 sees them (http://wiki.open311.org/GeoReport_v2/): a service per category a
 * resident can choose, a service request per issue, open or closed. Pure: rows come in, GeoReport shapes go out.
 */

export interface CategoryFacts {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  nameBo: string;
  active: boolean;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * One service per active category that has no active sub-category (a parent like 设施维修 is a group, not a
 * service), in the given order; its group is the parent's name, or its own at the top of the tree.
 */
export function servicesOf(categories: readonly CategoryFacts[]): Open311Service[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const hasActiveChild = new Set(categories.filter((c) => c.active && c.parentId !== null).map((c) => c.parentId));
  return categories
    .filter((c) => c.active && !hasActiveChild.has(c.id))
    .map((c) => {
      const parent = c.parentId === null ? undefined : byId.get(c.parentId);
      return {
        service_code: c.code,
        service_name: c.nameZh,
        description: `${parent ? `${parent.nameZh} · ` : ''}${c.nameZh}（${c.nameEn}）`,
        // Every service takes the nature and place attributes of its definition.
        metadata: true,
        type: 'realtime',
        keywords: [c.nameZh, c.nameEn, c.nameBo, parent?.nameZh].filter((k): k is string => Boolean(k)).join(','),
        group: parent?.nameZh ?? c.nameZh,
      };
    });
}

type Nature = (typeof NATURES)[number];

export const NATURE_NAMES: Readonly<Record<Nature, string>> = { consult: '咨询', help: '求助', complaint: '投诉', tip_off: '举报', suggestion: '建议' };

/** Where in the compound or building: a room needs a household, which Open311 clients cannot name. */
export const PLACE_KIND_NAMES = { building: '楼栋内（楼道、电梯、单元门等）', common: '小区公共区域' } as const;
export type Open311PlaceKind = keyof typeof PLACE_KIND_NAMES;

/** The attributes every service takes. */
export function serviceAttributes(): Open311Attribute[] {
  return [
    {
      variable: true,
      code: 'nature',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: '不填视为求助',
      order: 1,
      description: '诉求性质',
      values: Object.entries(NATURE_NAMES).map(([key, name]) => ({ key, name })),
    },
    {
      variable: true,
      code: 'place_kind',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: '不填时按地址判断：楼栋为楼栋内，小区为公共区域',
      order: 2,
      description: '问题位置',
      values: Object.entries(PLACE_KIND_NAMES).map(([key, name]) => ({ key, name })),
    },
  ];
}

/** A value of a list attribute, given by its key or its name; null when absent, VALIDATION_FAILED when unknown. */
function listValue<K extends string>(names: Readonly<Record<K, string>>, value: string | undefined, attribute: string): K | null {
  const v = value?.normalize('NFKC').trim();
  if (!v) return null;
  const found = (Object.entries(names) as [K, string][]).find(([key, name]) => key === v || name === v);
  if (!found) throw invalid(`attribute[${attribute}] must be one of ${Object.keys(names).join(', ')}`, [{ path: `attribute[${attribute}]`, message: 'unknown value' }]);
  return found[0];
}

export const natureOf = (value: string | undefined): Nature => listValue(NATURE_NAMES, value, 'nature') ?? 'help';
export const placeKindOf = (value: string | undefined): Open311PlaceKind | null => listValue(PLACE_KIND_NAMES, value, 'place_kind');

/** What the platform does with a request, in a sentence for the person who sent it; no handler: not yet dispatched. */
export function noticeOf(i: { level: string; handlerName: string | null }): string {
  if (i.level === 'meeting') return '难事：已提交小区四方议事会议研究';
  if (!i.handlerName) return '已受理，等待派单';
  if (i.level === 'building') return `小事不出楼栋：已派至${i.handlerName}办理`;
  if (i.level === 'compound') return `大事不出小区：已派至${i.handlerName}办理`;
  return `已派至${i.handlerName}办理`;
}

const CJK = /[\u3400-\u9fff]/;

/** The reporter's name from GeoReport's first_name and last_name: 王 + 芳 is 王芳, Jane + Doe is Jane Doe. */
export function personName(first: string | undefined, last: string | undefined): string | null {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (!f && !l) return null;
  return CJK.test(f + l) ? `${l}${f}` : [f, l].filter(Boolean).join(' ');
}

const TITLE_LENGTH = 30;

/** GeoReport requests have no title: the start of the description serves. */
export function titleFrom(description: string): string {
  return [...description.replace(/\s+/g, ' ').trim()].slice(0, TITLE_LENGTH).join('');
}

const DAY = 86_400_000;
/** Without a period or ids, GET requests answers the last 90 days, as the specification suggests. */
const DEFAULT_DAYS = 90;
export const MAX_REQUESTS = 1000;

export interface RequestsFilter {
  ids: number[] | null;
  serviceCodes: string[] | null;
  from: string | null;
  to: string | null;
  statuses: ('open' | 'closed')[] | null;
}

function instant(value: string | undefined, name: string): string | null {
  if (value === undefined || value.trim() === '') return null;
  const at = Date.parse(value.trim());
  if (Number.isNaN(at)) throw invalid(`${name} must be a W3C date-time such as 2026-11-27T10:00:00+08:00`, [{ path: name, message: 'not a date-time' }]);
  return new Date(at).toISOString();
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The filter of GET requests: service_request_id (comma-separated) overrides everything else; otherwise
 * service_code, start_date, end_date and status (open, closed) narrow the last 90 days before end_date (or now).
 * Throws VALIDATION_FAILED for ids, dates or states it cannot read.
 */
export function requestsFilter(q: { service_request_id?: string | undefined; service_code?: string | undefined; start_date?: string | undefined; end_date?: string | undefined; status?: string | undefined }, now: Date): RequestsFilter {
  const ids = list(q.service_request_id);
  if (ids.length > 0) {
    if (ids.some((id) => !/^\d{1,12}$/.test(id))) throw invalid('service_request_id must be numbers separated by commas', [{ path: 'service_request_id', message: 'not a number' }]);
    // No request has an id past the database's integer range; asking for one is a mistake, not a miss.
    if (ids.some((id) => Number(id) > MAX_ID)) throw invalid(`service_request_id must be at most ${MAX_ID}`, [{ path: 'service_request_id', message: 'too large' }]);
    return { ids: ids.slice(0, MAX_REQUESTS).map(Number), serviceCodes: null, from: null, to: null, statuses: null };
  }
  const to = instant(q.end_date, 'end_date');
  const from = instant(q.start_date, 'start_date') ?? new Date((to ? Date.parse(to) : now.getTime()) - DEFAULT_DAYS * DAY).toISOString();
  if (to && from > to) throw invalid('start_date is after end_date', [{ path: 'start_date', message: 'after end_date' }]);
  const statuses = list(q.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw invalid('status must be open or closed', [{ path: 'status', message: 'not open or closed' }]);
  const codes = list(q.service_code);
  return { ids: null, serviceCodes: codes.length ? codes : null, from, to, statuses: statuses.length ? (statuses as ('open' | 'closed')[]) : null };
}
