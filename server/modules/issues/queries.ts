import { sql, type Selectable, type SqlBool } from 'kysely';
import { within, withinAny, type DbOrTx } from '../../core/db.ts';
import { afterCursor, type PathCursor } from '../../core/pagination.ts';
import type { SearchQuery } from '../../core/search.ts';
import { searchPage, type SearchCursor } from '../../core/searchIndex.ts';
import type { BodyKind, IssueCategoryTable, IssueSize, IssueTable } from '../../db/schema.ts';
import type { Person, PlaceFacts } from './rules/routing.ts';

// Reads of issues. No rules here: callers authorise first and pass the scopes to read within.

export type IssueRow = Selectable<IssueTable> & { unit_name: string; handler_body_kind: BodyKind | null };
export type CategoryRow = Selectable<IssueCategoryTable>;

const issueColumns = (qb: ReturnType<typeof base>) => qb.selectAll('issues').select(['u.name as unit_name', 'b.kind as handler_body_kind']);

function base(db: DbOrTx) {
  return db.selectFrom('issues').innerJoin('org_units as u', 'u.id', 'issues.unit_id').leftJoin('bodies as b', 'b.id', 'issues.handler_body_id');
}

export async function getIssue(db: DbOrTx, id: number): Promise<IssueRow | undefined> {
  return issueColumns(base(db)).where('issues.id', '=', id).executeTakeFirst() as Promise<IssueRow | undefined>;
}

export async function getIssueByToken(db: DbOrTx, token: string): Promise<IssueRow | undefined> {
  return issueColumns(base(db)).where('issues.public_token', '=', token).executeTakeFirst() as Promise<IssueRow | undefined>;
}

export type QueueView = 'mine' | 'open' | 'overdue' | 'supervision' | 'all' | 'reported';

export interface ListFilter {
  view: QueueView;
  /** Subtrees the caller may read (already narrowed to a requested unit). */
  scopes: string[];
  userId: number;
  /** Bodies the caller acts for, and the nodes where the caller holds a role (for "mine"). */
  bodyIds: number[];
  nodePaths: string[];
  status?: string | undefined;
  categoryId?: number | undefined;
  size?: IssueSize | undefined;
  level?: string | undefined;
  q?: string | undefined;
  cursor: PathCursor | null;
  limit: number;
}

/**
 * What a queue shows of an issue (presentItem) and its cursor needs: not the body, the reply or the sealed
 * phone. Pages of random cursors and search candidates are read and kept (the statement result cache) by the
 * thousand; whole rows made them several times larger.
 */
const LIST_COLUMNS = [
  'issues.id',
  'issues.path',
  'issues.title',
  'issues.status',
  'issues.size',
  'issues.level',
  'issues.nature',
  'issues.source',
  'issues.category_id',
  'issues.unit_id',
  'issues.place_kind',
  'issues.handler_kind',
  'issues.assignee_name',
  'issues.due_at',
  'issues.overdue_at',
  'issues.open',
  'issues.supervision',
  'issues.external_no',
  'issues.created_at',
  'issues.version',
] as const;

export type IssueListRow = Pick<IssueRow, 'id' | 'path' | 'title' | 'status' | 'size' | 'level' | 'nature' | 'source' | 'category_id' | 'unit_id' | 'unit_name' | 'place_kind' | 'handler_kind' | 'assignee_name' | 'due_at' | 'overdue_at' | 'open' | 'supervision' | 'external_no' | 'created_at' | 'version'>;

/** The queue's rows before search, cursor and order: the view, the scopes and the documented filters. */
function filtered(db: DbOrTx, f: Omit<ListFilter, 'q' | 'cursor' | 'limit'>) {
  let q = db.selectFrom('issues').innerJoin('org_units as u', 'u.id', 'issues.unit_id').select([...LIST_COLUMNS, 'u.name as unit_name']);
  switch (f.view) {
    case 'mine':
      q = q.where('issues.open', '=', 1).where((eb) =>
        eb.or([
          eb('issues.assignee_user_id', '=', f.userId),
          ...(f.bodyIds.length ? [eb.and([eb('issues.handler_kind', '=', 'body'), eb('issues.handler_body_id', 'in', f.bodyIds)])] : []),
          ...(f.nodePaths.length ? [eb.and([eb('issues.handler_kind', 'in', ['unit', 'meeting', 'dispatch', 'department']), eb('issues.handler_path', 'in', f.nodePaths)])] : []),
        ]),
      );
      break;
    case 'open':
      q = q.where('issues.open', '=', 1);
      break;
    case 'overdue':
      q = q.where('issues.open', '=', 1).where('issues.overdue_at', 'is not', null);
      break;
    case 'supervision':
      // A literal, not a parameter: it is what lets the planner use the partial index issues_supervised.
      q = q.where(sql<SqlBool>`issues.supervision > 0`).where('issues.status', 'not in', ['closed', 'rejected', 'merged']);
      break;
    case 'reported':
      q = q.where('issues.reporter_user_id', '=', f.userId);
      break;
    case 'all':
      break;
  }
  if (f.view !== 'reported') q = q.where((eb) => withinAny(eb, 'issues.path', f.scopes));
  // The supervising level is an ancestor of the handler, which is the place or above it: an issue supervised
  // within a subtree also lies within it, so the path range above (which the index reads in the queue's order)
  // only narrows what this condition then decides.
  if (f.view === 'supervision') q = q.where((eb) => withinAny(eb, 'issues.supervision_path', f.scopes));
  if (f.status) q = q.where('issues.status', '=', f.status);
  if (f.categoryId) q = q.where('issues.category_id', '=', f.categoryId);
  if (f.size) q = q.where('issues.size', '=', f.size);
  if (f.level) q = q.where('issues.level', '=', f.level);
  return q;
}

/** The query of one page of a work queue, in (path, id) order: the index that scopes the queue also orders it. */
export function listIssuesQuery(db: DbOrTx, f: Omit<ListFilter, 'q'>) {
  let q = filtered(db, f);
  if (f.cursor) q = q.where(afterCursor('issues.path', 'issues.id', f.cursor));
  return q.orderBy('issues.path').orderBy('issues.id').limit(f.limit + 1);
}

export async function listIssues(db: DbOrTx, f: Omit<ListFilter, 'q'>): Promise<IssueListRow[]> {
  return listIssuesQuery(db, f).execute();
}

/** The rows of some search candidates that pass the queue's filters (read by primary key). */
export function issuesAmong(db: DbOrTx, f: Omit<SearchFilter, 'cursor' | 'limit'>, ids: readonly number[]) {
  let q = filtered(db, f).where('issues.id', 'in', ids);
  // A Chinese word of three or more characters was looked up by its pairs; keep the rows that hold it whole.
  for (const t of f.query.terms) {
    if (t.substring) q = q.where(sql<SqlBool>`(issues.title || ' ' || issues.body || ' ' || coalesce(issues.place_note, '')) like ${likePattern(t.substring)} escape '\\'`);
  }
  return q;
}

/** A LIKE pattern that matches `text` literally anywhere (the wildcards in it escaped). */
export function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

export interface SearchFilter extends Omit<ListFilter, 'q' | 'cursor'> {
  query: SearchQuery;
  cursor: SearchCursor | null;
}

/**
 * One page of a text search within a queue: the search index gives candidates (title matches first, then
 * body, place and numbers; newest first, already narrowed to the scopes' subtrees), and the queue's other
 * filters are checked on them by primary key. Every issue under supervision at a scope also lies within it, so
 * the path scope of the index never drops one.
 */
export function searchIssues(db: DbOrTx, f: SearchFilter): Promise<{ rows: IssueListRow[]; next: SearchCursor | null }> {
  return searchPage(db, 'issue_search', f.query, f.view === 'reported' ? null : f.scopes, f.cursor, f.limit, (ids) => issuesAmong(db, f, ids).execute(), (r) => r.title);
}

export function eventsOf(db: DbOrTx, issueId: number) {
  return db.selectFrom('issue_events').selectAll().where('issue_id', '=', issueId).orderBy('id').execute();
}

export function photosOf(db: DbOrTx, issueId: number) {
  return db.selectFrom('issue_photos').select(['id', 'event_id', 'mime', 'size']).where('issue_id', '=', issueId).orderBy('id').execute();
}

export function getPhoto(db: DbOrTx, id: number) {
  return db.selectFrom('issue_photos').selectAll().where('id', '=', id).executeTakeFirst();
}

export function allCategories(db: DbOrTx): Promise<CategoryRow[]> {
  return db.selectFrom('issue_categories').selectAll().orderBy('sort').orderBy('id').execute();
}

export function getCategory(db: DbOrTx, id: number): Promise<CategoryRow | undefined> {
  return db.selectFrom('issue_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account of a resident who leads something, if they have one that is not disabled. */
async function personOf(db: DbOrTx, residentId: number | null | undefined): Promise<Person | null> {
  if (!residentId) return null;
  const u = await db.selectFrom('users').select(['id', 'display_name']).where('resident_id', '=', residentId).where('disabled', '=', 0).executeTakeFirst();
  return u ? { userId: u.id, name: u.display_name } : null;
}

/** What routing needs to know about a place: the building's people, the compound's bodies and routing table. */
export async function placeFacts(
  db: DbOrTx,
  place: { buildingId: number | null; buildingPath: string | null; compoundId: number; compoundPath: string; householdId: number | null },
  categoryId: number,
  size: PlaceFacts['size'],
): Promise<PlaceFacts> {
  const [bodies, route] = await Promise.all([
    db.selectFrom('bodies').select(['id', 'kind', 'name']).where('unit_id', '=', place.compoundId).execute(),
    db.selectFrom('issue_routes').select('body_kind').where('unit_id', '=', place.compoundId).where('category_id', '=', categoryId).executeTakeFirst(),
  ]);
  let building: PlaceFacts['building'] = null;
  if (place.buildingId && place.buildingPath && size === 'small') {
    const leaderRows = await db.selectFrom('building_leaders').select('resident_id').where('building_id', '=', place.buildingId).orderBy('id').execute();
    let leader: Person | null = null;
    for (const r of leaderRows) {
      leader = await personOf(db, r.resident_id);
      if (leader) break;
    }
    let contactLeader: Person | null = null;
    if (!leader && place.householdId) {
      const g = await db
        .selectFrom('contact_group_households as gh')
        .innerJoin('contact_groups as g', 'g.id', 'gh.group_id')
        .select('g.leader_resident_id')
        .where('gh.household_id', '=', place.householdId)
        .executeTakeFirst();
      contactLeader = await personOf(db, g?.leader_resident_id);
    }
    let gridWorker: Person | null = null;
    if (!leader && !contactLeader) {
      const g = await db
        .selectFrom('grids as g')
        .innerJoin('grid_units as gu', 'gu.grid_id', 'g.id')
        .innerJoin('users as us', 'us.id', 'g.worker_user_id')
        .select(['us.id', 'us.display_name'])
        .where('gu.unit_id', 'in', [place.buildingId, place.compoundId])
        .where('us.disabled', '=', 0)
        .executeTakeFirst();
      gridWorker = g ? { userId: g.id, name: g.display_name } : null;
    }
    building = { path: place.buildingPath, leader, contactLeader, gridWorker };
  }
  return { size, building, compound: { path: place.compoundPath, bodies, routedTo: route?.body_kind ?? null } };
}

export type DeadlineRule = { category_id: number | null; working_minutes: number | null; remind_before_minutes: number };

/** The most specific deadline rule: for the category at this level, else for the level. */
export async function deadlineRule(db: DbOrTx, level: string, categoryId: number): Promise<DeadlineRule | undefined> {
  const rows = await db
    .selectFrom('issue_deadline_rules')
    .select(['category_id', 'working_minutes', 'remind_before_minutes'])
    .where('level', '=', level)
    .where((eb) => eb.or([eb('category_id', '=', categoryId), eb('category_id', 'is', null)]))
    .execute();
  return rows.find((r) => r.category_id === categoryId) ?? rows.find((r) => r.category_id === null);
}

export function calendarDays(db: DbOrTx, from: string, to: string) {
  return db.selectFrom('calendar_days').select(['day', 'kind']).where('day', '>=', from).where('day', '<=', to).execute();
}

/** Open and overdue issues per building of a compound, for the compound plan. */
export async function openByBuilding(db: DbOrTx, compoundPath: string): Promise<Map<number, { open: number; overdue: number }>> {
  const rows = await db
    .selectFrom('issues')
    .select(['unit_id', (eb) => eb.fn.countAll<number>().as('open'), sql<number>`sum(case when overdue_at is not null then 1 else 0 end)`.as('overdue')])
    .where('open', '=', 1)
    .where((eb) => within(eb, 'issues.path', compoundPath))
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { open: Number(r.open), overdue: Number(r.overdue ?? 0) }]));
}

export interface IssueStats {
  total: number;
  open: number;
  overdue: number;
  supervised: number;
  byStatus: Record<string, number>;
  bySize: { size: string; total: number; closed: number; settledLocally: number }[];
  byCategory: { categoryId: number; total: number; open: number }[];
  ratings: Record<string, number>;
  months: { month: string; reported: number; closed: number }[];
}

/** Figures for a subtree: status counts, the 小事不出楼栋/大事不出小区 shares, ratings and a monthly trend. */
export async function statsOf(db: DbOrTx, path: string, since: string): Promise<IssueStats> {
  const scoped = () => db.selectFrom('issues').where((eb) => within(eb, 'issues.path', path));
  const [byStatus, bySize, byCategory, ratings, reportedMonths, closedMonths, flags] = await Promise.all([
    scoped().select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
    scoped()
      .select([
        'size',
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`sum(case when status = 'closed' then 1 else 0 end)`.as('closed'),
        sql<number>`sum(case when status = 'closed' and ((size = 'small' and level = 'building') or (size = 'major' and level in ('building', 'compound')) or (size = 'hard' and level in ('building', 'compound', 'meeting'))) then 1 else 0 end)`.as('local'),
      ])
      .groupBy('size')
      .execute(),
    scoped().select(['category_id', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(open)`.as('open')]).groupBy('category_id').execute(),
    scoped().select(['rating', (eb) => eb.fn.countAll<number>().as('n')]).where('rating', 'is not', null).groupBy('rating').execute(),
    scoped().select([sql<string>`substr(created_at, 1, 7)`.as('m'), (eb) => eb.fn.countAll<number>().as('n')]).where('created_at', '>=', since).groupBy(sql`substr(created_at, 1, 7)`).execute(),
    scoped().select([sql<string>`substr(closed_at, 1, 7)`.as('m'), (eb) => eb.fn.countAll<number>().as('n')]).where('closed_at', '>=', since).groupBy(sql`substr(closed_at, 1, 7)`).execute(),
    scoped()
      .select([
        sql<number>`sum(open)`.as('open'),
        sql<number>`sum(case when open = 1 and overdue_at is not null then 1 else 0 end)`.as('overdue'),
        sql<number>`sum(case when supervision > 0 and status not in ('closed', 'rejected', 'merged') then 1 else 0 end)`.as('supervised'),
        (eb) => eb.fn.countAll<number>().as('total'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const months = new Map<string, { month: string; reported: number; closed: number }>();
  const monthOf = (m: string) => {
    let row = months.get(m);
    if (!row) months.set(m, (row = { month: m, reported: 0, closed: 0 }));
    return row;
  };
  for (const r of reportedMonths) monthOf(r.m).reported = Number(r.n);
  for (const r of closedMonths) monthOf(r.m).closed = Number(r.n);
  return {
    total: Number(flags.total),
    open: Number(flags.open ?? 0),
    overdue: Number(flags.overdue ?? 0),
    supervised: Number(flags.supervised ?? 0),
    byStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
    bySize: bySize.map((r) => ({ size: r.size, total: Number(r.n), closed: Number(r.closed ?? 0), settledLocally: Number(r.local ?? 0) })),
    byCategory: byCategory.map((r) => ({ categoryId: r.category_id, total: Number(r.n), open: Number(r.open ?? 0) })),
    ratings: Object.fromEntries(ratings.map((r) => [r.rating ?? 'none', Number(r.n)])),
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}

// ---- Reads for the modules that bring issues in from outside systems (12345 hotline, Open311) ----

/** At most this many values in one `in (…)` list. */
const IN_CHUNK = 500;

/** Which of these work-order numbers the hotline source already brought in as issues. */
export async function hotlineOrdersTaken(db: DbOrTx, sourceId: number, orderNos: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < orderNos.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('issues')
      .select('external_no')
      .where('hotline_source_id', '=', sourceId)
      .where('external_no', 'in', orderNos.slice(i, i + IN_CHUNK))
      .execute();
    for (const r of rows) if (r.external_no !== null) found.add(r.external_no);
  }
  return found;
}

/** What the hotline's reply sheet says of one of its orders. */
export type HotlineReplyFacts = Pick<Selectable<IssueTable>, 'external_no' | 'status' | 'resolved_at' | 'closed_at' | 'reply' | 'reject_reason' | 'assignee_name' | 'rating'>;

/** The issues a hotline source brought in within [from, to), oldest first. */
export function hotlineReplies(db: DbOrTx, f: { sourceId: number; from: string | null; to: string | null; limit: number }): Promise<HotlineReplyFacts[]> {
  let q = db
    .selectFrom('issues')
    .select(['external_no', 'status', 'resolved_at', 'closed_at', 'reply', 'reject_reason', 'assignee_name', 'rating'])
    .where('hotline_source_id', '=', f.sourceId);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  return q.orderBy('created_at').orderBy('id').limit(f.limit).execute();
}

/** An issue with the name of its compound: its address for a system outside the platform. */
export type AddressedIssueRow = IssueRow & { compound_name: string };

function addressedWithin(db: DbOrTx, path: string) {
  return base(db)
    .innerJoin('org_units as c', 'c.id', 'issues.compound_id')
    .selectAll('issues')
    .select(['u.name as unit_name', 'b.kind as handler_body_kind', 'c.name as compound_name'])
    .where((eb) => within(eb, 'issues.path', path));
}

/** An issue by id, if it lies within the subtree. */
export function addressedIssueWithin(db: DbOrTx, path: string, id: number): Promise<AddressedIssueRow | undefined> {
  return addressedWithin(db, path).where('issues.id', '=', id).executeTakeFirst() as Promise<AddressedIssueRow | undefined>;
}

/** An issue by its public token, if it lies within the subtree. */
export function addressedIssueByTokenWithin(db: DbOrTx, path: string, token: string): Promise<AddressedIssueRow | undefined> {
  return addressedWithin(db, path).where('issues.public_token', '=', token).executeTakeFirst() as Promise<AddressedIssueRow | undefined>;
}

export interface AddressedFilter {
  ids: number[] | null;
  categoryIds: number[] | null;
  /** Reported at or after / at or before these instants. */
  from: string | null;
  to: string | null;
  /** Whether someone still has to act on the problem, or either. */
  open: boolean | null;
  limit: number;
}

/** Issues within a subtree, newest first. */
export function listAddressedIssuesWithin(db: DbOrTx, path: string, f: AddressedFilter): Promise<AddressedIssueRow[]> {
  let q = addressedWithin(db, path);
  if (f.ids) q = q.where('issues.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.categoryIds) q = q.where('issues.category_id', 'in', f.categoryIds.length ? f.categoryIds : [0]);
  if (f.from) q = q.where('issues.created_at', '>=', f.from);
  if (f.to) q = q.where('issues.created_at', '<=', f.to);
  if (f.open !== null) q = q.where('issues.open', '=', f.open ? 1 : 0);
  return q.orderBy('issues.created_at', 'desc').orderBy('issues.id', 'desc').limit(f.limit).execute() as Promise<AddressedIssueRow[]>;
}

export type IssueEventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** The timelines of several issues, each in order. */
export async function eventsOfMany(db: DbOrTx, issueIds: readonly number[]): Promise<Map<number, IssueEventRow[]>> {
  const byIssue = new Map<number, IssueEventRow[]>();
  for (let i = 0; i < issueIds.length; i += IN_CHUNK) {
    const rows = await db.selectFrom('issue_events').selectAll().where('issue_id', 'in', issueIds.slice(i, i + IN_CHUNK)).orderBy('issue_id').orderBy('id').execute();
    for (const e of rows) {
      const list = byIssue.get(e.issue_id) ?? [];
      list.push(e);
      byIssue.set(e.issue_id, list);
    }
  }
  return byIssue;
}

/** An issue as a person's own record shows it: what they reported and what they were told. */
export type PersonReportRow = Pick<
  Selectable<IssueTable>,
  'id' | 'path' | 'title' | 'body' | 'status' | 'source' | 'household_id' | 'reporter_user_id' | 'reporter_name' | 'reporter_phone_enc' | 'reporter_phone_masked' | 'reply' | 'rating' | 'rating_comment' | 'created_at' | 'closed_at'
> & { unit_name: string };

/**
 * The reports that may be a person's (for 查阅 and 删除 under PIPL): filed from their account anywhere, or within
 * their compound with a reporter phone (the caller decides by decrypting it) or under their name from their
 * household. Newest first.
 */
export function reportsOfPerson(db: DbOrTx, p: { userIds: readonly number[]; compoundPath: string | null; householdId: number | null; name: string | null }): Promise<PersonReportRow[]> {
  const { compoundPath, householdId, name } = p;
  if (p.userIds.length === 0 && !compoundPath) return Promise.resolve([]);
  return db
    .selectFrom('issues')
    .innerJoin('org_units as u', 'u.id', 'issues.unit_id')
    .select(['issues.id', 'issues.path', 'issues.title', 'issues.body', 'issues.status', 'issues.source', 'issues.household_id', 'issues.reporter_user_id', 'issues.reporter_name', 'issues.reporter_phone_enc', 'issues.reporter_phone_masked', 'issues.reply', 'issues.rating', 'issues.rating_comment', 'issues.created_at', 'issues.closed_at', 'u.name as unit_name'])
    .where((eb) => {
      const byAccount = p.userIds.length ? [eb('issues.reporter_user_id', 'in', p.userIds)] : [];
      const byPerson = compoundPath
        ? [
            eb.and([
              within(eb, 'issues.path', compoundPath),
              eb.or([eb('issues.reporter_phone_enc', 'is not', null), ...(householdId && name ? [eb.and([eb('issues.household_id', '=', householdId), eb('issues.reporter_name', '=', name)])] : [])]),
            ]),
          ]
        : [];
      return eb.or([...byAccount, ...byPerson]);
    })
    .orderBy('issues.created_at', 'desc')
    .orderBy('issues.id', 'desc')
    .execute();
}

/** Closed issues that still hold their reporter's name, phone or account after `closedBefore`, oldest first. */
export function closedReportsHoldingReporter(db: DbOrTx, closedBefore: string, limit: number) {
  return db
    .selectFrom('issues')
    .select(['id', 'path', 'reporter_name', 'reporter_phone_enc', 'closed_at'])
    .where('open', '=', 0)
    .where('closed_at', '<', closedBefore)
    .where((eb) => eb.or([eb('reporter_name', 'is not', null), eb('reporter_phone_enc', 'is not', null), eb('reporter_user_id', 'is not', null)]))
    .orderBy('closed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
