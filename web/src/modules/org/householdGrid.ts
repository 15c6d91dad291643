import type { Household } from '../../app/types';

export interface HouseholdGrid {
  /** 单元 numbers, in natural order: the columns. */
  units: string[];
  /** Floors from the top down: the rows. Floors with no household in between stay, to show the building's shape. */
  floors: number[];
  /** Households of one unit and floor, ordered by room. */
  rooms: (unit: string, floor: number) => Household[];
}

const MAX_FILLED_FLOORS = 100;
const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

export function buildHouseholdGrid(households: Household[]): HouseholdGrid {
  const cells = new Map<string, Household[]>();
  const units = new Set<string>();
  const present = new Set<number>();
  for (const household of households) {
    const unit = String(household.unitNo);
    units.add(unit);
    present.add(household.floor);
    const key = `${unit}\u0000${household.floor}`;
    const list = cells.get(key);
    if (list) list.push(household);
    else cells.set(key, [household]);
  }
  for (const list of cells.values()) list.sort((a, b) => natural(String(a.room), String(b.room)));

  let floors = [...present].sort((a, b) => b - a);
  const top = floors.at(0);
  const bottom = floors.at(-1);
  if (top !== undefined && bottom !== undefined && top - bottom < MAX_FILLED_FLOORS) {
    floors = Array.from({ length: top - bottom + 1 }, (_, i) => top - i).filter((f) => f !== 0 || present.has(0));
  }

  return {
    units: [...units].sort(natural),
    floors,
    rooms: (unit, floor) => cells.get(`${unit}\u0000${floor}`) ?? [],
  };
}
