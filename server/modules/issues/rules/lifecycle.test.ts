import { describe, expect, it } from 'vitest';
import { afterRating, allowedActions, relationAllows, stateAllows, type IssueState, type Relation } from './lifecycle.ts';

const nobody: Relation = { handler: false, dispatcher: false, supervisor: false, reporter: false };
const state = (s: Partial<IssueState>): IssueState => ({ status: 'assigned', extensionPending: false, supervision: 0, rating: null, ...s });

describe('lifecycle', () => {
  it('lets the handler accept, return and escalate an assigned issue, and nothing else', () => {
    expect(allowedActions(state({}), { ...nobody, handler: true })).toEqual(['accept', 'return', 'escalate', 'note']);
  });

  it('gives the reporter only the rating, and only once the issue is resolved', () => {
    expect(allowedActions(state({}), { ...nobody, reporter: true })).toEqual([]);
    expect(allowedActions(state({ status: 'resolved' }), { ...nobody, reporter: true })).toEqual(['rate']);
    expect(allowedActions(state({ status: 'resolved', rating: 'dissatisfied', supervision: 2 }), { ...nobody, reporter: true })).toEqual([]);
  });

  it('allows one pending extension at a time and its approval only while pending', () => {
    expect(stateAllows('request_extension', state({ status: 'accepted' }))).toBe(true);
    expect(stateAllows('request_extension', state({ status: 'accepted', extensionPending: true }))).toBe(false);
    expect(stateAllows('approve_extension', state({ status: 'accepted' }))).toBe(false);
    expect(stateAllows('approve_extension', state({ status: 'in_progress', extensionPending: true }))).toBe(true);
  });

  it('supervises yellow then red, and no further', () => {
    expect(stateAllows('supervise', state({ supervision: 1 }))).toBe(true);
    expect(stateAllows('supervise', state({ supervision: 2 }))).toBe(false);
  });

  it('closes a resolved issue by a supervisor only after a second 不满意', () => {
    expect(stateAllows('close', state({ status: 'resolved' }))).toBe(false);
    expect(stateAllows('close', state({ status: 'resolved', rating: 'dissatisfied', supervision: 2 }))).toBe(true);
    expect(relationAllows('close', { ...nobody, handler: true })).toBe(false);
  });

  it('never acts on closed, rejected or merged issues', () => {
    for (const status of ['closed', 'rejected', 'merged'] as const) {
      expect(allowedActions(state({ status }), { handler: true, dispatcher: true, supervisor: true, reporter: true })).toEqual([]);
    }
  });

  it('reopens after the first 不满意 and supervises after the second', () => {
    expect(afterRating('satisfied', 0)).toBe('close');
    expect(afterRating('basically', 1)).toBe('close');
    expect(afterRating('dissatisfied', 0)).toBe('reopen');
    expect(afterRating('dissatisfied', 1)).toBe('supervise');
  });
});
