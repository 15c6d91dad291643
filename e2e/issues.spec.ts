import { request, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { expect, expectNoHorizontalOverflow, login, navigate, test, uniqueSuffix, type Api } from './helpers';

// 难点问题解在小区 end to end: a resident scans the building's QR code and reports from the phone, the
// building leader accepts and resolves it, the resident rates it; a report made without a signal waits on
// the phone and goes out once, when the signal is back; a dispatcher sends escalated issues on in bulk.

// A 1×1 PNG: the page redraws it as a JPEG before sending, as it does with camera photos.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

interface QrLink {
  buildingId: number;
  name: string;
  token: string;
  url: string;
}

interface IssueItem {
  id: number;
  title: string;
  status: string;
  assigneeName: string | null;
  version: number;
}

async function buildingToken(api: Api, building = '4号楼'): Promise<string> {
  const tianfeng = await api.unitId('天峰祥和苑');
  const { items } = await api.get<{ items: QrLink[] }>(`/issues/qr-links?unitId=${tianfeng}`);
  const link = items.find((item) => item.name === building);
  expect(link, `QR link of ${building}`).toBeDefined();
  expect(link?.url).toContain(`/r/${link?.token}`);
  return link?.token ?? '';
}

/** The resident's phone: 360 px wide, touch, no account. */
async function phone(browser: Browser, baseURL: string | undefined): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** Fills the QR page's form: category tiles (a parent first if the category sits under one), text, place. */
async function fillReport(page: Page, categories: string[], text: string): Promise<void> {
  for (const name of categories) {
    await page.getByTestId('category-tile').filter({ hasText: new RegExp(`^${name}$`) }).click();
  }
  await page.getByTestId('public-text').fill(text);
  await page.getByTestId('public-place-building').click();
  await page.getByTestId('public-place-note').fill('2单元三楼楼道');
}

async function issuesByText(api: Api, text: string): Promise<IssueItem[]> {
  return (await api.get<{ items: IssueItem[] }>(`/issues?view=all&q=${encodeURIComponent(text)}`)).items;
}

/** Confirms the open action dialog and waits until the issue page shows the new status. */
async function confirmAction(page: Page, status: string): Promise<void> {
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('action-form') });
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('issue-page')).toHaveAttribute('data-status', status);
}

function reportCard(page: Page, id: number): Locator {
  return page.locator(`[data-testid="my-report"][data-issue-id="${id}"]`);
}

test('a resident reports from the QR code, the building leader resolves it, the resident rates it', async ({ page, browser, baseURL, apiAs }, testInfo) => {
  const linqiong = await apiAs('linqiong');
  const token = await buildingToken(linqiong);
  const mark = `漏水${uniqueSuffix(testInfo)}`;

  // (a) On the phone, from the QR code of 4号楼: a 水电 problem (a 小事) with a photo, no account.
  const residentContext = await phone(browser, baseURL);
  const resident = await residentContext.newPage();
  await resident.goto(`/r/${token}`);
  await expect(resident.getByTestId('public-building')).toHaveText('4号楼');
  await expect(resident.getByTestId('public-compound')).toHaveText('天峰祥和苑');
  await fillReport(resident, ['设施维修', '水电'], `${mark} 楼道水管接口漏水，地面积水`);
  await resident.getByTestId('photo-input').setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: PNG });
  await expect(resident.getByTestId('photo-thumb')).toHaveCount(1);
  await expectNoHorizontalOverflow(resident);
  await resident.getByTestId('public-submit').click();
  const done = resident.getByTestId('public-done');
  await expect(done).toHaveAttribute('data-state', 'sent');
  // A 小事 of 4号楼 goes straight to its red building leader.
  await expect(done).toContainText('索朗曲珍');

  await resident.getByTestId('public-go-mine').click();
  await expect(resident).toHaveURL(/\/my-reports$/);
  const card = resident.getByTestId('my-report').filter({ hasText: mark });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('my-report-status')).toHaveText('已派单');
  await expect(card).toContainText('索朗曲珍');
  await expect(card.getByTestId('my-report-steps')).toContainText('反映问题');
  const id = Number(await card.getAttribute('data-issue-id'));
  expect(id).toBeGreaterThan(0);
  await expectNoHorizontalOverflow(resident);

  // The report is on the server once, with the photo, routed to the building.
  const [created, ...others] = await issuesByText(linqiong, mark);
  expect(others).toEqual([]);
  expect(created).toMatchObject({ id, status: 'assigned', assigneeName: '索朗曲珍' });
  const detail = await linqiong.get<{ photos: unknown[]; level: string; size: string; source: string }>(`/issues/${id}`);
  expect(detail).toMatchObject({ level: 'building', size: 'small', source: 'resident_app' });
  expect(detail.photos).toHaveLength(1);

  // (b) The building leader finds it in 我的待办, accepts it and resolves it with a reply.
  await login(page, 'suolang');
  await navigate(page, 'nav-issues');
  await expect(page.getByTestId('issues-view-mine')).toBeVisible();
  const row = page.locator(`[data-issue-id="${id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('待签收');
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/issues/${id}$`));
  await expect(page.getByTestId('issue-title')).toContainText(mark);
  await expect(page.getByTestId('issue-photos').locator('img')).toHaveCount(1);
  await expect(page.getByTestId('issue-due')).toBeVisible();

  // Someone else acts meanwhile (an internal note from another device): the first try meets a stale
  // version, the page reloads and says so, and the second try goes through.
  const suolangApi = await apiAs('suolang');
  const loaded = Number(await page.getByTestId('issue-page').getAttribute('data-version'));
  await suolangApi.send('POST', `/issues/${id}/actions/note`, { version: loaded, note: '已电话联系住户，明早上门' });
  await page.getByTestId('action-accept').click();
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('action-form') });
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(page.getByTestId('stale-notice')).toContainText('刚刚被别人更新过');
  await expect(page.getByTestId('issue-page')).toHaveAttribute('data-version', String(loaded + 1));
  await expect(page.getByTestId('issue-page')).toHaveAttribute('data-status', 'assigned');
  // The note is in the timeline, marked as internal.
  await expect(page.getByTestId('internal-note')).toContainText('内部备注');
  await expect(page.getByTestId('internal-note')).toContainText('已电话联系住户');
  await page.getByTestId('action-accept').click();
  await confirmAction(page, 'accepted');
  await page.getByTestId('action-resolve').click();
  await page.getByTestId('action-reply').fill('已更换漏水的水管接口，楼道已清理干净。');
  await confirmAction(page, 'resolved');
  // The bar now holds only what the server allows after a resolution (an internal note, nothing more).
  await expect(page.getByTestId('action-resolve')).toHaveCount(0);
  await expect(page.getByTestId('timeline-item').filter({ hasText: '办结' })).toContainText('已更换漏水的水管接口');

  // (c) Back on the phone: the reply is there, and the resident rates it 满意.
  await resident.reload();
  await expect(reportCard(resident, id).getByTestId('my-report-reply')).toContainText('已更换漏水的水管接口');
  await expect(reportCard(resident, id).getByTestId('my-report-status')).toHaveText('已办结，请评价');
  await expect(reportCard(resident, id)).not.toContainText('已电话联系住户');
  await reportCard(resident, id).getByTestId('rate-satisfied').click();
  await expect(reportCard(resident, id).getByTestId('my-report-status')).toHaveText('已办结');
  await expect(reportCard(resident, id).getByTestId('my-report-rating')).toHaveText('已评价：满意');
  await expect(reportCard(resident, id).getByTestId('rate-box')).toHaveCount(0);
  expect((await linqiong.get<{ status: string; rating: string }>(`/issues/${id}`)).rating).toBe('satisfied');

  // The leader sees the rating on the issue page.
  await page.reload();
  await expect(page.getByTestId('issue-page')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('issue-reply')).toContainText('满意');
  await residentContext.close();
});

test('a report made without a signal waits on the phone and is sent exactly once when back online', async ({ browser, baseURL, apiAs }, testInfo) => {
  const linqiong = await apiAs('linqiong');
  const token = await buildingToken(linqiong);
  const mark = `无信号${uniqueSuffix(testInfo)}`;

  const context = await phone(browser, baseURL);
  const resident = await context.newPage();
  await resident.goto(`/r/${token}`);
  await expect(resident.getByTestId('public-building')).toHaveText('4号楼');
  await fillReport(resident, ['环境卫生'], `${mark} 楼道里堆放的杂物没人清理`);

  // (d) No signal in the stairwell: the report stays on the phone, marked 待发送.
  await context.setOffline(true);
  await resident.getByTestId('public-submit').click();
  await expect(resident.getByTestId('public-done')).toHaveAttribute('data-state', 'queued');
  await expect(resident.getByTestId('public-done')).toContainText('待发送');
  const waiting = resident.getByTestId('outbox-item').filter({ hasText: mark });
  await expect(waiting).toHaveAttribute('data-state', 'waiting');
  await expect(waiting).toContainText('待发送');
  expect(await issuesByText(linqiong, mark)).toEqual([]);

  // Back online: it goes out by itself, once.
  await context.setOffline(false);
  await expect(resident.getByTestId('outbox-item')).toHaveCount(0);
  await resident.getByTestId('public-go-mine').click();
  await expect(resident.getByTestId('my-report').filter({ hasText: mark })).toHaveCount(1);
  // Opening the page again (another chance to resend) changes nothing.
  await resident.reload();
  await expect(resident.getByTestId('my-report').filter({ hasText: mark })).toHaveCount(1);
  const sent = await issuesByText(linqiong, mark);
  expect(sent).toHaveLength(1);
  expect(sent[0].status).toBe('assigned');
  await context.close();
});

test('a dispatcher sends escalated issues on in bulk to a building', async ({ page, apiAs }, testInfo) => {
  const linqiong = await apiAs('linqiong');
  const suolang = await apiAs('suolang');
  const building4 = await linqiong.unitId('4号楼', '天峰祥和苑');
  const { items: categories } = await linqiong.get<{ items: { id: number; code: string }[] }>('/issue-categories');
  const utilities = categories.find((c) => c.code === 'repair.utilities');
  expect(utilities).toBeDefined();
  const mark = `批量${uniqueSuffix(testInfo)}`;

  // Two 小事 recorded at a station visit; the building leader hands both up to the compound.
  const ids: number[] = [];
  for (const n of [1, 2]) {
    const res = await linqiong.context.post('/api/v1/issues', {
      headers: { 'x-csrf-token': await csrfOf(linqiong), 'idempotency-key': crypto.randomUUID() },
      data: {
        title: `${mark} 第${n}件`,
        body: '楼道感应灯不亮',
        categoryId: utilities?.id,
        nature: 'help',
        unitId: building4,
        placeKind: 'building',
        source: 'station_visit',
      },
    });
    expect(res.status()).toBe(201);
    const issue = (await res.json()) as { id: number; version: number };
    await suolang.send('POST', `/issues/${issue.id}/actions/escalate`, { version: issue.version, reason: '需要小区统一协调' });
    ids.push(issue.id);
  }

  await login(page, 'basang');
  await page.goto(`/issues?q=${encodeURIComponent(mark)}`);
  for (const id of ids) {
    const row = page.locator(`[data-issue-id="${id}"]`);
    await expect(row).toContainText('待派单');
    await row.getByRole('checkbox').check();
  }
  await expect(page.getByTestId('bulk-bar')).toContainText('已选 2 个');
  await page.getByTestId('bulk-assign').click();
  const form = page.locator('.ant-modal').filter({ has: page.getByTestId('bulk-assign-form') });
  await form.getByTestId('target-kind-building').click();
  // Both issues are in 天峰祥和苑: the picker offers its buildings at once.
  await expect(form.getByTestId('target-compound')).toContainText('天峰祥和苑');
  await form.getByTestId('target-building').click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^4号楼$/ }).click();
  await expect(form.getByTestId('target-building')).toContainText('4号楼');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await form.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(page.getByText('已派出 2 个问题')).toBeVisible();

  for (const id of ids) {
    const issue = await linqiong.get<IssueItem>(`/issues/${id}`);
    expect(issue).toMatchObject({ status: 'assigned', assigneeName: '索朗曲珍' });
  }
});

test('staff see a flood of anonymous reports on the queue and reject it in bulk; the reporter reads a neutral reply', async ({ page, apiAs, baseURL }, testInfo) => {
  const linqiong = await apiAs('linqiong');
  const token = await buildingToken(linqiong, '7号楼');
  const building7 = await linqiong.unitId('7号楼', '天峰祥和苑');
  const { items: categories } = await linqiong.get<{ items: { id: number; code: string }[] }>('/issue-categories');
  const sanitation = categories.find((c) => c.code === 'sanitation');
  const mark = `刷单${uniqueSuffix(testInfo)}`;
  // Five anonymous reports from the QR page in a row: the flood banner's threshold.
  const anonymous = await request.newContext({ baseURL });
  const tokens: string[] = [];
  for (let n = 1; n <= 5; n++) {
    const res = await anonymous.post(`/api/v1/public/buildings/${token}/issues`, {
      data: { title: `${mark} ${n}`, body: '同一内容反复提交', categoryId: sanitation?.id, nature: 'complaint', placeKind: 'building' },
    });
    expect(res.status(), await res.text()).toBe(201);
    tokens.push(((await res.json()) as { token: string }).token);
  }

  await login(page, 'linqiong');
  await page.goto('/issues?view=open');
  await expect(page.getByTestId('flood-banner')).toContainText('7号楼');
  await page.locator(`[data-testid="flood-review"][data-unit-id="${building7}"]`).click();
  await expect(page.getByTestId('flood-panel')).toContainText('7号楼');
  await page.getByTestId('flood-select-all').click();
  await expect(page.getByTestId('bulk-bar')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.getByTestId('flood-reject').click();
  const form = page.locator('.ant-modal').filter({ has: page.getByTestId('flood-close-form') });
  await expect(form.getByTestId('flood-reason')).toContainText('刷单');
  await form.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(page.getByText(/已不予受理 \d+ 条反映/)).toBeVisible();

  const mine = await anonymous.get(`/api/v1/public/issues?tokens=${tokens.join(',')}`);
  const reports = ((await mine.json()) as { items: { status: string; timeline: { comment: string | null }[] }[] }).items;
  expect(reports).toHaveLength(5);
  for (const r of reports) {
    expect(r.status).toBe('rejected');
    expect(r.timeline.map((e) => e.comment ?? '').join(' ')).toContain('经核实，此条反映不予受理');
  }
  await anonymous.dispose();
});

test('the issue queue and an issue page fit a 360-px phone; the compound plan shows open issues', { tag: '@phone-only' }, async ({ page, apiAs }) => {
  const basang = await apiAs('basang');
  const tianfeng = await basang.unitId('天峰祥和苑');
  const [issue] = (await basang.get<{ items: IssueItem[] }>('/issues?view=all&limit=1')).items;
  expect(issue, 'the demo has issues').toBeDefined();

  await login(page, 'basang');
  expect(page.viewportSize()?.width).toBe(360);
  // (e) The queue is a list of cards on a phone, the page no wider than the screen.
  await page.goto('/issues?view=all');
  await expect(page.getByTestId('issue-card').first()).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.goto(`/issues/${issue.id}`);
  await expect(page.getByTestId('issue-timeline')).toBeVisible();
  await expectNoHorizontalOverflow(page);

  // The compound page: the tiles carry the open figures of the plan, and the issue figures are drawn.
  const plan = await basang.get<{ buildings: { buildingId: number; open: number }[] }>(`/issues/plan?unitId=${tianfeng}`);
  await page.goto(`/units/${tianfeng}`);
  await expect(page.getByTestId('issues-panel')).toBeVisible();
  await expect(page.getByTestId('qr-sheet')).toHaveAttribute('href', `/api/v1/issues/qr-sheet.pdf?unitId=${tianfeng}`);
  const busiest = plan.buildings.filter((b) => b.open > 0);
  expect(busiest.length).toBeGreaterThan(0);
  const { items: buildings } = await basang.get<{ items: { id: number; name: string }[] }>(`/org/units/${tianfeng}/buildings`);
  for (const b of busiest) {
    const name = buildings.find((x) => x.id === b.buildingId)?.name ?? '';
    await expect(page.locator(`[data-testid="building-tile"][aria-label="${name}"]`)).toContainText(`待办问题 ${b.open} 件`);
  }
  await expectNoHorizontalOverflow(page);
});

async function csrfOf(api: Api): Promise<string> {
  const { cookies } = await api.context.storageState();
  return decodeURIComponent(cookies.find((cookie) => cookie.name === 'xq_csrf')?.value ?? '');
}
