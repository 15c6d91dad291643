import { extensionMinutes } from './workTime';
import type { Action, ActionBody, Rating, Target } from './types';

/** The inputs an action's form shows; the server's contract says which it needs (schemas.ts ActionBody). */
export type ActionField =
  | 'target'
  | 'comment'
  | 'reply'
  | 'closing'
  | 'note'
  | 'requiredNote'
  | 'reason'
  | 'rejectReason'
  | 'extension'
  | 'intoId'
  | 'categoryId'
  | 'rating'
  | 'photos';

export const ACTION_FIELDS: Record<Action, readonly ActionField[]> = {
  assign: ['target', 'comment', 'note'],
  transfer: ['target', 'comment', 'note'],
  accept: ['comment'],
  start: ['comment'],
  resolve: ['reply', 'photos', 'note'],
  return: ['reason'],
  escalate: ['reason'],
  request_extension: ['extension', 'reason'],
  approve_extension: ['comment'],
  deny_extension: ['comment'],
  supervise: ['comment'],
  merge: ['intoId', 'comment'],
  reject: ['rejectReason', 'comment'],
  reclassify: ['categoryId', 'comment', 'note'],
  rate: ['rating', 'comment'],
  close: ['closing'],
  note: ['requiredNote'],
};

/** Actions that move the work forward, drawn as primary buttons; the rest are secondary. */
export const PRIMARY_ACTIONS: readonly Action[] = ['assign', 'accept', 'start', 'resolve', 'rate', 'approve_extension'];
export const DANGER_ACTIONS: readonly Action[] = ['reject', 'return', 'deny_extension'];

export interface ActionValues {
  target?: Target;
  comment?: string;
  reply?: string;
  closing?: string;
  note?: string;
  requiredNote?: string;
  reason?: string;
  rejectReason?: string;
  extensionAmount?: number;
  extensionUnit?: 'hours' | 'days';
  intoId?: number;
  categoryId?: number;
  rating?: Rating;
  photos?: string[];
}

const text = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v ? v : undefined;
};

/** What the form's values become on the wire, with the version the page was loaded at. */
export function buildActionBody(action: Action, values: ActionValues, version: number, workingDayMinutes: number): ActionBody {
  const fields = ACTION_FIELDS[action];
  const body: ActionBody = { version };
  const comment = fields.includes('reply') ? text(values.reply) : fields.includes('closing') ? text(values.closing) : text(values.comment);
  if (comment !== undefined) body.comment = comment;
  const note = fields.includes('requiredNote') ? text(values.requiredNote) : fields.includes('note') ? text(values.note) : undefined;
  if (note !== undefined) body.note = note;
  const reason = fields.includes('rejectReason') ? values.rejectReason : fields.includes('reason') ? text(values.reason) : undefined;
  if (reason !== undefined) body.reason = reason;
  if (fields.includes('target') && values.target) body.target = values.target;
  if (fields.includes('extension') && values.extensionAmount) {
    body.minutes = extensionMinutes(values.extensionAmount, values.extensionUnit ?? 'hours', workingDayMinutes);
  }
  if (fields.includes('intoId') && values.intoId) body.intoId = values.intoId;
  if (fields.includes('categoryId') && values.categoryId) body.categoryId = values.categoryId;
  if (fields.includes('rating') && values.rating) body.rating = values.rating;
  if (fields.includes('photos') && values.photos?.length) body.photos = values.photos;
  return body;
}

/** Where the server's per-field problems go in the form (its `comment` is the reply or the closing text). */
export function formFieldFor(action: Action, path: string): string | null {
  const fields = ACTION_FIELDS[action];
  const root = path.split('.')[0];
  switch (root) {
    case 'comment':
      return fields.includes('reply') ? 'reply' : fields.includes('closing') ? 'closing' : 'comment';
    case 'note':
      return fields.includes('requiredNote') ? 'requiredNote' : 'note';
    case 'reason':
      return fields.includes('rejectReason') ? 'rejectReason' : 'reason';
    case 'minutes':
      return 'extensionAmount';
    case 'target':
    case 'intoId':
    case 'categoryId':
    case 'rating':
    case 'photos':
      return root;
    default:
      return null;
  }
}
