import type { Tx } from '../../core/db.ts';
import { getUnit, type OrgDemoRefs } from '../org/index.ts';
import { localDay, MEDIATION_TEAM } from './rules/cases.ts';

// The 让三尺 demo of 天峰祥和苑: four volunteers of the 矛盾调解 team, a noise dispute in building 4 settled,
// carried out and visited, and a parking dispute still being mediated. Dates are counted back from the load.

const DAY = 86_400_000;

const VOLUNTEERS = [
  { name: '次仁旺姆', note: '退休教师，藏汉双语' },
  { name: '强巴平措', note: '老党员，小区党支部推荐' },
  { name: '李桂兰', note: '退休法院工作人员' },
  { name: '白玛央金', note: '联户长，熟悉邻里情况' },
];

export async function seedMediationDemo(tx: Tx, refs: OrgDemoRefs, now: string): Promise<void> {
  const compound = await getUnit(tx, refs.compounds.tianfeng);
  const building = await getUnit(tx, refs.buildings.tianfeng4);
  if (!compound || !building) throw new Error('the mediation demo needs 天峰祥和苑 and its building 4');
  const at = (daysAgo: number) => new Date(new Date(now).getTime() - daysAgo * DAY);
  const iso = (daysAgo: number) => at(daysAgo).toISOString();
  const day = (daysAgo: number) => localDay(at(daysAgo));

  const volunteerIds: number[] = [];
  for (const v of VOLUNTEERS) {
    const row = await tx
      .insertInto('volunteers')
      .values({ unit_id: compound.id, path: compound.path, resident_id: null, name: v.name, team: MEDIATION_TEAM, note: v.note, created_at: iso(400) })
      .returning('id')
      .executeTakeFirstOrThrow();
    volunteerIds.push(row.id);
  }

  // Settled: work on the flat above 洛桑's went on at noon and late at night and cracked his ceiling.
  const noise = await tx
    .insertInto('mediation_cases')
    .values({
      issue_id: null,
      unit_id: building.id,
      path: building.path,
      title: '4号楼楼上装修噪音纠纷',
      kind: 'noise',
      facts: '王伟家自九月初开始装修，午休时间和晚上九点以后仍有电钻、敲击声，洛桑家客厅吊顶因震动出现裂缝。双方多次争吵，洛桑向楼栋长反映。',
      dispute: '装修施工时间如何安排；吊顶修复费用由谁承担。',
      mediator_volunteer_id: volunteerIds[0] ?? null,
      mediator_name: VOLUNTEERS[0]?.name ?? '',
      status: 'closed',
      terms: '一、王伟装修期间，每日12:00至15:00及20:00以后不进行产生噪音的施工；\n二、王伟向洛桑赔礼道歉，并承担洛桑家客厅吊顶修复费用800元；\n三、双方今后互谅互让，和睦相处。',
      performance: '修复费用由王伟以现金当面交付洛桑，调解员在场见证；施工时间由物业公司监督。',
      perform_by: day(40),
      outcome_note: null,
      agreed_on: day(55),
      version: 4,
      created_at: iso(62),
      updated_at: iso(20),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('mediation_parties')
    .values([
      { case_id: noise.id, role: 'applicant', name: '洛桑', resident_id: refs.residents.luosang, gender: 'male', ethnicity: '藏族', address: '天峰祥和苑4号楼', sort: 0 },
      { case_id: noise.id, role: 'respondent', name: '王伟', resident_id: null, gender: 'male', ethnicity: '汉族', address: '天峰祥和苑4号楼', sort: 1 },
    ])
    .execute();
  await tx
    .insertInto('mediation_sessions')
    .values({ case_id: noise.id, held_on: day(55), place: '天峰祥和苑党群服务站', summary: '双方到场陈述。王伟承认施工时间不当，同意调整并承担修复费用；洛桑表示接受道歉。楼栋长索朗曲珍列席。', created_at: iso(55) })
    .execute();
  await tx
    .insertInto('mediation_visits')
    .values({ case_id: noise.id, visited_on: day(20), visitor_name: '格桑次仁', honoured: 1, note: '修复费用已当面交付，午休和夜间未再施工，两家关系恢复正常。', created_at: iso(20) })
    .execute();

  // Still open: a resident's parking space taken for months by a neighbour's car.
  const parking = await tx
    .insertInto('mediation_cases')
    .values({
      issue_id: null,
      unit_id: compound.id,
      path: compound.path,
      title: '地下车位长期被占用纠纷',
      kind: 'parking',
      facts: '拉巴次仁购买的地下车位B-017自今年八月起多次被陈静的车辆占用，物业劝说未果，双方在车库发生口角。',
      dispute: '陈静是否应停止占用并补偿拉巴次仁另租车位的费用。',
      mediator_volunteer_id: volunteerIds[1] ?? null,
      mediator_name: VOLUNTEERS[1]?.name ?? '',
      status: 'open',
      terms: null,
      performance: null,
      perform_by: null,
      outcome_note: null,
      agreed_on: null,
      version: 2,
      created_at: iso(6),
      updated_at: iso(3),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('mediation_parties')
    .values([
      { case_id: parking.id, role: 'applicant', name: '拉巴次仁', resident_id: null, gender: 'male', ethnicity: '藏族', address: '天峰祥和苑6号楼', sort: 0 },
      { case_id: parking.id, role: 'respondent', name: '陈静', resident_id: null, gender: 'female', ethnicity: '汉族', address: '天峰祥和苑2号楼', sort: 1 },
    ])
    .execute();
  await tx
    .insertInto('mediation_sessions')
    .values({ case_id: parking.id, held_on: day(3), place: '天峰祥和苑党群服务站', summary: '陈静称误以为该车位无人使用，同意不再占用；对补偿金额双方仍有分歧，约定一周后再次调解。物业经理张恒旺列席。', created_at: iso(3) })
    .execute();
}
