import type { Locator, Page } from '@playwright/test';
import { expect, expectNoHorizontalOverflow, isPhone, login, navigate, openNav, test, uniqueSuffix } from './helpers';

// 志愿者: community staff list the volunteer teams of their part of the tree and register a volunteer; the
// owners committee may look but not register; a building leader has no volunteers page at all.

/** The demo's 矛盾调解 team of 天峰祥和苑. */
const DEMO_MEDIATORS = ['次仁旺姆', '强巴平措', '李桂兰', '白玛央金'];

async function pickOption(page: Page, select: Locator, text: string | RegExp): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

async function pickUnit(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-tree-treenode').filter({ hasText: new RegExp(`^${name}$`) }).click();
}

/** The register dialog's confirm button (antd puts a space between two Chinese characters). */
const submitButton = (page: Page, form: Locator) => page.getByRole('dialog').filter({ has: form }).getByRole('button', { name: /^登\s*记$/ });

test('community staff see the demo volunteers, filter them by team and register a new one', async ({ page }, testInfo) => {
  const name = `旺堆${uniqueSuffix(testInfo)}`;
  await login(page, 'linqiong');
  await navigate(page, 'nav-volunteers');
  await expect(page).toHaveURL(/\/volunteers$/);

  const rows = page.getByTestId('volunteer-row');
  for (const mediator of DEMO_MEDIATORS) await expect(rows.filter({ hasText: mediator })).toHaveCount(1);
  await expect(rows.filter({ hasText: '次仁旺姆' }).getByTestId('volunteer-team-tag')).toHaveText('矛盾调解');
  await page.waitForLoadState('networkidle');
  await expectNoHorizontalOverflow(page);
  // A phone gets cards, a desktop the table.
  await expect(page.getByTestId('volunteers-table')).toHaveCount(isPhone(testInfo) ? 0 : 1);

  // The team filter is sent to the server: no demo mediator is on the patrol team.
  await pickOption(page, page.getByTestId('volunteers-team'), '治安巡逻');
  await expect(page).toHaveURL(/team=patrol/);
  await expect(rows.filter({ hasText: '次仁旺姆' })).toHaveCount(0);
  await pickOption(page, page.getByTestId('volunteers-team'), '矛盾调解');
  await expect(rows.filter({ hasText: '次仁旺姆' })).toHaveCount(1);
  await page.goto('/volunteers');
  await expect(rows.filter({ hasText: '次仁旺姆' })).toHaveCount(1);

  await page.getByTestId('new-volunteer').click();
  const form = page.getByTestId('volunteer-form');
  await expect(form).toBeVisible();
  // Nothing filled in: the form says what is missing and sends nothing.
  await submitButton(page, form).click();
  await expect(form.getByText('请选择所属单位')).toBeVisible();
  await expect(form.getByText('请选择服务队')).toBeVisible();
  await expect(form.getByText('请填写姓名')).toBeVisible();
  await expectNoHorizontalOverflow(page);

  await pickUnit(page, form.getByTestId('volunteer-unit'), '天峰祥和苑');
  await pickOption(page, form.getByTestId('volunteer-team'), '治安巡逻');
  await form.getByTestId('volunteer-name').fill(name);
  await form.getByTestId('volunteer-note').fill('夜间巡逻，熟悉小区出入口');
  await expect(form.getByText('请填写姓名')).toHaveCount(0);
  await submitButton(page, form).click();
  await expect(form).toBeHidden();

  const added = rows.filter({ hasText: name });
  await expect(added).toHaveCount(1);
  await expect(added.getByTestId('volunteer-team-tag')).toHaveText('治安巡逻');
  await expect(added).toContainText('天峰祥和苑');
  await expect(added).toContainText('夜间巡逻，熟悉小区出入口');
  // Stored, not only shown: it is still there after a reload, and under its team.
  await page.goto('/volunteers?team=patrol');
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
  await expect(rows.filter({ hasText: '次仁旺姆' })).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
});

test('a volunteer linked to a resident of the unit takes the resident’s name', async ({ page }) => {
  await login(page, 'linqiong');
  await page.goto('/volunteers?team=elderly_care');
  const rows = page.getByTestId('volunteer-row');
  await expect(page.getByTestId('list-count')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const linkedBefore = await rows.filter({ hasText: '洛桑' }).count();

  await page.getByTestId('new-volunteer').click();
  const form = page.getByTestId('volunteer-form');
  await expect(form).toBeVisible();
  // The list's team filter carries over to the form.
  await expect(form.getByTestId('volunteer-team')).toContainText('助老帮扶');
  await pickUnit(page, form.getByTestId('volunteer-unit'), '天峰祥和苑');
  await form.getByTestId('volunteer-resident').click();
  await page.keyboard.type('洛桑');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^洛桑 · / }).first().click();
  await expect(form.getByTestId('volunteer-name')).toHaveValue('洛桑');
  await submitButton(page, form).click();
  await expect(form).toBeHidden();

  const linked = rows.filter({ hasText: '洛桑' });
  await expect(linked).toHaveCount(linkedBefore + 1);
  await expect(linked.last()).toContainText('辖区居民');
  await expect(linked.last().getByTestId('volunteer-team-tag')).toHaveText('助老帮扶');
});

test('the owners committee sees the volunteers but may not register one', async ({ page }) => {
  await login(page, 'yeweihui');
  await navigate(page, 'nav-volunteers');
  await expect(page.getByTestId('volunteer-row').filter({ hasText: '次仁旺姆' })).toHaveCount(1);
  await expect(page.getByTestId('volunteers-page')).toBeVisible();
  await expect(page.getByTestId('new-volunteer')).toHaveCount(0);
});

test('a building leader has no volunteers entry and no volunteers page', async ({ page }) => {
  await login(page, 'suolang');
  await openNav(page);
  // The menu is there (the people entry shows), only the volunteers entry is not.
  await expect(page.getByTestId('nav-people')).toBeVisible();
  await expect(page.getByTestId('nav-volunteers')).toHaveCount(0);

  await page.goto('/volunteers');
  await expect(page.locator('.ant-result-403')).toBeVisible();
  await expect(page.getByTestId('volunteers-page')).toHaveCount(0);
});
