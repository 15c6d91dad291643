import type { Page } from '@playwright/test';
import { expect, expectNoHorizontalOverflow, isPhone, login, test, uniqueSuffix } from './helpers';

// On a 360-px phone no page is wider than the screen (wide tables and the household grid scroll inside
// themselves); the same holds on the desktop.

const HEADER_CONTROLS = ['menu-toggle', 'brand', 'notification-bell', 'lang-switch', 'user-name', 'logout'];
const HEADER_BUTTONS = new Set(['menu-toggle', 'notification-bell', 'lang-switch', 'logout']);

/**
 * Every control of the header is on the screen, whole and apart from the others: the header is not wider
 * than the screen, and its buttons keep their square shape (a squeezed button means the row is overfull).
 */
async function expectHeaderFits(page: Page): Promise<void> {
  const header = page.getByRole('banner');
  await expect(header.getByTestId('user-name')).toBeVisible();
  const { scrollWidth, clientWidth, screen } = await header.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    screen: window.innerWidth,
  }));
  expect(scrollWidth, 'the header does not overflow').toBeLessThanOrEqual(clientWidth);
  const boxes: { id: string; x: number; right: number }[] = [];
  for (const id of HEADER_CONTROLS) {
    const control = header.getByTestId(id);
    if ((await control.count()) === 0) continue;
    const box = await control.boundingBox();
    expect(box, `${id} is shown`).not.toBeNull();
    if (!box) continue;
    expect(box.x, `${id} starts on the screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${id} ends on the screen`).toBeLessThanOrEqual(screen);
    if (HEADER_BUTTONS.has(id)) expect(box.width, `${id} is not squeezed`).toBeGreaterThanOrEqual(box.height - 0.5);
    boxes.push({ id, x: box.x, right: box.x + box.width });
  }
  boxes.sort((a, b) => a.x - b.x);
  for (let i = 1; i < boxes.length; i += 1) {
    expect(boxes[i].x, `${boxes[i].id} does not overlap ${boxes[i - 1].id}`).toBeGreaterThanOrEqual(boxes[i - 1].right - 0.5);
  }
}

test('the header fits the screen in every language, with a long name', async ({ page, apiAs }, testInfo) => {
  const suffix = uniqueSuffix(testInfo);
  const username = `e2e-header-${suffix}`;
  const password = `pw-${suffix}-long-enough`;
  const admin = await apiAs('linqiong');
  const displayName = `次仁卓玛·ཚེ་རིང་སྒྲོལ་མ་${suffix}`;
  const account = await admin.createAccount({ username, displayName, password });
  await admin.send('POST', `/accounts/${account.id}/grants`, { role: 'grid_worker', unitId: await admin.unitId('佳禾未来城') });
  const self = await apiAs(username, password);

  await login(page, username, password);
  for (const language of ['zh-CN', 'bo', 'en'] as const) {
    await test.step(language, async () => {
      await self.send('PATCH', '/me', { language });
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.getByTestId('unit-page')).toBeVisible();
      await expectHeaderFits(page);
      await expectNoHorizontalOverflow(page);
    });
  }
});

test('the main pages fit the screen width', async ({ page, apiAs }, testInfo) => {
  const api = await apiAs('linqiong');
  const community = await api.unitId('林琼社区');
  const tianfeng = await api.unitId('天峰祥和苑');
  const building4 = await api.unitId('4号楼', '天峰祥和苑');
  // The audit log of a fresh database holds nothing of the community yet: a reveal puts a row there.
  const [resident] = (await api.get<{ items: { id: number }[] }>(`/org/residents?unitId=${building4}&limit=1`)).items;
  await api.get(`/org/residents/${resident.id}?reveal=1`);

  await login(page, 'linqiong');
  await expectHeaderFits(page);
  // The page is laid out at the device width (a missing viewport meta would lay it out at 980 px and make
  // the overflow check below meaningless).
  expect(await page.evaluate(() => window.innerWidth)).toBe(page.viewportSize()?.width);
  await expect(page.getByTestId('menu-toggle')).toHaveCount(isPhone(testInfo) ? 1 : 0);
  await expect(page.getByTestId('tree-nav')).toHaveCount(isPhone(testInfo) ? 0 : 1);

  const pages: { path: string; ready: string }[] = [
    { path: `/units/${community}`, ready: 'chart-age' },
    { path: `/units/${tianfeng}`, ready: 'building-tile' },
    { path: `/units/${building4}`, ready: 'household-cell' },
    { path: '/people', ready: 'resident-row' },
    { path: '/people?tab=households', ready: 'household-row' },
    { path: '/audit', ready: 'audit-row' },
    { path: '/accounts', ready: 'account-row' },
    { path: '/imports', ready: 'export-card' },
  ];
  // The check can fail: something wider than the screen is caught (the page hides overflow-x on body,
  // which clips it from view but not from scrollWidth).
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.id = 'e2e-wide';
    wide.style.width = '2000px';
    wide.style.height = '1px';
    document.querySelector('main')?.append(wide);
  });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeGreaterThan(widths[1]);
  await page.evaluate(() => document.getElementById('e2e-wide')?.remove());

  for (const { path, ready } of pages) {
    await test.step(path, async () => {
      await page.goto(path);
      await expect(page.getByTestId(ready).first()).toBeVisible();
      // Let late content (charts, platform cards) settle before measuring.
      await page.waitForLoadState('networkidle');
      await expectNoHorizontalOverflow(page);
    });
  }
});

test('on a phone the household grid scrolls inside itself, not the page', { tag: '@phone-only' }, async ({ page, apiAs }) => {
  const api = await apiAs('linqiong');
  const building4 = await api.unitId('4号楼', '天峰祥和苑');
  await login(page, 'linqiong');
  await page.goto(`/units/${building4}`);
  const grid = page.getByTestId('household-grid');
  await expect(grid.getByTestId('household-cell').first()).toBeVisible();
  const widths = await grid.evaluate((el) => ({ grid: el.scrollWidth, box: el.parentElement?.clientWidth ?? 0 }));
  expect(widths.grid).toBeGreaterThan(widths.box);
  await expectNoHorizontalOverflow(page);
});
