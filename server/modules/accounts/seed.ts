import { hashPassword } from '../../core/auth.ts';
import type { Tx } from '../../core/db.ts';
import type { Role } from '../../core/policy.ts';
import type { OrgDemoRefs } from '../org/index.ts';

export const DEMO_PASSWORD = 'xiaoqu-demo';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  unit: (refs: OrgDemoRefs) => number;
  resident?: (refs: OrgDemoRefs) => number;
  note: string;
}

/** The people of the report in their roles; all share the password `xiaoqu-demo`. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'najin', displayName: '旦增央宗', role: 'street_admin', unit: (r) => r.street, note: '纳金街道 street_admin' },
  { username: 'linqiong', displayName: '旦增', role: 'community_staff', unit: (r) => r.community, note: '林琼社区 community_staff' },
  { username: 'gesang', displayName: '格桑次仁', role: 'grid_worker', unit: (r) => r.community, note: '林琼社区 grid_worker (红心家园)' },
  { username: 'basang', displayName: '巴桑', role: 'branch_secretary', unit: (r) => r.compounds.tianfeng, resident: (r) => r.residents.basang, note: '天峰祥和苑 branch_secretary' },
  { username: 'suolang', displayName: '索朗曲珍', role: 'building_leader', unit: (r) => r.buildings.tianfeng4, resident: (r) => r.residents.suolang, note: '天峰祥和苑 4号楼 building_leader' },
  { username: 'zhangheng', displayName: '张恒旺', role: 'property_manager', unit: (r) => r.compounds.tianfeng, resident: (r) => r.residents.zhangheng, note: '天峰祥和苑 property_manager' },
  { username: 'yeweihui', displayName: '次仁多吉', role: 'owners_committee', unit: (r) => r.compounds.tianfeng, resident: (r) => r.residents.yeweihuiDirector, note: '天峰祥和苑 owners_committee (业委会主任)' },
  { username: 'luosang', displayName: '洛桑', role: 'resident', unit: (r) => r.compounds.tianfeng, resident: (r) => r.residents.luosang, note: '天峰祥和苑 resident (4号楼)' },
  { username: 'xiangxue', displayName: '达瓦卓玛', role: 'building_leader', unit: (r) => r.buildings.xiangxue1, resident: (r) => r.residents.xiangxueLeader, note: '香雪佳园 1号楼 building_leader' },
  { username: 'shenji', displayName: '次仁拉姆', role: 'auditor', unit: (r) => r.street, note: '纳金街道 auditor (审计员)' },
];

export async function seedAccountsDemo(tx: Tx, refs: OrgDemoRefs, now: string): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const paths = new Map((await tx.selectFrom('org_units').select(['id', 'path']).execute()).map((u) => [u.id, u.path]));
  for (const a of DEMO_ACCOUNTS) {
    const unitId = a.unit(refs);
    const user = await tx
      .insertInto('users')
      .values({ username: a.username, password_hash: hash, display_name: a.displayName, resident_id: a.resident ? a.resident(refs) : null, home_path: paths.get(unitId) ?? '/', language: 'zh-CN', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('role_grants').values({ user_id: user.id, role: a.role, unit_id: unitId, created_at: now }).execute();
  }
}
