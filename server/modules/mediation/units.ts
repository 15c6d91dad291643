import type { DbOrTx } from '../../core/db.ts';
import { getUnit, type UnitRow } from '../org/index.ts';

// Names of places, asked of the organisation module (mediation keeps only unit ids and paths).

const idsOfPath = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

/** Unit names by id, for the handful of units one page of cases or volunteers mentions. */
export async function unitNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const id of new Set(ids)) {
    const unit = await getUnit(db, id);
    if (unit) names.set(id, unit.name);
  }
  return names;
}

/** The community (社区) a path lies in; its 人民调解委员会 signs the agreements. */
export async function communityOf(db: DbOrTx, path: string): Promise<UnitRow | undefined> {
  for (const id of idsOfPath(path)) {
    const unit = await getUnit(db, id);
    if (unit?.level === 'community') return unit;
  }
  return undefined;
}
