import { describe, expect, it } from 'vitest';
import { ACTION_FIELDS, buildActionBody, formFieldFor } from './actionForm';
import { ACTIONS } from './types';

describe('action forms', () => {
  it('has a form for every action of the lifecycle', () => {
    expect(Object.keys(ACTION_FIELDS).sort()).toEqual([...ACTIONS].sort());
  });

  it('sends the reply of a resolution as its comment, with photos and the loaded version', () => {
    expect(buildActionBody('resolve', { reply: '  已更换灯泡 ', photos: ['data:image/jpeg;base64,AA'], note: ' ' }, 4, 360)).toEqual({
      version: 4,
      comment: '已更换灯泡',
      photos: ['data:image/jpeg;base64,AA'],
    });
  });

  it('sends a dispatch target and leaves out what the action does not take', () => {
    const body = buildActionBody('assign', { target: { kind: 'body', bodyId: 3 }, comment: '请物业处理', rating: 'satisfied' }, 1, 360);
    expect(body).toEqual({ version: 1, target: { kind: 'body', bodyId: 3 }, comment: '请物业处理' });
  });

  it('turns an extension in working days into working minutes', () => {
    expect(buildActionBody('request_extension', { extensionAmount: 2, extensionUnit: 'days', reason: '等配件' }, 3, 360)).toEqual({
      version: 3,
      minutes: 720,
      reason: '等配件',
    });
    expect(buildActionBody('request_extension', { extensionAmount: 3, reason: '等配件' }, 3, 360).minutes).toBe(180);
  });

  it('sends a reject reason code and a note as the note', () => {
    expect(buildActionBody('reject', { rejectReason: 'duplicate', comment: '' }, 2, 360)).toEqual({ version: 2, reason: 'duplicate' });
    expect(buildActionBody('note', { requiredNote: '已电话联系' }, 2, 360)).toEqual({ version: 2, note: '已电话联系' });
    expect(buildActionBody('close', { closing: '复核后结案' }, 9, 360)).toEqual({ version: 9, comment: '复核后结案' });
  });

  it("puts the server's field problems under the form's own fields", () => {
    expect(formFieldFor('resolve', 'comment')).toBe('reply');
    expect(formFieldFor('close', 'comment')).toBe('closing');
    expect(formFieldFor('reject', 'reason')).toBe('rejectReason');
    expect(formFieldFor('request_extension', 'minutes')).toBe('extensionAmount');
    expect(formFieldFor('assign', 'target.unitId')).toBe('target');
    expect(formFieldFor('assign', 'version')).toBeNull();
  });
});
