import type { Status } from '../../issues/index.ts';

/**
 * The reply sheet sent back to the hotline (回复单): per work order its state, when it was settled, the answer
 * given and who handled it, in the words the hotline's own system uses.
 */

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  reported: '已受理',
  assigned: '已派单',
  accepted: '已签收',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已合并',
};

export const RATING_LABELS: Readonly<Record<string, string>> = { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意', none: '未评价' };

const REJECT_LABELS: Readonly<Record<string, string>> = {
  not_in_area: '不属于本辖区',
  insufficient_info: '诉求信息不全',
  legal_channel: '应通过法定途径解决',
  duplicate: '重复反映',
  not_actionable: '不具备办理条件',
  spam: '无效重复提交（刷单）',
};

export const REPLY_HEADERS = ['工单编号', '办理状态', '办结时间', '答复内容', '办理单位', '满意度'] as const;

export interface ReplySource {
  external_no: string | null;
  status: string;
  resolved_at: string | null;
  closed_at: string | null;
  reply: string | null;
  reject_reason: string | null;
  assignee_name: string | null;
  rating: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as local wall-clock time, "2026-11-27 18:00", the way the hotline writes it. */
export function localTime(iso: string | null, utcOffsetMinutes: number): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + utcOffsetMinutes * 60_000);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The instant a local calendar day begins (YYYY-MM-DD), for date ranges chosen by people. */
export function localDayStart(day: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - utcOffsetMinutes * 60_000).toISOString();
}

const isStatus = (s: string): s is Status => s in STATUS_LABELS;

/** One row of the reply sheet; a rejected order answers with the reason it was not taken. */
export function replyRow(i: ReplySource, utcOffsetMinutes: number): string[] {
  const settled = i.status === 'resolved' || i.status === 'closed' ? (i.resolved_at ?? i.closed_at) : i.status === 'rejected' || i.status === 'merged' ? i.closed_at : null;
  return [
    i.external_no ?? '',
    isStatus(i.status) ? STATUS_LABELS[i.status] : i.status,
    localTime(settled, utcOffsetMinutes),
    i.reply ?? (i.status === 'rejected' && i.reject_reason ? `不予受理：${REJECT_LABELS[i.reject_reason] ?? i.reject_reason}` : ''),
    i.assignee_name ?? '',
    i.rating ? (RATING_LABELS[i.rating] ?? '') : '',
  ];
}
