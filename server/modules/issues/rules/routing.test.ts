import { describe, expect, it } from 'vitest';
import { ancestorAt, dispatcherPath, escalationTarget, routeIssue, settledLocally, supervisorPath, type PlaceFacts } from './routing.ts';

const bodies: PlaceFacts['compound']['bodies'] = [
  { kind: 'party_branch', id: 1, name: '党支部' },
  { kind: 'owners_committee', id: 2, name: '业委会' },
  { kind: 'property', id: 3, name: '物业' },
];
const facts = (over: Partial<PlaceFacts> = {}): PlaceFacts => ({
  size: 'small',
  building: { path: '/1/2/3/4/', leader: { userId: 10, name: '索朗曲珍' }, contactLeader: { userId: 11, name: '联户长' }, gridWorker: { userId: 12, name: '格桑次仁' } },
  compound: { path: '/1/2/3/', bodies, routedTo: null },
  ...over,
});

describe('routing', () => {
  it('sends a 小事 to the building leader, else the 联户长, else the grid worker', () => {
    expect(routeIssue(facts())).toMatchObject({ level: 'building', kind: 'building_leader', userId: 10 });
    const noLeader = facts({ building: { path: '/1/2/3/4/', leader: null, contactLeader: { userId: 11, name: '联户长' }, gridWorker: null } });
    expect(routeIssue(noLeader)).toMatchObject({ kind: 'contact_leader', userId: 11 });
    const gridOnly = facts({ building: { path: '/1/2/3/4/', leader: null, contactLeader: null, gridWorker: { userId: 12, name: '格桑次仁' } } });
    expect(routeIssue(gridOnly)).toMatchObject({ kind: 'grid_worker', userId: 12 });
  });

  it('sends a 大事 to the body of the routing table, defaulting to the property company', () => {
    expect(routeIssue(facts({ size: 'major' }))).toMatchObject({ level: 'compound', kind: 'body', bodyId: 3 });
    expect(routeIssue(facts({ size: 'major', compound: { path: '/1/2/3/', bodies, routedTo: 'owners_committee' } }))).toMatchObject({ bodyId: 2 });
  });

  it('sends a 小事 of a building with nobody on duty, or of a common area, to the compound', () => {
    expect(routeIssue(facts({ building: null }))).toMatchObject({ level: 'compound', kind: 'body' });
    expect(routeIssue(facts({ building: null, compound: { path: '/1/2/3/', bodies: [], routedTo: null } }))).toMatchObject({ level: 'compound', kind: 'dispatch' });
  });

  it('queues a 难事 for the compound\'s four-party meeting', () => {
    expect(routeIssue(facts({ size: 'hard' }))).toMatchObject({ level: 'meeting', kind: 'meeting', path: '/1/2/3/' });
  });

  it('knows the dispatcher, the supervisor and the next level up of each level', () => {
    expect(ancestorAt('/1/2/3/4/', 3)).toBe('/1/2/3/');
    expect(dispatcherPath('building', '/1/2/3/4/')).toBe('/1/2/3/');
    expect(supervisorPath('building', '/1/2/3/4/')).toBe('/1/2/3/');
    expect(supervisorPath('compound', '/1/2/3/')).toBe('/1/2/');
    expect(supervisorPath('community', '/1/2/')).toBe('/1/');
    expect(escalationTarget('compound', '/1/2/3/')).toMatchObject({ level: 'community', kind: 'dispatch', path: '/1/2/' });
    expect(escalationTarget('street', '/1/')).toBeNull();
  });

  it('counts a 小事 as settled locally only in the building, a 大事 within the compound', () => {
    expect(settledLocally('small', 'building')).toBe(true);
    expect(settledLocally('small', 'compound')).toBe(false);
    expect(settledLocally('major', 'compound')).toBe(true);
    expect(settledLocally('major', 'community')).toBe(false);
  });
});
