import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentTokens, parseQuery, type SearchQuery } from '../core/search.ts';
import { MAX_EXAMINED, searchPage, tsQuery, ftsMatch, writeSearchDocs } from '../core/searchIndex.ts';
import { json, signIn, startTestApp, unitIdOf, type Session, type TestApp } from './harness.ts';

// Text search over issues and residents, from the search index (migration 008), on both databases: a fixed set
// of Chinese (two characters and longer) and Tibetan queries with the hits a user expects, ranking, scope,
// paging, and the index kept in step with writes.

let t: TestApp;
const s: Record<string, Session> = {};
let building4: number;
let xiangxue1: number;
const cat: Record<string, number> = {};
const made: Record<string, number> = {};

interface Item {
  id: number;
  title: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function S(who: string): Session {
  const session = s[who];
  if (!session) throw new Error(`${who} is not signed in`);
  return session;
}
const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: S(who).cookie } });
const issues = async (who: string, query: string, extra = '') => {
  const res = await get(who, `/api/v1/issues?view=all&q=${encodeURIComponent(query)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<Page<Item>>(res);
};
const titles = async (who: string, query: string, extra = '') => (await issues(who, query, extra)).items.map((i) => i.title);

const ISSUES: Record<string, { title: string; body: string; at: 'b4' | 'x1' }> = {
  basement: { title: '4号楼地下室漏水', body: '地下室积水很深，电表箱受潮。', at: 'b4' },
  tank: { title: '水箱漏水', body: '楼顶的水箱一直在滴水。', at: 'b4' },
  stairs: { title: '楼道墙面发霉', body: '楼上卫生间漏水，墙面发霉脱落。', at: 'b4' },
  lift: { title: 'ཁང་པའི་གློག་སྐས་ཆག་འདུག', body: 'གློག་སྐས་ནང་མི་ཚང་མ་ཐོན་མ་ཐུབ།', at: 'b4' },
  leakBo: { title: 'ཆུ་མཛོད་ནས་ཆུ་འཛག་གི་འདུག', body: '', at: 'b4' },
  far: { title: '香雪佳园1号楼漏水', body: '一楼厨房漏水。', at: 'x1' },
};

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['linqiong', 'basang', 'gesang', 'xiangxue']) s[u] = await signIn(t.app, u);
  building4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
  xiangxue1 = await unitIdOf(t.services, '1号楼', '香雪佳园');
  const cats = json<{ items: { id: number; code: string }[] }>(await get('linqiong', '/api/v1/issue-categories')).items;
  for (const c of cats) cat[c.code] = c.id;
  for (const [key, i] of Object.entries(ISSUES)) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/issues',
      headers: S('linqiong').headers,
      payload: { title: i.title, body: i.body || '—', categoryId: cat['repair.utilities'], nature: 'help', unitId: i.at === 'b4' ? building4 : xiangxue1, placeKind: 'building' },
    });
    expect(res.statusCode, res.body).toBe(201);
    made[key] = json<{ id: number }>(res).id;
  }
});
afterAll(async () => t.close());

describe('issue search', () => {
  it('finds two-character Chinese words, title matches first and the newest first', async () => {
    const found = await titles('linqiong', '漏水');
    // Title matches, newest first, then the issue that says it only in its body.
    expect(found.slice(0, 3)).toEqual(['香雪佳园1号楼漏水', '水箱漏水', '4号楼地下室漏水']);
    expect(found).toContain('楼道墙面发霉');
    expect(found.indexOf('楼道墙面发霉')).toBeGreaterThan(2);
    // The demo's 2号楼 lift and the new ones.
    expect(await titles('linqiong', '电梯')).toContain('2号楼电梯运行有异响');
    expect(await titles('linqiong', '发霉')).toEqual(['楼道墙面发霉']);
  });

  it('matches a longer Chinese word as a whole, not as scattered pairs', async () => {
    expect(await titles('linqiong', '水箱漏水')).toEqual(['水箱漏水']);
    expect(await titles('linqiong', '地下室')).toEqual(['4号楼地下室漏水']);
    // 水箱漏水 holds the pairs 漏水 and 水箱 but not 漏水箱.
    expect(await titles('linqiong', '漏水箱')).toEqual([]);
    // Several words: all must match.
    expect(await titles('linqiong', '漏水 受潮')).toEqual(['4号楼地下室漏水']);
  });

  it('finds Tibetan syllables', async () => {
    expect(await titles('linqiong', 'གློག་སྐས')).toEqual(['ཁང་པའི་གློག་སྐས་ཆག་འདུག']);
    expect(await titles('linqiong', 'འཛག')).toEqual(['ཆུ་མཛོད་ནས་ཆུ་འཛག་གི་འདུག']);
    // A syllable only in the body.
    expect(await titles('linqiong', 'ཐོན')).toEqual(['ཁང་པའི་གློག་སྐས་ཆག་འདུག']);
    expect(await titles('linqiong', 'འདུག')).toEqual(['ཆུ་མཛོད་ནས་ཆུ་འཛག་གི་འདུག', 'ཁང་པའི་གློག་སྐས་ཆག་འདུག']);
  });

  it('finds an issue by its number', async () => {
    // Numbers match as prefixes (an order number typed halfway); a single digit is too short to search.
    const id = made.far ?? 0;
    expect(id).toBeGreaterThan(9);
    expect(await titles('linqiong', String(id))).toContain('香雪佳园1号楼漏水');
  });

  it('searches only within the caller\'s part of the tree and the queue\'s filters', async () => {
    // basang is the branch secretary of 天峰祥和苑: 香雪佳园's issue is not theirs.
    const mine = await titles('basang', '漏水');
    expect(mine).toContain('水箱漏水');
    expect(mine).not.toContain('香雪佳园1号楼漏水');
    expect(await titles('linqiong', '漏水', `&unitId=${xiangxue1}`)).toEqual(['香雪佳园1号楼漏水']);
    expect(await titles('linqiong', '漏水', `&categoryId=${cat.lighting}`)).toEqual([]);
    expect(await titles('linqiong', '漏水', '&status=closed')).toEqual([]);
  });

  it('pages through every match once, across the title and body matches', async () => {
    const all = (await issues('linqiong', '漏水', '&limit=50')).items.map((i) => i.id);
    const paged: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Page<Item> = await issues('linqiong', '漏水', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a query the index cannot narrow, and a cursor from another list', async () => {
    for (const q of ['a', '3', '，。', 'x y']) {
      const res = await get('linqiong', `/api/v1/issues?view=all&q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(400);
      expect(json<{ error: { code: string } }>(res).error.code).toBe('VALIDATION_FAILED');
    }
    const list = json<Page<Item>>(await get('linqiong', '/api/v1/issues?view=all&limit=1'));
    const res = await get('linqiong', `/api/v1/issues?view=all&q=漏水&cursor=${list.nextCursor ?? ''}`);
    expect(res.statusCode).toBe(400);
  });
});

describe('resident search', () => {
  interface Resident {
    id: number;
    name: string;
  }
  const residents = async (who: string, query: string, extra = '') => {
    const res = await get(who, `/api/v1/org/residents?q=${encodeURIComponent(query)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return json<Page<Resident>>(res).items;
  };
  let household = 0;

  beforeAll(async () => {
    household = json<Page<{ id: number }>>(await get('gesang', `/api/v1/org/households?unitId=${building4}&limit=1`)).items[0]?.id ?? 0;
    for (const name of ['龚晓璇', 'བསོད་ནམས་སྒྲོལ་མ']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/org/residents', headers: S('gesang').headers, payload: { householdId: household, name, ethnicity: '藏族', gender: 'female' } });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('finds names by two Chinese characters, by the whole name and by Tibetan syllables', async () => {
    expect((await residents('gesang', '晓璇')).map((r) => r.name)).toContain('龚晓璇');
    expect((await residents('gesang', '龚晓璇')).map((r) => r.name)).toEqual(['龚晓璇']);
    expect((await residents('gesang', 'སྒྲོལ་མ')).map((r) => r.name)).toEqual(['བསོད་ནམས་སྒྲོལ་མ']);
  });

  it('finds residents by their address, names first', async () => {
    const hh = json<{ room: string; unitNo: number }>(await get('gesang', `/api/v1/org/households/${household}`));
    const found = await residents('gesang', `4号楼 ${hh.room}`, `&unitId=${building4}&limit=50`);
    expect(found.map((r) => r.name)).toEqual(expect.arrayContaining(['龚晓璇', 'བསོད་ནམས་སྒྲོལ་མ']));
    expect(found.every((r) => r.name.length > 0)).toBe(true);
  });

  it('follows edits in the same transaction', async () => {
    const [row] = await residents('gesang', '龚晓璇');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/residents/${row?.id ?? 0}`, headers: S('gesang').headers, payload: { name: '龚晓妍' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await residents('gesang', '龚晓璇')).toEqual([]);
    expect((await residents('gesang', '晓妍')).map((r) => r.name)).toEqual(['龚晓妍']);
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/org/households/${household}`, headers: S('gesang').headers, payload: { room: '909' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await residents('gesang', '909', `&unitId=${building4}`)).map((r) => r.name)).toEqual(expect.arrayContaining(['龚晓妍', 'བསོད་ནམས་སྒྲོལ་མ']));
  });

  it('stays within the caller\'s part of the tree', async () => {
    // xiangxue leads 香雪佳园 1号楼 and cannot read 天峰祥和苑's residents.
    const res = await get('xiangxue', `/api/v1/org/residents?q=${encodeURIComponent('晓妍')}`);
    if (res.statusCode === 200) expect(json<Page<Resident>>(res).items).toEqual([]);
    else expect(res.statusCode).toBe(403);
  });
});

describe('a search cannot hold the server', () => {
  it('reads its candidates from the index, never by scanning issues', async () => {
    const query = parseQuery('漏水') as SearchQuery;
    const plan =
      t.kind === 'sqlite'
        ? (await t.services.db.executeQuery<{ detail: string }>(CompiledQuery.raw('explain query plan select rowid from issue_search where issue_search match ? order by rowid desc limit 50', [ftsMatch(query, 'primary', ['/1/'])]))).rows.map((r) => r.detail)
        : (await t.services.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw('explain select id from issue_search where doc @@ $1::tsquery order by id desc limit 50', [tsQuery(query, 'primary', ['/1/'])]))).rows.map((r) => r['QUERY PLAN']);
    const text = plan.join('\n');
    // SQLite: the FTS5 index answers the MATCH (idxNum with M); PostgreSQL: the GIN index or the primary key, no Seq Scan.
    if (t.kind === 'sqlite') expect(text).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    else expect(text).not.toMatch(/Seq Scan/);
    expect(text).not.toMatch(/\bissues\b/);
  });

  it('stops after a bounded number of candidates when the queue\'s filters reject them, with a cursor to go on', async () => {
    // More matching documents than one request may examine; none passes the filters.
    const docs = Array.from({ length: MAX_EXAMINED + 500 }, (_, i) => ({ id: 5_000_000 + i, primary: documentTokens('龘龘'), secondary: [], path: '/1/' }));
    await t.services.db.transaction().execute((tx) => writeSearchDocs(tx, 'issue_search', docs, { fresh: true }));
    const query = parseQuery('龘龘') as SearchQuery;
    let examined = 0;
    const page = await searchPage(t.services.db, 'issue_search', query, ['/1/'], null, 20, async (ids) => {
      examined += ids.length;
      return [];
    }, () => '');
    expect(page.rows).toEqual([]);
    expect(examined).toBeLessThanOrEqual(MAX_EXAMINED);
    expect(examined).toBeGreaterThan(0);
    expect(page.next).not.toBeNull();
    // Each next request goes on where the last stopped, examines no more, and the pages reach the end: every
    // document is read once by each phase (titles first, then everything, the title matches skipped).
    let total = examined;
    let next = page.next;
    for (let i = 0; i < 10 && next; i++) {
      let now = 0;
      const more = await searchPage(t.services.db, 'issue_search', query, ['/1/'], next, 20, async (ids) => {
        now += ids.length;
        return [];
      }, () => '');
      expect(now).toBeLessThanOrEqual(MAX_EXAMINED);
      total += now;
      next = more.next;
    }
    expect(next).toBeNull();
    expect(total).toBe(2 * docs.length);
  });
});
