/**
 * The life of an issue (问题), as in a 12345 work order: 受理 reported → 派单 assigned → 签收 accepted →
 * 办理 in progress → 办结 resolved → closed once the reporter rates it (or does not, in time). Pure: the
 * server asks this module which actions the state allows and what state an action leads to.
 */

export const STATUSES = ['reported', 'assigned', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'merged'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses where someone still has to act on the problem itself. */
export const OPEN_STATUSES: readonly Status[] = ['reported', 'assigned', 'accepted', 'in_progress'];
export const isOpen = (s: Status): boolean => OPEN_STATUSES.includes(s);

export const ACTIONS = [
  'assign', // 派单
  'accept', // 签收
  'start', // 开始办理
  'resolve', // 办结
  'return', // 退回
  'escalate', // 上报
  'transfer', // 转派
  'request_extension', // 申请延期
  'approve_extension',
  'deny_extension',
  'supervise', // 督办
  'merge', // 合并重复
  'reject', // 不予受理
  'reclassify', // 重新分类
  'rate', // 评价
  'close', // 结案
  'note', // 内部备注
] as const;
export type Action = (typeof ACTIONS)[number];
export const isAction = (value: string): value is Action => (ACTIONS as readonly string[]).includes(value);

/** Who the viewer is to this issue; several may hold at once (a secretary dispatches and supervises). */
export interface Relation {
  handler: boolean;
  dispatcher: boolean;
  supervisor: boolean;
  reporter: boolean;
}

export interface IssueState {
  status: Status;
  extensionPending: boolean;
  supervision: number;
  rating: string | null;
}

const ACTIVE: readonly Status[] = ['assigned', 'accepted', 'in_progress'];

/** Which relation may take an action, and from which states. */
const TABLE: Record<Action, { from: readonly Status[]; by: readonly (keyof Relation)[] }> = {
  assign: { from: ['reported'], by: ['dispatcher'] },
  accept: { from: ['assigned'], by: ['handler'] },
  start: { from: ['accepted'], by: ['handler'] },
  resolve: { from: ['accepted', 'in_progress'], by: ['handler'] },
  return: { from: ['assigned', 'accepted'], by: ['handler'] },
  escalate: { from: ['reported', 'assigned', 'accepted', 'in_progress'], by: ['handler', 'dispatcher'] },
  transfer: { from: [...ACTIVE, 'resolved'], by: ['dispatcher', 'supervisor'] },
  request_extension: { from: ['accepted', 'in_progress'], by: ['handler'] },
  approve_extension: { from: ['accepted', 'in_progress'], by: ['supervisor'] },
  deny_extension: { from: ['accepted', 'in_progress'], by: ['supervisor'] },
  supervise: { from: OPEN_STATUSES, by: ['supervisor'] },
  merge: { from: ['reported', 'assigned'], by: ['dispatcher'] },
  reject: { from: ['reported', 'assigned'], by: ['dispatcher'] },
  reclassify: { from: ['reported', 'assigned', 'accepted', 'in_progress'], by: ['dispatcher', 'supervisor'] },
  rate: { from: ['resolved'], by: ['reporter'] },
  close: { from: ['resolved'], by: ['supervisor'] },
  note: { from: [...OPEN_STATUSES, 'resolved'], by: ['handler', 'dispatcher', 'supervisor'] },
};

/** Is the action possible in this state at all (else 422), regardless of who asks? */
export function stateAllows(action: Action, state: IssueState): boolean {
  if (!TABLE[action].from.includes(state.status)) return false;
  switch (action) {
    case 'request_extension':
      return !state.extensionPending;
    case 'approve_extension':
    case 'deny_extension':
      return state.extensionPending;
    case 'supervise':
      return state.supervision < 2;
    case 'rate':
      return state.rating === null;
    case 'close':
      // A supervisor closes a resolved issue only after a second 不满意 put it under supervision.
      return state.supervision > 0 && state.rating !== null;
    case 'transfer':
      return state.status !== 'resolved' || (state.supervision > 0 && state.rating !== null);
    default:
      return true;
  }
}

export function relationAllows(action: Action, who: Relation): boolean {
  return TABLE[action].by.some((r) => who[r]);
}

/** The actions this viewer may take now, in the order the interface shows them. */
export function allowedActions(state: IssueState, who: Relation): Action[] {
  return ACTIONS.filter((a) => relationAllows(a, who) && stateAllows(a, state));
}

export const RATINGS = ['satisfied', 'basically', 'dissatisfied'] as const; // 满意 / 基本满意 / 不满意
export type Rating = (typeof RATINGS)[number] | 'none'; // none: 未评价, never counted as satisfied

/** What a rating does: close, reopen once, or (a second 不满意) put the issue under red supervision. */
export function afterRating(rating: (typeof RATINGS)[number], reopenCount: number): 'close' | 'reopen' | 'supervise' {
  if (rating !== 'dissatisfied') return 'close';
  return reopenCount === 0 ? 'reopen' : 'supervise';
}

/** A second return of the same issue goes up a level by itself. */
export const RETURNS_BEFORE_ESCALATION = 2;

// spam: a flood of anonymous reports (批量无效提交), rejected together; the reporter sees only a neutral reply.
export const REJECT_REASONS = ['not_in_area', 'insufficient_info', 'legal_channel', 'duplicate', 'not_actionable', 'spam'] as const;

export const NATURES = ['consult', 'help', 'complaint', 'tip_off', 'suggestion'] as const; // 咨询 求助 投诉 举报 建议
export const SOURCES = ['resident_app', 'building_leader', 'grid_worker', 'station_visit', 'door_visit', 'meeting', 'hotline', 'open311'] as const;
export const PLACE_KINDS = ['room', 'building', 'common'] as const;
