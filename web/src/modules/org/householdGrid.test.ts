import { describe, expect, it } from 'vitest';
import { buildHouseholdGrid } from './householdGrid';
import type { Household } from '../../app/types';

function household(id: number, unitNo: string, floor: number, room: string): Household {
  return {
    id,
    buildingId: 1,
    buildingName: '1号楼',
    compoundName: '小区',
    unitNo,
    floor,
    room,
    area: 80,
    label: `${unitNo}-${room}`,
    residents: 2,
  };
}

describe('buildHouseholdGrid', () => {
  const grid = buildHouseholdGrid([
    household(1, '2', 1, '102'),
    household(2, '10', 1, '101'),
    household(3, '2', 1, '101'),
    household(4, '2', 4, '401'),
  ]);

  it('orders units naturally and floors from the top down, keeping empty floors', () => {
    expect(grid.units).toEqual(['2', '10']);
    expect(grid.floors).toEqual([4, 3, 2, 1]);
  });

  it('puts each household in its unit and floor, rooms in order', () => {
    expect(grid.rooms('2', 1).map((h) => h.room)).toEqual(['101', '102']);
    expect(grid.rooms('10', 1).map((h) => h.id)).toEqual([2]);
    expect(grid.rooms('10', 4)).toEqual([]);
  });

  it('skips the floor number 0 that buildings do not have', () => {
    const basement = buildHouseholdGrid([household(1, '1', -1, 'B1'), household(2, '1', 1, '101')]);
    expect(basement.floors).toEqual([1, -1]);
  });

  it('handles an empty building', () => {
    expect(buildHouseholdGrid([])).toMatchObject({ units: [], floors: [] });
  });
});
