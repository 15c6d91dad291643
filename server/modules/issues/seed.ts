import type { Tx } from '../../core/db.ts';
import type { BodyKind, IssueSize } from '../../db/schema.ts';

// Defaults every deployment starts with: the category tree, deadlines per level, and per compound the body
// that owns each category's 大事. The holiday table starts empty: its dates come from the official notices
// (国务院办公厅 holiday notice, 西藏自治区 notices for 藏历新年 and 雪顿节) and are entered by staff each year.

interface CategorySeed {
  code: string;
  zh: string;
  bo: string;
  en: string;
  size: IssueSize;
  owner: BodyKind;
  children?: CategorySeed[];
}

export const DEFAULT_CATEGORIES: CategorySeed[] = [
  { code: 'sanitation', zh: '环境卫生', bo: 'ཁོར་ཡུག་གཙང་སྦྲ།', en: 'Sanitation', size: 'small', owner: 'property' },
  {
    code: 'repair',
    zh: '设施维修',
    bo: 'སྒྲིག་ཆས་ཉམས་གསོ།',
    en: 'Repairs',
    size: 'major',
    owner: 'property',
    children: [
      { code: 'repair.utilities', zh: '水电', bo: 'ཆུ་དང་གློག', en: 'Water and power', size: 'small', owner: 'property' },
      { code: 'repair.elevator', zh: '电梯', bo: 'གློག་འསྐྱོད་ཐེམ་སྐས།', en: 'Lifts', size: 'major', owner: 'property' },
      { code: 'repair.access', zh: '门禁', bo: 'སྒོ་སྲུང་མ་ལག', en: 'Door access', size: 'small', owner: 'property' },
    ],
  },
  { code: 'parking', zh: '停车管理', bo: 'རླངས་འཁོར་འཇོག་སྟངས།', en: 'Parking', size: 'major', owner: 'owners_committee' },
  { code: 'greenery', zh: '绿化养护', bo: 'ལྗང་ཁུ་སྐྱོང་སྲུང་།', en: 'Greenery', size: 'small', owner: 'property' },
  { code: 'lighting', zh: '路灯照明', bo: 'ལམ་སྒྲོན།', en: 'Street lighting', size: 'small', owner: 'property' },
  { code: 'noise', zh: '噪音扰民', bo: 'སྒྲ་གདངས་ཀྱི་གནོད་འཚེ།', en: 'Noise', size: 'small', owner: 'party_branch' },
  { code: 'dispute', zh: '邻里纠纷', bo: 'ཁྱིམ་མཚེས་བར་གྱི་རྩོད་གཞི།', en: 'Neighbour disputes', size: 'major', owner: 'party_branch' },
  { code: 'safety', zh: '安全隐患', bo: 'བདེ་འཇགས་ཀྱི་ཉེན་ཁ།', en: 'Safety hazards', size: 'major', owner: 'property' },
  { code: 'property_service', zh: '物业服务', bo: 'དངོས་ཟོག་ཞབས་ཞུ།', en: 'Property service', size: 'major', owner: 'owners_committee' },
  { code: 'illegal_building', zh: '违章搭建', bo: 'སྒྲིག་འགལ་བཟོ་སྐྲུན།', en: 'Unauthorised building', size: 'hard', owner: 'party_branch' },
  { code: 'other', zh: '其他', bo: 'གཞན།', en: 'Other', size: 'major', owner: 'party_branch' },
];

/** 办理时限 per handling level, in working minutes (a working day is 6 h of office time); null: the same day. */
export const DEFAULT_DEADLINES: { level: string; minutes: number | null; remindBefore: number }[] = [
  { level: 'building', minutes: null, remindBefore: 60 },
  { level: 'compound', minutes: 3 * 360, remindBefore: 180 },
  { level: 'community', minutes: 5 * 360, remindBefore: 360 },
  { level: 'street', minutes: 10 * 360, remindBefore: 360 },
  { level: 'department', minutes: 15 * 360, remindBefore: 720 },
];

/** Categories and deadlines, for every database (demo or not); does nothing when they exist. */
export async function seedIssueDefaults(tx: Tx, now: string): Promise<void> {
  const existing = await tx.selectFrom('issue_categories').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  let sort = 0;
  const insert = async (c: CategorySeed, parentId: number | null) => {
    const row = await tx
      .insertInto('issue_categories')
      .values({ parent_id: parentId, code: c.code, name_zh: c.zh, name_bo: c.bo.normalize('NFC'), name_en: c.en, default_size: c.size, sort: sort++, active: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const child of c.children ?? []) await insert(child, row.id);
  };
  for (const c of DEFAULT_CATEGORIES) await insert(c, null);
  for (const d of DEFAULT_DEADLINES) {
    await tx.insertInto('issue_deadline_rules').values({ level: d.level, category_id: null, working_minutes: d.minutes, remind_before_minutes: d.remindBefore, updated_at: now }).execute();
  }
}

/** The routing table of each compound: which body owns each category's 大事. */
export async function seedCompoundRoutes(tx: Tx, now: string): Promise<void> {
  const compounds = await tx.selectFrom('org_units').select(['id', 'path']).where('level', '=', 'compound').execute();
  const categories = await tx.selectFrom('issue_categories').select(['id', 'code']).execute();
  const owners = new Map<string, BodyKind>();
  const walk = (list: CategorySeed[]) => list.forEach((c) => (owners.set(c.code, c.owner), walk(c.children ?? [])));
  walk(DEFAULT_CATEGORIES);
  for (const compound of compounds) {
    for (const c of categories) {
      const owner = owners.get(c.code);
      if (!owner) continue;
      await tx
        .insertInto('issue_routes')
        .values({ unit_id: compound.id, path: compound.path, category_id: c.id, body_kind: owner, updated_at: now })
        .onConflict((oc) => oc.columns(['unit_id', 'category_id']).doNothing())
        .execute();
    }
  }
}

/** Demo: defaults, routing tables, and 格桑次仁's account linked to the grid of 天峰祥和苑. */
export async function seedIssuesDemo(tx: Tx, now: string): Promise<void> {
  await seedIssueDefaults(tx, now);
  await seedCompoundRoutes(tx, now);
  const gesang = await tx.selectFrom('users').select('id').where('username', '=', 'gesang').executeTakeFirst();
  if (gesang) await tx.updateTable('grids').set({ worker_user_id: gesang.id }).where('worker_name', '=', '格桑次仁').execute();
}
