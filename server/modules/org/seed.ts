import type { FieldCipher } from '../../core/crypto.ts';
import type { Tx } from '../../core/db.ts';
import type { BodyKind, Level } from '../../db/schema.ts';
import { sealPersonal } from './personal.ts';
import { makeIdNumber } from './rules/identity.ts';
import { reindexAllResidents } from './searchDocs.ts';

// The Linqiong demo (林琼社区, 纳金街道, 城关区, Lhasa) as the Tibet Daily report describes it: three compounds,
// 天峰祥和苑 with its party branch (书记 巴桑), 13 central households, 8 red building leaders (索朗曲珍 for
// building 4), an owners committee and a property company (经理 张恒旺). The rest of the people are generated
// deterministically so every install shows the same figures.

export interface OrgDemoRefs {
  street: number;
  community: number;
  compounds: Record<'tianfeng' | 'xiangxue' | 'jiahe', number>;
  buildings: { tianfeng4: number; xiangxue1: number };
  residents: { basang: number; suolang: number; luosang: number; zhangheng: number; yeweihuiDirector: number; xiangxueLeader: number };
}

/** A small deterministic PRNG (mulberry32) so the demo is identical on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIBETAN_PARTS = ['扎西', '次仁', '卓玛', '央金', '达瓦', '格桑', '普布', '拉巴', '边巴', '尼玛', '旺堆', '德吉', '曲珍', '白玛', '多吉', '平措', '罗布', '桑珠', '仁增', '益西', '顿珠', '拉姆', '次旦', '米玛', '强巴', '贡觉', '央拉', '琼达', '索朗', '巴珠'];
const FEMALE_PARTS = new Set(['卓玛', '央金', '德吉', '曲珍', '白玛', '拉姆', '央拉', '琼达']);
const HAN_SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '胡', '朱'];
const HAN_GIVEN_M = ['伟', '强', '军', '磊', '洋', '勇', '杰', '涛', '明', '超', '建国', '志刚', '海波'];
const HAN_GIVEN_F = ['芳', '娟', '敏', '静', '丽', '艳', '霞', '婷', '雪', '琳', '秀英', '桂兰', '晓燕'];

export interface DemoPerson {
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birth: string; // YYYYMMDD
}

export function makePerson(rand: () => number, minAge: number, maxAge: number, year = 2026): DemoPerson {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const age = minAge + Math.floor(rand() * (maxAge - minAge + 1));
  const birth = `${year - age}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const r = rand();
  if (r < 0.75) {
    const second = pick(TIBETAN_PARTS);
    let first = pick(TIBETAN_PARTS);
    if (first === second) first = pick(TIBETAN_PARTS);
    return { name: `${first}${second}`, gender: FEMALE_PARTS.has(second) ? 'female' : 'male', ethnicity: '藏族', birth };
  }
  const gender = rand() < 0.5 ? 'male' : 'female';
  const given = gender === 'male' ? pick(HAN_GIVEN_M) : pick(HAN_GIVEN_F);
  return { name: `${pick(HAN_SURNAMES)}${given}`, gender, ethnicity: r < 0.97 ? '汉族' : '回族', birth };
}

interface Seeder {
  tx: Tx;
  cipher: FieldCipher;
  now: string;
  rand: () => number;
  idSeq: number;
}

async function unit(s: Seeder, parent: { id: number; path: string } | null, level: Level, name: string, sort = 0): Promise<{ id: number; path: string }> {
  const row = await s.tx
    .insertInto('org_units')
    .values({ parent_id: parent?.id ?? null, level, name, path: `pending:${level}:${name}:${parent?.id ?? 0}`, sort, created_at: s.now, updated_at: s.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await s.tx.updateTable('org_units').set({ path }).where('id', '=', row.id).execute();
  return { id: row.id, path };
}

async function resident(s: Seeder, household: { id: number; buildingId: number; path: string }, p: DemoPerson, relation: 'owner' | 'member' | 'tenant'): Promise<number> {
  s.idSeq += 1;
  const adult = Number(p.birth.slice(0, 4)) <= 2008;
  const phone = adult ? `1${['39', '59', '89', '78', '36'][s.idSeq % 5]}${String(8900000 + ((s.idSeq * 7919) % 99999) * 1).padStart(8, '0')}`.slice(0, 11) : null;
  const idNumber = makeIdNumber('540102', p.birth, s.idSeq, p.gender);
  const row = await s.tx
    .insertInto('residents')
    .values({
      household_id: household.id,
      unit_id: household.buildingId,
      path: household.path,
      name: p.name,
      gender: p.gender,
      ethnicity: p.ethnicity,
      birth_date: `${p.birth.slice(0, 4)}-${p.birth.slice(4, 6)}-${p.birth.slice(6, 8)}`,
      relation,
      ...sealPersonal(s.cipher, phone, idNumber),
      created_at: s.now,
      updated_at: s.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

interface CompoundPlan {
  key: 'tianfeng' | 'xiangxue' | 'jiahe';
  name: string;
  buildings: number;
  units: number;
  floors: number;
  roomsPerFloor: number;
}

const PLANS: CompoundPlan[] = [
  { key: 'tianfeng', name: '天峰祥和苑', buildings: 8, units: 3, floors: 6, roomsPerFloor: 2 },
  { key: 'xiangxue', name: '香雪佳园', buildings: 6, units: 2, floors: 6, roomsPerFloor: 2 },
  { key: 'jiahe', name: '佳禾未来城', buildings: 8, units: 2, floors: 9, roomsPerFloor: 2 },
];

interface BuiltHousehold {
  id: number;
  buildingId: number;
  buildingNo: number;
  path: string;
  residentIds: number[];
}

async function body(s: Seeder, compound: { id: number; path: string }, kind: BodyKind, name: string, extra: Partial<Record<'founded_on' | 'term_start' | 'term_end' | 'company' | 'contract_start' | 'contract_end', string>>, members: { name: string; position: string; residentId?: number }[]): Promise<number> {
  const row = await s.tx
    .insertInto('bodies')
    .values({ unit_id: compound.id, path: compound.path, kind, name, founded_on: null, term_start: null, term_end: null, company: null, contract_start: null, contract_end: null, ...extra, created_at: s.now, updated_at: s.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  let sort = 0;
  for (const m of members) {
    await s.tx.insertInto('body_members').values({ body_id: row.id, resident_id: m.residentId ?? null, name: m.name, position: m.position, sort: sort++ }).execute();
  }
  return row.id;
}

/** Inserts the Linqiong demo tree and its people inside `tx`; returns the ids the account seed needs. */
export async function seedOrgDemo(tx: Tx, cipher: FieldCipher, now: string): Promise<OrgDemoRefs> {
  const s: Seeder = { tx, cipher, now, rand: seededRandom(20250615), idSeq: 0 };
  const street = await unit(s, null, 'street', '纳金街道');
  const community = await unit(s, street, 'community', '林琼社区');

  const compounds = {} as Record<CompoundPlan['key'], { id: number; path: string }>;
  const buildingIds = {} as Record<string, { id: number; path: string }>;
  const households = {} as Record<CompoundPlan['key'], BuiltHousehold[]>;

  for (const [ci, plan] of PLANS.entries()) {
    const compound = await unit(s, community, 'compound', plan.name, ci);
    compounds[plan.key] = compound;
    households[plan.key] = [];
    for (let b = 1; b <= plan.buildings; b++) {
      const building = await unit(s, compound, 'building', `${b}号楼`, b);
      buildingIds[`${plan.key}${b}`] = building;
      for (let u = 1; u <= plan.units; u++) {
        for (let f = 1; f <= plan.floors; f++) {
          for (let r = 1; r <= plan.roomsPerFloor; r++) {
            const area = Math.round((72 + s.rand() * 70) * 10) / 10;
            const h = await tx
              .insertInto('households')
              .values({ building_id: building.id, path: building.path, unit_no: u, floor: f, room: `${f}0${r}`, area, created_at: now, updated_at: now })
              .returning('id')
              .executeTakeFirstOrThrow();
            households[plan.key].push({ id: h.id, buildingId: building.id, buildingNo: b, path: building.path, residentIds: [] });
          }
        }
      }
    }
  }

  // The named people of the report live in 天峰祥和苑 (building 4 for 索朗曲珍 and 洛桑).
  const tf = households.tianfeng;
  const inBuilding = (list: BuiltHousehold[], no: number) => list.filter((h) => h.buildingNo === no);
  const named = async (h: BuiltHousehold, p: DemoPerson) => {
    const id = await resident(s, h, p, 'owner');
    h.residentIds.push(id);
    return id;
  };
  const tf4 = inBuilding(tf, 4);
  const [h41, h42, h43] = [tf4[0], tf4[5], tf4[9]] as [BuiltHousehold, BuiltHousehold, BuiltHousehold];
  const suolang = await named(h41, { name: '索朗曲珍', gender: 'female', ethnicity: '藏族', birth: '19780315' });
  const luosang = await named(h42, { name: '洛桑', gender: 'male', ethnicity: '藏族', birth: '19650908' });
  const basang = await named(inBuilding(tf, 2)[3] as BuiltHousehold, { name: '巴桑', gender: 'male', ethnicity: '藏族', birth: '19700122' });
  const laba = await named(inBuilding(tf, 3)[2] as BuiltHousehold, { name: '拉巴', gender: 'male', ethnicity: '藏族', birth: '19820705' });
  const liuxi = await named(h43, { name: '刘希', gender: 'female', ethnicity: '汉族', birth: '19900411' });
  const sangjie = await named(inBuilding(tf, 6)[7] as BuiltHousehold, { name: '桑杰', gender: 'male', ethnicity: '藏族', birth: '19580219' });
  const director = await named(inBuilding(tf, 1)[4] as BuiltHousehold, { name: '次仁多吉', gender: 'male', ethnicity: '藏族', birth: '19680830' });
  const zhangheng = await named(inBuilding(tf, 8)[0] as BuiltHousehold, { name: '张恒旺', gender: 'male', ethnicity: '汉族', birth: '19791112' });
  const xiangxueLeader = await named(inBuilding(households.xiangxue, 1)[0] as BuiltHousehold, { name: '达瓦卓玛', gender: 'female', ethnicity: '藏族', birth: '19750620' });

  // Everyone else: 85% of flats are lived in, by one to four people; the first adult owns the flat.
  for (const plan of PLANS) {
    for (const h of households[plan.key]) {
      if (h.residentIds.length === 0 && s.rand() > 0.85) continue;
      const size = h.residentIds.length > 0 ? Math.floor(s.rand() * 3) : 1 + Math.floor(s.rand() * 4);
      for (let i = 0; i < size; i++) {
        const first = h.residentIds.length === 0;
        const p = makePerson(s.rand, first ? 28 : 3, first ? 80 : 75);
        h.residentIds.push(await resident(s, h, p, first ? (s.rand() < 0.9 ? 'owner' : 'tenant') : 'member'));
      }
    }
  }

  // 四方平台 bodies of each compound.
  const bodiesOf: Record<string, { branch: number }> = {};
  for (const plan of PLANS) {
    const c = compounds[plan.key];
    const tfc = plan.key === 'tianfeng';
    const branch = await body(s, c, 'party_branch', `${plan.name}党支部`, { founded_on: tfc ? '2023-07-01' : '2024-03-15' }, tfc
      ? [{ name: '巴桑', position: 'secretary', residentId: basang }, { name: '拉巴', position: 'committee_member', residentId: laba }, { name: '索朗曲珍', position: 'committee_member', residentId: suolang }]
      : [{ name: plan.key === 'xiangxue' ? '普布次仁' : '王建国', position: 'secretary' }]);
    bodiesOf[plan.key] = { branch };
    await body(s, c, 'owners_committee', `${plan.name}业主委员会`, { founded_on: tfc ? '2023-05-20' : '2024-01-10', term_start: tfc ? '2023-05-20' : '2024-01-10', term_end: tfc ? '2028-05-19' : '2029-01-09' }, tfc
      ? [{ name: '次仁多吉', position: 'director', residentId: director }, { name: '刘希', position: 'deputy_director', residentId: liuxi }, { name: '桑杰', position: 'member', residentId: sangjie }, { name: '德吉央金', position: 'member' }, { name: '王海波', position: 'member' }]
      : [{ name: plan.key === 'xiangxue' ? '白玛拉姆' : '陈志刚', position: 'director' }, { name: '旺堆', position: 'member' }, { name: '李秀英', position: 'member' }]);
    await body(s, c, 'property', tfc ? '西藏祥和物业服务有限公司' : `拉萨${plan.name}物业服务中心`, { company: tfc ? '西藏祥和物业服务有限公司' : `拉萨${plan.name}物业服务中心`, contract_start: '2024-01-01', contract_end: '2026-12-31' }, tfc
      ? [{ name: '张恒旺', position: 'manager', residentId: zhangheng }, { name: '尼玛次仁', position: 'member' }]
      : [{ name: plan.key === 'xiangxue' ? '赵磊' : '扎西平措', position: 'manager' }]);
  }

  // Party members: about one in twelve adults; in 天峰祥和苑 the named members first.
  let partyCount = 0;
  const partyOf = new Map<number, number>();
  for (const plan of PLANS) {
    const branch = bodiesOf[plan.key]?.branch ?? null;
    const named = plan.key === 'tianfeng' ? [basang, laba, suolang, director] : [];
    const all = households[plan.key].flatMap((h) => h.residentIds.map((id) => ({ id, path: h.path })));
    const adults = new Set((await tx.selectFrom('residents').select('id').where('birth_date', '<=', '2008-01-01').execute()).map((r) => r.id));
    for (const r of all) {
      // Members join at 18 or later.
      if (!adults.has(r.id) || (!named.includes(r.id) && s.rand() > 0.08)) continue;
      partyCount++;
      const pm = await tx
        .insertInto('party_members')
        .values({ resident_id: r.id, branch_id: branch, path: r.path, party_group: `第${1 + (partyCount % 3)}党小组`, joined_on: `${1985 + (partyCount % 35)}-07-01`, status: partyCount % 17 === 0 ? 'probationary' : 'full', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      partyOf.set(r.id, pm.id);
    }
  }

  // 13 党员中心户 in 天峰祥和苑, each looking after about eight neighbouring households of its building.
  const tfMembers = [...partyOf.entries()].filter(([rid]) => tf.some((h) => h.residentIds.includes(rid)));
  for (const [rid, pmId] of tfMembers.slice(0, 13)) {
    const home = tf.find((h) => h.residentIds.includes(rid));
    if (!home) continue;
    const ch = await tx.insertInto('central_households').values({ party_member_id: pmId, path: home.path, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const neighbours = tf.filter((h) => h.buildingId === home.buildingId);
    const start = Math.max(0, neighbours.indexOf(home) - 4);
    for (const n of neighbours.slice(start, start + 8)) {
      await tx.insertInto('central_household_links').values({ central_household_id: ch.id, household_id: n.id }).onConflict((oc) => oc.doNothing()).execute();
    }
  }

  // 8 红色楼栋长 in 天峰祥和苑 (索朗曲珍 for building 4), one for 香雪佳园 building 1.
  for (let b = 1; b <= 8; b++) {
    const building = buildingIds[`tianfeng${b}`];
    if (!building) continue;
    const namedPeople = new Set([suolang, luosang, basang, laba, liuxi, sangjie, director, zhangheng]);
    const leader = b === 4 ? suolang : (inBuilding(tf, b).flatMap((h) => h.residentIds).find((id) => !namedPeople.has(id)) ?? suolang);
    await tx.insertInto('building_leaders').values({ building_id: building.id, resident_id: leader, path: building.path, appointed_on: '2024-04-01' }).execute();
  }
  const xx1 = buildingIds.xiangxue1;
  if (xx1) await tx.insertInto('building_leaders').values({ building_id: xx1.id, resident_id: xiangxueLeader, path: xx1.path, appointed_on: '2024-06-01' }).execute();

  // One grid per compound, worked by 格桑次仁 for 天峰祥和苑.
  for (const [i, plan] of PLANS.entries()) {
    const g = await tx
      .insertInto('grids')
      .values({ unit_id: community.id, path: community.path, name: `林琼社区第${i + 1}网格`, worker_name: i === 0 ? '格桑次仁' : ['格桑次仁', '米玛卓嘎', '扎西顿珠'][i] ?? '格桑次仁', worker_user_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('grid_units').values({ grid_id: g.id, unit_id: compounds[plan.key].id }).execute();
  }

  // 双联户: groups of 12 neighbouring households in 天峰祥和苑, led by the group's first resident.
  const occupied = tf.filter((h) => h.residentIds.length > 0);
  for (let i = 0; i * 12 < occupied.length; i++) {
    const members = occupied.slice(i * 12, i * 12 + 12);
    const first = members[0];
    if (!first) continue;
    const g = await tx
      .insertInto('contact_groups')
      .values({ unit_id: compounds.tianfeng.id, path: compounds.tianfeng.path, name: `天峰祥和苑第${i + 1}联户`, leader_resident_id: first.residentIds[0] ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const m of members) await tx.insertInto('contact_group_households').values({ group_id: g.id, household_id: m.id }).execute();
  }

  for (const d of [
    { name: '城关区住房和城乡建设局', kind: 'housing', phone: '0891-6321001' },
    { name: '城关区城市管理和综合执法局', kind: 'urban_management', phone: '0891-6321002' },
    { name: '纳金派出所', kind: 'police', phone: '0891-6321110' },
    { name: '12345政务服务便民热线', kind: 'hotline', phone: '12345' },
    { name: '城关区市场监督管理局', kind: 'market_regulation', phone: '0891-6321003' },
  ]) {
    await tx.insertInto('departments').values(d).execute();
  }

  // The demo's residents were written row by row above; their search documents in one pass.
  await reindexAllResidents(tx);
  const unitOf = (key: string) => buildingIds[key]?.id ?? 0;
  return {
    street: street.id,
    community: community.id,
    compounds: { tianfeng: compounds.tianfeng.id, xiangxue: compounds.xiangxue.id, jiahe: compounds.jiahe.id },
    buildings: { tianfeng4: unitOf('tianfeng4'), xiangxue1: unitOf('xiangxue1') },
    residents: { basang, suolang, luosang, zhangheng, yeweihuiDirector: director, xiangxueLeader },
  };
}
