import { describe, expect, it } from 'vitest';
import { localDayStart, localTime, replyRow, type ReplySource } from './replies.ts';

const LHASA = 480;
const base: ReplySource = { external_no: 'GD001', status: 'assigned', resolved_at: null, closed_at: null, reply: null, reject_reason: null, assignee_name: '索朗曲珍', rating: null };

describe('the reply sheet', () => {
  it('writes local wall-clock times and local day starts', () => {
    expect(localTime('2026-11-27T10:00:00.000Z', LHASA)).toBe('2026-11-27 18:00');
    expect(localTime('2026-11-27T17:30:00.000Z', LHASA)).toBe('2026-11-28 01:30');
    expect(localTime(null, LHASA)).toBe('');
    expect(localDayStart('2026-11-27', LHASA)).toBe('2026-11-26T16:00:00.000Z');
  });

  it('answers an open order with its state and handler only', () => {
    expect(replyRow(base, LHASA)).toEqual(['GD001', '已派单', '', '', '索朗曲珍', '']);
  });

  it('answers a settled order with the time, the reply and the rating', () => {
    const row = replyRow({ ...base, status: 'closed', resolved_at: '2026-11-27T09:00:00.000Z', closed_at: '2026-11-28T02:00:00.000Z', reply: '已更换灯泡', rating: 'basically' }, LHASA);
    expect(row).toEqual(['GD001', '已办结', '2026-11-27 17:00', '已更换灯泡', '索朗曲珍', '基本满意']);
  });

  it('answers a rejected order with the reason in words', () => {
    const row = replyRow({ ...base, status: 'rejected', closed_at: '2026-11-27T04:00:00.000Z', reject_reason: 'not_in_area' }, LHASA);
    expect(row.slice(1, 4)).toEqual(['不予受理', '2026-11-27 12:00', '不予受理：不属于本辖区']);
  });
});
