import { loadActor } from '../../core/auth.ts';
import type { Services } from '../../core/context.ts';
import { act } from './commands/act.ts';
import { reportIssue } from './commands/report.ts';
import type { Writer } from './commands/shared.ts';
import type { NATURES, PLACE_KINDS, SOURCES } from './rules/lifecycle.ts';

// A few stories of 天峰祥和苑 told through the real commands, so the demo's queues, timelines and plan are alive.

interface Story {
  by: string;
  building: string | null;
  category: string;
  title: string;
  body: string;
  nature: (typeof NATURES)[number];
  source: (typeof SOURCES)[number];
  placeKind: (typeof PLACE_KINDS)[number];
  steps: { by: string; action: 'accept' | 'start' | 'resolve' | 'rate'; comment?: string; rating?: 'satisfied' }[];
}

const STORIES: Story[] = [
  { by: 'luosang', building: '4号楼', category: 'lighting', title: '4号楼2单元楼道灯不亮', body: '二单元三楼到五楼的楼道灯一周都不亮了，晚上上下楼看不清。', nature: 'help', source: 'resident_app', placeKind: 'building', steps: [{ by: 'suolang', action: 'accept' }, { by: 'suolang', action: 'resolve', comment: '已联系物业电工更换了三盏声控灯，现在都亮了。' }, { by: 'luosang', action: 'rate', rating: 'satisfied', comment: '修得很快，谢谢楼栋长！' }] },
  { by: 'luosang', building: '4号楼', category: 'repair.utilities', title: '4号楼楼顶水箱溢水', body: '楼顶水箱一直在溢水，顺着外墙往下流。', nature: 'help', source: 'resident_app', placeKind: 'building', steps: [] },
  { by: 'gesang', building: '2号楼', category: 'repair.elevator', title: '2号楼电梯运行有异响', body: '入户走访时多位老人反映电梯上下行有异响，担心安全。', nature: 'complaint', source: 'door_visit', placeKind: 'building', steps: [{ by: 'zhangheng', action: 'accept' }] },
  { by: 'basang', building: null, category: 'illegal_building', title: '小区东侧绿地有人私搭棚子', body: '东侧绿地新搭了一个彩钢棚，占用公共绿地，需要四方共同商议处理。', nature: 'tip_off', source: 'meeting', placeKind: 'common', steps: [] },
  { by: 'gesang', building: null, category: 'parking', title: '晚间消防通道被车辆占用', body: '晚上八点以后消防通道经常停满车，应急车辆无法通行。', nature: 'complaint', source: 'station_visit', placeKind: 'common', steps: [] },
  { by: 'gesang', building: '6号楼', category: 'noise', title: '6号楼夜间装修噪音', body: '6号楼有住户晚上十点后还在装修，影响邻居休息。', nature: 'complaint', source: 'grid_worker', placeKind: 'building', steps: [{ by: 'gesang', action: 'accept' }, { by: 'gesang', action: 'start' }] },
  { by: 'basang', building: null, category: 'sanitation', title: '垃圾分类点周边清理不及时', body: '南门垃圾分类点周边经常有散落垃圾。', nature: 'suggestion', source: 'meeting', placeKind: 'common', steps: [] },
];

export async function seedIssueStories(services: Services): Promise<void> {
  const { db } = services;
  const compound = await db.selectFrom('org_units').select(['id', 'path']).where('name', '=', '天峰祥和苑').executeTakeFirst();
  if (!compound) return;
  const users = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const categories = new Map((await db.selectFrom('issue_categories').select(['id', 'code']).execute()).map((c) => [c.code, c.id]));
  const actorOf = async (username: string) => {
    const id = users.get(username);
    const actor = id ? await loadActor(db, id) : null;
    if (!actor) throw new Error(`demo account ${username} is missing`);
    return actor;
  };
  for (const story of STORIES) {
    const unit = story.building
      ? await db.selectFrom('org_units').select('id').where('parent_id', '=', compound.id).where('name', '=', story.building).executeTakeFirst()
      : compound;
    const categoryId = categories.get(story.category);
    if (!unit || !categoryId) continue;
    const reporter = await actorOf(story.by);
    const w: Writer = { services, actor: reporter, actorName: reporter.displayName, requestId: 'seed' };
    const made = await reportIssue(w, { title: story.title, body: story.body, categoryId, nature: story.nature, unitId: unit.id, placeKind: story.placeKind, source: story.source, showName: story.source === 'resident_app', reporterName: reporter.displayName });
    let version = made.version;
    for (const step of story.steps) {
      const actor = await actorOf(step.by);
      const r = await act({ ...services, actor, requestId: 'seed' }, made.id, step.action, { version, comment: step.comment, rating: step.rating });
      version = r.version;
    }
  }
}
