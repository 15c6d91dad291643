import type { NATURES } from '../../issues/index.ts';

/**
 * Where and what a work order from outside is about. The city hotline (and Open311 clients) describe the place in
 * free text ("城关区天峰祥和苑4栋2单元") and the kind of problem in their own words ("物业服务-电梯故障"); these
 * rules find the compound or building of the tree and the category of ours. Pure: the candidates come in.
 */

export interface PlaceCandidate {
  id: number;
  level: 'compound' | 'building';
  name: string;
  /** For a building, its compound. */
  parentId: number | null;
}

export interface CategoryCandidate {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  sort: number;
}

/** Compared without spaces and with full-width letters and digits folded (４号楼 is 4号楼). */
function fold(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** The building number people write after the compound: 4号楼, 4栋, 4幢, 4号. */
const BUILDING_NO = /(\d{1,3})(?:号楼|栋|幢|座|号)/;
const numberOf = (name: string): number | null => {
  const m = /^(\d{1,3})(?:号楼|栋|幢|座)$/.exec(fold(name));
  return m ? Number(m[1]) : null;
};

/**
 * The unit an address names: the compound whose name it contains (the longest, so 天峰祥和苑 beats 祥和苑), then
 * within it the building named after the compound's name, by name or by number (4栋 is 4号楼). A compound alone
 * when no building is named; null when no compound is named, or when two compounds of the same name could be meant.
 */
export function matchPlace(address: string, candidates: readonly PlaceCandidate[]): PlaceCandidate | null {
  const text = fold(address);
  if (text === '') return null;
  let best: { compound: PlaceCandidate; at: number; length: number }[] = [];
  for (const c of candidates) {
    if (c.level !== 'compound') continue;
    const name = fold(c.name);
    const at = name === '' ? -1 : text.indexOf(name);
    if (at === -1) continue;
    const length = name.length;
    if (best.length === 0 || length > (best[0]?.length ?? 0)) best = [{ compound: c, at, length }];
    else if (length === best[0]?.length) best.push({ compound: c, at, length });
  }
  const [found, ...others] = best;
  if (!found || others.length > 0) return null;
  const rest = text.slice(found.at + found.length);
  const buildings = candidates.filter((b) => b.level === 'building' && b.parentId === found.compound.id);
  const byName = buildings.filter((b) => fold(b.name) !== '' && rest.includes(fold(b.name))).sort((a, b) => fold(b.name).length - fold(a.name).length)[0];
  if (byName) return byName;
  const no = BUILDING_NO.exec(rest);
  if (no) {
    const byNumber = buildings.find((b) => numberOf(b.name) === Number(no[1]));
    if (byNumber) return byNumber;
  }
  return found.compound;
}

/**
 * Our category for the hotline's words: a category whose Chinese name equals the text, else one whose name the text
 * contains, a sub-category before a top one (设施维修-水电 is 水电, 物业服务/电梯故障 is 电梯) and then the longer
 * name; else the category coded `other`. Null only when there is not even that.
 */
export function matchCategory(text: string | null, candidates: readonly CategoryCandidate[]): CategoryCandidate | null {
  const folded = fold(text ?? '');
  const fallback = candidates.find((c) => c.code === 'other') ?? null;
  if (folded === '') return fallback;
  const exact = candidates.find((c) => fold(c.nameZh) === folded);
  if (exact) return exact;
  const contained = candidates.filter((c) => fold(c.nameZh) !== '' && folded.includes(fold(c.nameZh)));
  const depth = (c: CategoryCandidate) => (c.parentId === null ? 0 : 1);
  contained.sort((a, b) => depth(b) - depth(a) || fold(b.nameZh).length - fold(a.nameZh).length || a.sort - b.sort);
  return contained[0] ?? fallback;
}

type Nature = (typeof NATURES)[number];

/** The five natures by the words the hotline uses for them (诉求类型 is often folded into the category text). */
const NATURE_WORDS: readonly [Nature, string][] = [
  ['complaint', '投诉'],
  ['tip_off', '举报'],
  ['consult', '咨询'],
  ['suggestion', '建议'],
  ['help', '求助'],
];

/** 咨询 / 求助 / 投诉 / 举报 / 建议 from the order's category and title; 求助 when neither says. */
export function natureOf(...texts: (string | null)[]): Nature {
  const text = fold(texts.filter(Boolean).join(' '));
  return NATURE_WORDS.find(([, word]) => text.includes(word))?.[0] ?? 'help';
}
