import { describe, expect, it } from 'vitest';
import { bodyDateProblems, positionProblem } from './bodies.ts';

describe('bodies of the four-party platform', () => {
  it('checks terms and contracts', () => {
    expect(bodyDateProblems('owners_committee', { termStart: '2024-01-01', termEnd: '2029-01-01' })).toEqual([]);
    expect(bodyDateProblems('owners_committee', { termStart: '2024-01-01', termEnd: '2029-01-02' }).map((p) => p.path)).toEqual(['termEnd']);
    expect(bodyDateProblems('owners_committee', { termStart: '2024-01-01', termEnd: '2023-01-01' }).map((p) => p.path)).toEqual(['termEnd']);
    expect(bodyDateProblems('property', { contractStart: '2024-01-01', contractEnd: '2024-01-01' }).map((p) => p.path)).toEqual(['contractEnd']);
    expect(bodyDateProblems('party_branch', { contractStart: '2024-01-01' }).map((p) => p.path)).toEqual(['contractStart']);
  });

  it('knows the positions of each body and keeps the head unique', () => {
    expect(positionProblem('party_branch', 'secretary', [])).toBeNull();
    expect(positionProblem('party_branch', 'secretary', ['secretary'])).toMatch(/already filled/);
    expect(positionProblem('party_branch', 'committee_member', ['committee_member'])).toBeNull();
    expect(positionProblem('property', 'director', [])).toMatch(/no position/);
  });
});
