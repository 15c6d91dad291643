import { cleanResident, type CleanResident, type ProblemReason, type Relation } from './resident.ts';

/** The household register sheet (住户信息表): one row per resident; a row without a name is a household only. */
export const SHEET_COLUMNS = [
  { key: 'building', header: '楼栋', width: 10 },
  { key: 'unitNo', header: '单元', width: 6 },
  { key: 'floor', header: '楼层', width: 6 },
  { key: 'room', header: '房号', width: 8 },
  { key: 'area', header: '建筑面积(㎡)', width: 12 },
  { key: 'name', header: '姓名', width: 12 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'ethnicity', header: '民族', width: 8 },
  { key: 'birthDate', header: '出生日期', width: 12 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'idNumber', header: '身份证号', width: 22 },
  { key: 'relation', header: '与户关系', width: 10 },
] as const;

export type SheetKey = (typeof SHEET_COLUMNS)[number]['key'];
export type RawRow = Partial<Record<SheetKey, string>>;
export const REASON_HEADER = '错误原因';

export const RELATION_LABELS: Record<Relation, string> = { owner: '业主', member: '家庭成员', tenant: '租户' };
const RELATION_WORDS: Record<string, Relation> = { 户主: 'owner', 业主: 'owner', 产权人: 'owner', 家庭成员: 'member', 成员: 'member', 租户: 'tenant', 租客: 'tenant' };
const GENDER_WORDS: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female' };
export const GENDER_LABELS = { male: '男', female: '女' } as const;

export interface ImportRow {
  row: number;
  building: string;
  unitNo: number;
  floor: number;
  room: string;
  area: number;
  resident: CleanResident | null;
}

export interface Rejection {
  row: number;
  reason: string;
}

function int(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isInteger(n) ? n : null;
}

/** Checks one row on its own; every problem of the row goes into one reason. */
export function parseRow(raw: RawRow, row: number, today: string): ImportRow | Rejection {
  const problems: string[] = [];
  const text = (k: SheetKey) => (raw[k] ?? '').normalize('NFC').trim();
  const building = text('building');
  if (!building) problems.push('楼栋不能为空');
  const unitNo = int(raw.unitNo);
  if (unitNo === null || unitNo < 1 || unitNo > 99) problems.push('单元应为 1–99 的整数');
  const floor = int(raw.floor);
  if (floor === null || floor < -5 || floor > 120) problems.push('楼层应为 -5–120 的整数');
  const room = text('room');
  if (!room || room.length > 20) problems.push('房号不能为空且不超过 20 个字符');
  const area = Number(text('area'));
  if (!text('area') || !Number.isFinite(area) || area <= 0 || area > 100000) problems.push('建筑面积应为大于 0 的数字');

  let resident: CleanResident | null = null;
  const name = text('name');
  if (name) {
    const genderWord = text('gender');
    const gender = genderWord ? GENDER_WORDS[genderWord] : undefined;
    if (genderWord && !gender) problems.push('性别应填“男”或“女”');
    const relationWord = text('relation');
    const relation = relationWord ? RELATION_WORDS[relationWord] : 'member';
    if (!relation) problems.push('与户关系应为 业主 / 家庭成员 / 租户');
    const result = cleanResident(
      { name, gender: gender ?? null, ethnicity: text('ethnicity') || null, birthDate: text('birthDate') || null, phone: text('phone') || null, idNumber: text('idNumber') || null, relation: relation ?? 'member' },
      today,
    );
    if ('problems' in result) problems.push(...result.problems.map((p) => `${FIELD_LABELS[p.path] ?? p.path}${REASON_TEXT[p.reason]}`));
    else resident = result.value;
  } else if (text('phone') || text('idNumber')) {
    problems.push('填写了电话或身份证号但没有姓名');
  }
  if (problems.length > 0 || unitNo === null || floor === null) return { row, reason: problems.join('；') };
  return { row, building, unitNo, floor, room, area, resident };
}

const FIELD_LABELS: Record<string, string> = { name: '姓名', gender: '性别', ethnicity: '民族', birthDate: '出生日期', phone: '联系电话', idNumber: '身份证号' };
const REASON_TEXT: Record<ProblemReason, string> = {
  required: '不能为空',
  too_long: '过长',
  phone: '不是有效的电话号码',
  id_number: '不是有效的身份证号（位数、校验码或出生日期有误）',
  date: '应为 YYYY-MM-DD 格式的日期',
  future: '不能晚于今天',
  mismatch: '与身份证号不一致',
};

export const householdKey = (r: Pick<ImportRow, 'building' | 'unitNo' | 'room'>) => `${r.building}\u0000${r.unitNo}\u0000${r.room}`;

/** Checks the rows against each other: one ID number once, one household with one floor and area. */
export function crossCheck(rows: ImportRow[]): Rejection[] {
  const out: Rejection[] = [];
  const ids = new Map<string, number>();
  const households = new Map<string, ImportRow>();
  for (const r of rows) {
    const id = r.resident?.idNumber;
    if (id) {
      const first = ids.get(id);
      if (first !== undefined) out.push({ row: r.row, reason: `身份证号与第 ${first} 行重复` });
      else ids.set(id, r.row);
    }
    const key = householdKey(r);
    const seen = households.get(key);
    if (seen && (seen.floor !== r.floor || seen.area !== r.area)) out.push({ row: r.row, reason: `同一房屋在第 ${seen.row} 行的楼层或面积不同` });
    else if (!seen) households.set(key, r);
  }
  return out;
}
