import { expect, expectNoHorizontalOverflow, isPhone, login, test } from './helpers';

// On a 360-px phone no page is wider than the screen (wide tables and the household grid scroll inside
// themselves); the same holds on the desktop.

test('the main pages fit the screen width', async ({ page, apiAs }, testInfo) => {
  const api = await apiAs('linqiong');
  const community = await api.unitId('林琼社区');
  const tianfeng = await api.unitId('天峰祥和苑');
  const building4 = await api.unitId('4号楼', '天峰祥和苑');
  // The audit log of a fresh database holds nothing of the community yet: a reveal puts a row there.
  const [resident] = (await api.get<{ items: { id: number }[] }>(`/org/residents?unitId=${building4}&limit=1`)).items;
  await api.get(`/org/residents/${resident.id}?reveal=1`);

  await login(page, 'linqiong');
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

test('on a phone the household grid scrolls inside itself, not the page', async ({ page, apiAs }, testInfo) => {
  test.skip(!isPhone(testInfo), 'the grid is narrower than a desktop screen');
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
