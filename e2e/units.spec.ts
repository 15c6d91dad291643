import { expect, login, openNav, summaryNumber, test } from './helpers';

// The unit pages: a compound with its four-party platform and building tiles, a building with its
// households, a community with its charts, and the edge of each user's part of the tree.

const SUMMARY_KEYS = ['buildings', 'households', 'residents', 'partyMembers', 'centralHouseholds', 'buildingLeaders'];

interface BuildingHousehold {
  id: number;
  label: string;
  room: string;
  residents: number;
}

test('outside one\'s subtree a unit page is not found, and shows none of its data', async ({ page, apiAs }) => {
  const najin = await apiAs('najin');
  const xiangxue = await najin.unitId('香雪佳园');
  const xiangxueBuilding = await najin.unitId('1号楼', '香雪佳园');

  await login(page, 'basang');
  for (const id of [xiangxue, xiangxueBuilding]) {
    await page.goto(`/units/${id}`);
    await expect(page.getByRole('alert')).toContainText('未找到，或不在您的管辖范围内');
    await expect(page.getByTestId('unit-page')).toHaveCount(0);
    await expect(page.getByText('香雪佳园')).toHaveCount(0);
  }
  // The same address works for someone whose part of the tree holds it.
  const basang = await apiAs('basang');
  expect((await basang.context.get(`/api/v1/org/units/${xiangxue}`)).status()).toBe(404);
  await page.context().clearCookies();
  await login(page, 'najin');
  await page.goto(`/units/${xiangxue}`);
  await expect(page.getByTestId('unit-name')).toHaveText('香雪佳园');
});

test('compound page: four-party platform, figures, building tiles, then a building and a household', async ({ page, apiAs }) => {
  const api = await apiAs('basang');
  const tianfeng = await api.unitId('天峰祥和苑');
  const building4 = await api.unitId('4号楼', '天峰祥和苑');

  await login(page, 'basang');
  await expect(page).toHaveURL(new RegExp(`/units/${tianfeng}$`));
  const unitPage = page.getByTestId('unit-page');
  await expect(unitPage).toHaveAttribute('data-level', 'compound');
  await expect(page.getByTestId('unit-name')).toHaveText('天峰祥和苑');

  // 四方平台: the community, the party branch (书记 巴桑), the owners' committee, the property (经理 张恒旺).
  const platform = page.getByTestId('platform');
  await expect(platform.locator('[data-testid^="platform-card-"]')).toHaveCount(4);
  await expect(page.getByTestId('platform-card-community')).toContainText('林琼社区');
  await expect(page.getByTestId('platform-card-partyBranch')).toContainText('巴桑');
  await expect(page.getByTestId('platform-card-partyBranch')).toContainText('天峰祥和苑党支部');
  await expect(page.getByTestId('platform-card-ownersCommittee')).toContainText('次仁多吉');
  await expect(page.getByTestId('platform-card-property')).toContainText('张恒旺');

  // The figures are the server's.
  const summary = await api.summary(tianfeng);
  expect(summary.buildings).toBe(8);
  for (const key of SUMMARY_KEYS) {
    await expect(page.getByTestId(`summary-${key}`)).toBeVisible();
    expect(await summaryNumber(page, key), `summary-${key}`).toBe(summary[key]);
  }

  // One tile per building, each a link to the building.
  const tiles = page.getByTestId('building-tile');
  await expect(tiles).toHaveCount(8);
  await expect(tiles.first()).toContainText('1号楼');
  const tile4 = page.locator('[data-testid="building-tile"][aria-label="4号楼"]');
  await expect(tile4).toContainText('索朗曲珍');
  await tile4.click();

  await expect(page).toHaveURL(new RegExp(`/units/${building4}$`));
  await expect(unitPage).toHaveAttribute('data-level', 'building');
  await expect(page.getByTestId('unit-name')).toHaveText('4号楼');
  await expect(page.getByTestId('unit-breadcrumb')).toContainText('天峰祥和苑');
  await expect(page.getByTestId('building-leader')).toHaveText('索朗曲珍');

  const { items: households } = await api.get<{ items: BuildingHousehold[] }>(`/org/units/${building4}/households`);
  const buildingSummary = await api.summary(building4);
  expect(await summaryNumber(page, 'households')).toBe(buildingSummary.households);
  await expect(page.getByTestId('household-cell')).toHaveCount(households.length);

  // A household with the most people: its drawer lists each of them.
  const household = [...households].sort((a, b) => b.residents - a.residents)[0];
  expect(household.residents).toBeGreaterThan(1);
  await page.locator(`[data-testid="household-cell"][aria-label="${household.label}"]`).click();
  const drawer = page.getByTestId('household-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(household.label);
  await expect(drawer.getByTestId('household-resident')).toHaveCount(household.residents);
  const detail = await api.get<{ residents: { name: string }[] }>(`/org/households/${household.id}`);
  for (const resident of detail.residents) await expect(drawer).toContainText(resident.name);
  // basang (branch secretary) reads but does not write people.
  await expect(drawer.getByTestId('household-add-resident')).toHaveCount(0);
});

test('a building leader sees her building with its households', async ({ page, apiAs }) => {
  const api = await apiAs('suolang');
  const [root] = await api.tree();
  expect(root.name).toBe('4号楼');
  const summary = await api.summary(root.id);

  await login(page, 'suolang');
  await expect(page.getByTestId('unit-page')).toHaveAttribute('data-level', 'building');
  await expect(page.getByTestId('unit-name')).toHaveText('4号楼');
  expect(await summaryNumber(page, 'households')).toBe(summary.households);
  expect(await summaryNumber(page, 'residents')).toBe(summary.residents);
  await expect(page.getByTestId('household-cell')).toHaveCount(summary.households);
  await page.getByTestId('household-cell').first().click();
  await expect(page.getByTestId('household-drawer')).toBeVisible();
  await expect(page.getByTestId('household-drawer')).toContainText('4号楼');
});

// A building leader may not read the compound's building list: the page takes the leader from the unit itself.
test('a building leader sees herself named as the building\'s leader', async ({ page, apiAs }) => {
  const api = await apiAs('suolang');
  const [root] = await api.tree();
  const unit = await api.get<{ leader?: { name: string } | null }>(`/org/units/${root.id}`);
  expect(unit.leader?.name, 'the server names the leader').toBe('索朗曲珍');

  await login(page, 'suolang');
  await expect(page.getByTestId('household-cell').first()).toBeVisible();
  await expect(page.getByTestId('building-leader'), 'the building page names the leader the server gives').toHaveText('索朗曲珍');
});

test('community page: figures, charts and the compounds below', async ({ page, apiAs }) => {
  const api = await apiAs('linqiong');
  const linqiong = await api.unitId('林琼社区');

  await login(page, 'linqiong');
  await expect(page).toHaveURL(new RegExp(`/units/${linqiong}$`));
  await expect(page.getByTestId('unit-page')).toHaveAttribute('data-level', 'community');
  const summary = await api.summary(linqiong);
  for (const key of SUMMARY_KEYS) {
    await expect(page.getByTestId(`summary-${key}`)).toBeVisible();
    expect(await summaryNumber(page, key), `summary-${key}`).toBe(summary[key]);
  }

  // Each chart draws into a canvas of real size (echarts' canvas renderer).
  for (const chart of ['chart-by-child', 'chart-ethnicity', 'chart-age']) {
    const canvas = page.getByTestId(chart).locator('canvas, svg').first();
    await expect(canvas, chart).toBeVisible();
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0, `${chart} width`).toBeGreaterThan(100);
    expect(box?.height ?? 0, `${chart} height`).toBeGreaterThan(100);
  }

  const children = page.getByTestId('child-unit');
  await expect(children).toHaveCount(3);
  for (const name of ['天峰祥和苑', '香雪佳园', '佳禾未来城']) await expect(children.filter({ hasText: name })).toHaveCount(1);
  await children.filter({ hasText: '香雪佳园' }).click();
  await expect(page.getByTestId('unit-name')).toHaveText('香雪佳园');
  await expect(page.getByTestId('unit-page')).toHaveAttribute('data-level', 'compound');

  // The tree navigator follows: the open unit is selected.
  await openNav(page);
  await expect(page.getByTestId('tree-nav').locator('.ant-tree-treenode-selected')).toContainText('香雪佳园');
});
