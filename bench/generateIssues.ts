import { createHash } from 'node:crypto';
import { maskPhone, type FieldCipher } from '../server/core/crypto.ts';
import type { BodyKind, IssueSize } from '../server/db/schema.ts';
import { seededRandom } from '../server/modules/org/seed.ts';
import { DEFAULT_DEADLINES } from '../server/modules/issues/seed.ts';
import { addWorkingMinutes, endOfWorkingDay, LHASA_OFFICE_HOURS, workingMinutesBetween, type WorkCalendar } from '../server/modules/issues/rules/deadlines.ts';
import { routeIssue, supervisorPath, type HandlingLevel, type Target } from '../server/modules/issues/rules/routing.ts';

// Three years of 问题 for the benchmark's street: about 97 % closed and rated, about 3 % still open (the
// recent ones: assigned, accepted, in progress; past their deadline either extended or overdue and under
// supervision). Each issue is routed by the application's own rule (routeIssue) and given the deadline its
// level's default rule sets, in the default office hours. Deterministic: one seeded generator, and the
// issues are written day by day in time order, so ids grow with created_at as they would in use.

export type Value = string | number | null;

export interface Table {
  name: string;
  columns: readonly string[];
}

/** Where rows go; `checkpoint` is a point where every row added so far may be written. */
export interface RowSink {
  add(table: Table, row: Value[]): void;
  checkpoint(): Promise<void>;
}

export const ISSUE_TABLES = {
  issues: {
    name: 'issues',
    columns: [
      'id', 'title', 'body', 'category_id', 'nature', 'size', 'unit_id', 'path', 'compound_id', 'household_id', 'place_kind', 'source',
      'reporter_user_id', 'reporter_name', 'reporter_phone_enc', 'reporter_phone_masked', 'show_name', 'public_token', 'status', 'open',
      'level', 'handler_kind', 'handler_path', 'handler_body_id', 'assignee_user_id', 'assignee_name', 'dispatched_at', 'due_at', 'remind_at',
      'reminded_at', 'overdue_at', 'supervision', 'supervision_path', 'reply', 'resolved_at', 'rating', 'rating_comment', 'closed_at',
      'version', 'created_at', 'updated_at',
    ],
  },
  issue_events: {
    name: 'issue_events',
    columns: ['id', 'issue_id', 'at', 'actor_user_id', 'actor_name', 'action', 'from_status', 'to_status', 'comment', 'note', 'data_json', 'version'],
  },
} as const satisfies Record<string, Table>;

export const ISSUE_PLAN = {
  issues: 1_000_000,
  /** The history ends at the dataset's present and reaches back this many days. */
  days: 3 * 365 + 1,
  /** Reports a day grow as the platform is adopted: the last day has this many times the first day's. */
  growth: 3,
  /**
   * An issue `a` days old is still open with probability 0.97·e^(−a/τ): with about 1,370 reports a day at the
   * end, τ = 22.6 days leaves about 30,000 (3 %) open.
   */
  openTau: 22.6,
  openWindowDays: 150,
  /** Issues that outlived their deadline: this share got an extension (延期), the rest are overdue. */
  extendedShare: 0.55,
} as const;

export interface Person {
  userId: number;
  name: string;
}

export interface WorldBuilding {
  id: number;
  path: string;
  name: string;
  firstHouseholdId: number;
  households: number;
  leader: Person;
}

export interface WorldCompound {
  id: number;
  path: string;
  name: string;
  community: { id: number; path: string; name: string };
  bodies: { kind: BodyKind; id: number; name: string }[];
  propertyManager: Person;
  buildings: WorldBuilding[];
}

/** What the issue history needs to know about the tree, its people and its accounts. */
export interface World {
  street: { id: number; path: string; name: string };
  compounds: WorldCompound[];
  /** Head of each household (the reporter of a room's problem), by household id. */
  heads: { residentId: number; name: string }[];
  /** Unit, floor and room of a household by its index within the building. */
  roomOf: (index: number) => { unitNo: number; floor: number; room: string };
  phoneOf: (residentId: number) => string;
}

export interface IssueConfig {
  categories: { id: number; code: string; size: IssueSize }[];
  /** The compound routing tables (seedCompoundRoutes): compound id → category id → owning body kind. */
  routes: Map<number, Map<number, BodyKind>>;
}

export interface IssueCounts {
  issues: number;
  issueEvents: number;
  openIssues: number;
  overdueIssues: number;
}

export interface IssueRefs {
  /** An open issue in the first compound of the first community (its leader's or body's queue). */
  detailIssueId: number;
}

// Shares of reports by category code (the default category tree of seed.ts).
const CATEGORY_WEIGHTS: Record<string, number> = {
  sanitation: 18,
  repair: 2,
  'repair.utilities': 15,
  'repair.elevator': 5,
  'repair.access': 6,
  parking: 9,
  greenery: 5,
  lighting: 6,
  noise: 8,
  dispute: 5,
  safety: 6,
  property_service: 8,
  illegal_building: 2,
  other: 5,
};

const TEXTS: Record<string, readonly (readonly [string, string])[]> = {
  sanitation: [
    ['楼道堆放杂物', '楼道里堆着纸箱和旧家具，影响通行，请帮忙清理'],
    ['垃圾桶满溢', '垃圾桶满了两天没人清运，气味很大'],
    ['楼梯间卫生差', '楼梯间很久没有打扫，地面有污渍'],
  ],
  repair: [['公共设施损坏', '小区里的公共设施坏了，需要维修']],
  'repair.utilities': [
    ['楼道灯不亮', '楼道声控灯坏了，晚上上下楼不安全'],
    ['水管漏水', '楼上水管漏水，渗到我家天花板了'],
    ['突然停水', '家里从早上开始停水，没有接到通知'],
  ],
  'repair.elevator': [
    ['电梯故障', '电梯经常停在半层，门打不开'],
    ['电梯异响', '电梯运行时有异响，担心安全'],
  ],
  'repair.access': [['单元门禁失灵', '单元门禁刷卡没反应，门一直关不上']],
  parking: [
    ['消防通道被占', '消防通道被私家车占用，车主联系不上'],
    ['车位不够', '晚上车位不够，希望重新规划停车位'],
  ],
  greenery: [
    ['草坪枯黄', '楼前草坪大片枯黄，需要补种浇水'],
    ['树枝遮挡', '树枝挡住窗户和路灯，请修剪'],
  ],
  lighting: [['路灯不亮', '小区主干道的路灯坏了好几盏']],
  noise: [
    ['夜间装修噪音', '楼上晚上还在装修，噪音很大，影响休息'],
    ['广场舞音响太大', '晚上广场舞的音响声音太大'],
  ],
  dispute: [
    ['漏水纠纷', '楼上漏水，协商了几次没有结果，需要调解'],
    ['楼道占用纠纷', '邻居长期占用楼道，沟通无果'],
  ],
  safety: [
    ['楼道充电隐患', '有住户在楼道里给电动车充电，有火灾隐患'],
    ['消防栓损坏', '消防栓玻璃碎了，里面的水带不见了'],
  ],
  property_service: [
    ['物业收支不透明', '希望物业公开公共收益和支出'],
    ['物业报修不响应', '报修好几次，物业一直没有来人'],
  ],
  illegal_building: [['违章搭建', '一楼住户私自扩建小院，占用公共绿地']],
  other: [['其他问题', '希望社区帮忙协调解决']],
};

const REPLIES = ['已安排人员现场处理完毕', '已清理完毕，并提醒住户注意', '已联系维修人员修复', '已协调双方，达成一致意见', '已现场处置，后续持续关注'];
const RATING_COMMENTS = ['处理很及时，谢谢', '满意', '希望以后保持', null, null, null];
const NATURE_WEIGHTS: [string, number][] = [['help', 55], ['complaint', 25], ['consult', 8], ['suggestion', 8], ['tip_off', 4]];
const SOURCE_WEIGHTS: [string, number][] = [['resident_app', 50], ['building_leader', 22], ['station_visit', 10], ['hotline', 8], ['door_visit', 6], ['meeting', 4]];
const RESIDENT_PAGE = '居民（扫码）';
const UNRATED_COMMENT = '三个工作日内未评价，按未评价结案';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Local time of the deployment (Lhasa keeps UTC+8), as the server's default configuration. */
const UTC_OFFSET_MINUTES = 480;
const CALENDAR: WorkCalendar = { periods: LHASA_OFFICE_HOURS, holidays: new Set(), workdays: new Set(), utcOffsetMinutes: UTC_OFFSET_MINUTES };
const WORKING_DAY_MINUTES = LHASA_OFFICE_HOURS.reduce((sum, [s, e]) => sum + (e - s), 0);
const DEADLINES = new Map(DEFAULT_DEADLINES.map((d) => [d.level, d]));

/** 办理时限 from dispatch, as calendar.ts `scheduleFrom` computes it from the default rule of the level. */
function scheduleAt(level: HandlingLevel, from: Date): { due: number | null; remind: number | null } {
  const rule = DEADLINES.get(level);
  if (level === 'meeting' || !rule) return { due: null, remind: null };
  const due = rule.minutes === null ? endOfWorkingDay(from, CALENDAR) : addWorkingMinutes(from, rule.minutes, CALENDAR);
  const total = workingMinutesBetween(from, due, CALENDAR);
  const before = Math.min(rule.remindBefore, Math.floor(total / 2));
  return { due: due.getTime(), remind: before > 0 ? addWorkingMinutes(from, total - before, CALENDAR).getTime() : null };
}

const WEEK = 7 * DAY;
// 1970-01-05 was a Monday: weeks start at local midnight between Sunday and Monday.
const WEEK_ORIGIN = 4 * DAY - UTC_OFFSET_MINUTES * MINUTE;
const schedules = new Map<string, { due: number | null; remind: number | null }>();

/**
 * The same, for a dispatch at a whole minute. Without holidays the working calendar repeats every week, so
 * a deadline is the one of the same minute of the week, moved by whole weeks: each is computed once.
 */
function schedule(level: HandlingLevel, from: number): { due: number | null; remind: number | null } {
  const weekStart = from - ((((from - WEEK_ORIGIN) % WEEK) + WEEK) % WEEK);
  const key = `${level}:${from - weekStart}`;
  let s = schedules.get(key);
  if (!s) schedules.set(key, (s = scheduleAt(level, new Date(WEEK_ORIGIN + (from - weekStart)))));
  const shift = weekStart - WEEK_ORIGIN;
  return { due: s.due === null ? null : s.due + shift, remind: s.remind === null ? null : s.remind + shift };
}

const totals = new WeakMap<object, number>();

function weighted<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  let total = totals.get(items);
  if (total === undefined) totals.set(items, (total = items.reduce((s, [, w]) => s + w, 0)));
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('nothing to choose from');
  return last[0];
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  const x = xs[Math.floor(rand() * xs.length)];
  if (x === undefined) throw new Error('nothing to choose from');
  return x;
}

const iso = (t: number) => new Date(t).toISOString();

/** Reports on day `d` of the history: a linear rise, rounded so that the days add up to the plan exactly. */
function reportsPerDay(): number[] {
  const { issues, days, growth } = ISSUE_PLAN;
  // Density 1 + (growth − 1)·x on [0, 1]; its integral up to x is x + (growth − 1)·x²/2.
  const cumulative = (x: number) => (x + ((growth - 1) * x * x) / 2) / (1 + (growth - 1) / 2);
  const out: number[] = [];
  for (let d = 0; d < days; d++) out.push(Math.round(issues * cumulative((d + 1) / days)) - Math.round(issues * cumulative(d / days)));
  return out;
}

interface Handler {
  target: Target;
  /** Who takes the handler's steps in the timeline. */
  actor: { userId: number | null; name: string };
}

/**
 * Writes the issue history into `sink`, issues before their events, a checkpoint after each day; ids start at 1
 * (the issue tables are empty). `anchor` is the dataset's present: the history ends just before it.
 */
export async function writeIssues(
  sink: RowSink,
  world: World,
  config: IssueConfig,
  cipher: FieldCipher,
  anchor: Date,
  progress: (line: string) => void,
): Promise<{ counts: IssueCounts; refs: IssueRefs }> {
  const rand = seededRandom(20260117);
  const categories = config.categories
    .filter((c) => CATEGORY_WEIGHTS[c.code] !== undefined)
    .map((c) => [c, CATEGORY_WEIGHTS[c.code] ?? 0] as const);
  if (categories.length === 0) throw new Error('no issue categories: seedIssueDefaults must run first');
  const perDay = reportsPerDay();
  const counts: IssueCounts = { issues: 0, issueEvents: 0, openIssues: 0, overdueIssues: 0 };
  let detailIssueId = 0;
  let eventId = 0;
  const anchorMs = anchor.getTime();
  // Local midnight of the anchor's day; the last day of the history ends at the anchor.
  const lastMidnight = Math.floor((anchorMs + UTC_OFFSET_MINUTES * MINUTE) / DAY) * DAY - UTC_OFFSET_MINUTES * MINUTE;
  const firstCompound = world.compounds[0];

  for (let d = 0; d < ISSUE_PLAN.days; d++) {
    const midnight = lastMidnight - (ISSUE_PLAN.days - 1 - d) * DAY;
    // Reports come in between 08:00 and 22:00 local time (the last day: until the anchor), in time order, at
    // whole minutes.
    const from = midnight + 8 * HOUR;
    const to = Math.min(midnight + 22 * HOUR, anchorMs - MINUTE);
    const times = Array.from({ length: perDay[d] ?? 0 }, () => from + Math.floor((rand() * (to - from)) / MINUTE) * MINUTE);
    times.sort((a, b) => a - b);

    for (const created of times) {
      const id = ++counts.issues;
      const events: Value[][] = [];
      const category = weighted(rand, categories);
      const compound = pick(rand, world.compounds);
      // Most problems are in or at a building; the rest are in the compound's common areas.
      const atBuilding = rand() < 0.85;
      const building = atBuilding ? pick(rand, compound.buildings) : null;
      const inRoom = building !== null && rand() < 0.5;
      const householdIndex = building ? Math.floor(rand() * building.households) : 0;
      const householdId = building ? building.firstHouseholdId + householdIndex : null;
      const neighbour = building ?? pick(rand, compound.buildings);
      const reporterHousehold = householdId ?? neighbour.firstHouseholdId + Math.floor(rand() * neighbour.households);
      const head = world.heads[reporterHousehold];
      if (!head) throw new Error(`no household ${reporterHousehold}`);
      const source = weighted(rand, SOURCE_WEIGHTS);
      const reporterLeader = source === 'building_leader' ? (building ?? pick(rand, compound.buildings)).leader : null;
      const reporterName = reporterLeader ? reporterLeader.name : head.name;
      const phone = source === 'resident_app' || source === 'hotline' ? world.phoneOf(head.residentId) : null;

      const [title, detail] = pick(rand, TEXTS[category.code] ?? TEXTS.other ?? []);
      let where = `${compound.name}公共区域`;
      if (building && inRoom) {
        const r = world.roomOf(householdIndex);
        where = `${building.name}${r.unitNo}单元${r.room}`;
      } else if (building) where = building.name;
      const body = `${where}：${detail}`;

      // Routed by the application's rule: a 小事 at a building to its leader, a 大事 to the compound body that
      // owns the category, a 难事 to the 四方议事 queue.
      const routed = routeIssue({
        size: category.size,
        building: building && category.size === 'small' ? { path: building.path, leader: building.leader, contactLeader: null, gridWorker: null } : null,
        compound: { path: compound.path, bodies: compound.bodies, routedTo: config.routes.get(compound.id)?.get(category.id) ?? null },
      });
      const handler = handlerOf(routed, compound, world.street, rand());

      const dispatched = created;
      const { due, remind } = schedule(handler.target.level, dispatched);
      const age = (anchorMs - created) / DAY;
      const open = age < ISSUE_PLAN.openWindowDays && rand() < 0.97 * Math.exp(-age / ISSUE_PLAN.openTau);
      const reporterActor = { userId: reporterLeader?.userId ?? null, name: reporterLeader?.name ?? (source === 'resident_app' ? RESIDENT_PAGE : reporterName) };
      const system = { userId: null, name: 'system' };

      let version = 0;
      const event = (at: number, who: { userId: number | null; name: string }, action: string, fromStatus: string | null, toStatus: string, extra: { comment?: string | null; note?: string | null; data?: unknown } = {}) => {
        version++;
        events.push([
          ++eventId, id, iso(at), who.userId, who.name, action, fromStatus, toStatus, extra.comment ?? null, extra.note ?? null,
          extra.data === undefined ? null : JSON.stringify(extra.data), version,
        ]);
      };
      event(created, reporterActor, 'report', null, 'reported', { data: { source, size: category.size } });
      const t = handler.target;
      event(dispatched, system, 'assign', 'reported', 'assigned', { data: { auto: true, level: t.level, kind: t.kind, name: t.name, dueAt: due === null ? null : iso(due) } });

      let status: string;
      let dueAt = due;
      let remindAt = remind;
      let remindedAt: number | null = null;
      let overdueAt: number | null = null;
      let supervision = 0;
      let supervisionPath: string | null = null;
      let reply: string | null = null;
      let resolvedAt: number | null = null;
      let rating: string | null = null;
      let ratingComment: string | null = null;
      let closedAt: number | null = null;
      let updated = dispatched;

      if (!open) {
        // Taken on within hours, fixed within a time that depends on the level, rated (or not) soon after.
        const span = resolveSpan(t.level, rand());
        let accepted = dispatched + (5 + rand() * 235) * MINUTE;
        let resolved = accepted + span;
        const rated = rand();
        let closed = rated < 0.92 ? resolved + (10 * MINUTE + rand() * 2 * DAY) : addWorkingMinutes(new Date(resolved), 3 * WORKING_DAY_MINUTES, CALENDAR).getTime();
        if (closed >= anchorMs) {
          // Closed before the present: the same steps, closer together.
          const k = ((anchorMs - created) * 0.9) / (closed - created);
          accepted = created + (accepted - created) * k;
          resolved = created + (resolved - created) * k;
          closed = created + (closed - created) * k;
        }
        event(accepted, handler.actor, 'accept', 'assigned', 'accepted');
        reply = pick(rand, REPLIES);
        event(resolved, handler.actor, 'resolve', 'accepted', 'resolved', { comment: reply });
        if (rated < 0.92) {
          rating = rated < 0.74 ? 'satisfied' : 'basically';
          ratingComment = pick(rand, RATING_COMMENTS);
          event(closed, reporterActor, 'rate', 'resolved', 'closed', { comment: ratingComment, data: { rating } });
        } else {
          rating = 'none';
          event(closed, system, 'close', 'resolved', 'closed', { comment: UNRATED_COMMENT, data: { rating: 'none', auto: true } });
        }
        status = 'closed';
        resolvedAt = resolved;
        closedAt = closed;
        updated = closed;
      } else {
        counts.openIssues++;
        const accepted = dispatched + (5 + rand() * 235) * MINUTE;
        const takenOn = accepted < anchorMs;
        status = takenOn ? 'accepted' : 'assigned';
        if (takenOn) event(accepted, handler.actor, 'accept', 'assigned', 'accepted');
        if (dueAt !== null && dueAt <= anchorMs) {
          if (takenOn && rand() < ISSUE_PLAN.extendedShare) {
            // 延期: asked for and approved by the supervising level before the deadline passed (so the timers
            // never marked it overdue), to a new deadline a few working days after the present.
            const asked = accepted + Math.max(0, dueAt - accepted) * rand() * 0.5;
            const approved = asked + Math.max(0, dueAt - asked) * rand();
            const newDue = addWorkingMinutes(anchor, (1 + Math.floor(rand() * 15)) * WORKING_DAY_MINUTES, CALENDAR).getTime();
            const minutes = Math.max(30, Math.round(workingMinutesBetween(new Date(dueAt), new Date(newDue), CALENDAR)));
            event(asked, handler.actor, 'request_extension', 'accepted', 'accepted', { note: '需要采购配件，申请延期', data: { minutes } });
            const supervisor = t.level === 'building' ? `${compound.name}党支部` : `${compound.community.name}工作人员`;
            event(approved, { userId: null, name: supervisor }, 'approve_extension', 'accepted', 'accepted', { data: { minutes, dueAt: iso(newDue) } });
            dueAt = newDue;
            remindAt = null;
            updated = approved;
          } else {
            // The timers reminded and then marked it overdue: it now sits with the supervising level too.
            const tick = () => rand() * 30_000;
            const lastTick = anchorMs - 1;
            if (remindAt !== null) {
              remindedAt = Math.min(remindAt + tick(), lastTick);
              event(remindedAt, system, 'remind', status, status, { data: { dueAt: iso(dueAt) } });
            }
            overdueAt = Math.min(dueAt + tick(), lastTick);
            supervision = 1;
            supervisionPath = supervisorPath(t.level, t.path);
            event(overdueAt, system, 'overdue', status, status, { data: { dueAt: iso(dueAt), supervision } });
            counts.overdueIssues++;
            updated = overdueAt;
          }
        } else {
          updated = takenOn ? accepted : dispatched;
          if (takenOn && rand() < 0.55) {
            const started = accepted + rand() * (anchorMs - accepted) * 0.5;
            event(started, handler.actor, 'start', 'accepted', 'in_progress');
            status = 'in_progress';
            updated = started;
          }
          if (remindAt !== null && remindAt <= anchorMs) {
            remindedAt = Math.min(remindAt + rand() * 30_000, anchorMs - 1);
            event(remindedAt, system, 'remind', status, status, { data: { dueAt: dueAt === null ? null : iso(dueAt) } });
            updated = Math.max(updated, remindedAt);
          }
        }
        if (detailIssueId === 0 && compound === firstCompound) detailIssueId = id;
      }

      sink.add(ISSUE_TABLES.issues, [
        id, title, body, category.id, weighted(rand, NATURE_WEIGHTS), category.size, building?.id ?? compound.id, building?.path ?? compound.path, compound.id,
        inRoom ? householdId : null, inRoom ? 'room' : building ? 'building' : 'common', source,
        reporterLeader?.userId ?? null, reporterName, phone ? cipher.encrypt(phone) : null, phone ? maskPhone(phone) : null, rand() < 0.3 ? 1 : 0,
        publicToken(id), status, open ? 1 : 0,
        t.level, t.kind, t.path, t.bodyId, t.userId, t.name, iso(dispatched), dueAt === null ? null : iso(dueAt), remindAt === null ? null : iso(remindAt),
        remindedAt === null ? null : iso(remindedAt), overdueAt === null ? null : iso(overdueAt), supervision, supervisionPath,
        reply, resolvedAt === null ? null : iso(resolvedAt), rating, ratingComment, closedAt === null ? null : iso(closedAt),
        version, iso(created), iso(updated),
      ]);
      for (const e of events) sink.add(ISSUE_TABLES.issue_events, e);
      counts.issueEvents += events.length;
      if (counts.issues % 200_000 === 0) progress(`dataset: ${counts.issues.toLocaleString('en')} issues, ${counts.issueEvents.toLocaleString('en')} events …`);
    }
    await sink.checkpoint();
  }
  if (detailIssueId === 0) throw new Error('no open issue in the first compound');
  return { counts, refs: { detailIssueId } };
}

/** The handler of a routed issue; a few issues from the compound went up to the community or the street. */
function handlerOf(routed: Target, compound: WorldCompound, street: World['street'], r: number): Handler {
  const name = (p: Target) => p.name ?? `${compound.name}四方议事`;
  if (routed.level !== 'building' && r < 0.07) {
    const unit = r < 0.008 ? street : compound.community;
    const level: HandlingLevel = r < 0.008 ? 'street' : 'community';
    return {
      target: { level, kind: 'unit', path: unit.path, bodyId: null, departmentId: null, userId: null, name: unit.name },
      actor: { userId: null, name: `${unit.name}工作人员` },
    };
  }
  if (routed.kind === 'building_leader' && routed.userId !== null) return { target: routed, actor: { userId: routed.userId, name: name(routed) } };
  const body = compound.bodies.find((b) => b.id === routed.bodyId);
  if (body?.kind === 'property') return { target: routed, actor: compound.propertyManager };
  return { target: routed, actor: { userId: null, name: name(routed) } };
}

/** How long the fix took after it was taken on, by level. */
function resolveSpan(level: HandlingLevel, r: number): number {
  switch (level) {
    case 'building':
      return 30 * MINUTE + r * 8 * HOUR;
    case 'compound':
      return 2 * HOUR + r * 4 * DAY;
    case 'meeting':
      return 5 * DAY + r * 25 * DAY;
    case 'community':
      return DAY + r * 9 * DAY;
    case 'street':
    case 'department':
      return 2 * DAY + r * 18 * DAY;
    default: {
      const never: never = level;
      return never;
    }
  }
}

/** The reporter's follow-up token: unique and fixed per issue (the application draws it at random). */
function publicToken(id: number): string {
  return createHash('sha256').update(`xiaoqu-bench-issue-${id}`).digest('base64url').slice(0, 24);
}
