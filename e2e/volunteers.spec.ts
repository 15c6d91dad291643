import type { Locator, Page } from '@playwright/test';
import { expect, expectNoHorizontalOverflow, isPhone, login, navigate, openNav, test, uniqueSuffix } from './helpers';

// 志愿者: community staff list the volunteer teams of their part of the tree, register a volunteer, change one
// and end their service; the owners committee may look but not change anything; a building leader has no
// volunteers page at all.

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
const dialogButton = (page: Page, form: Locator, name: RegExp) => page.getByRole('dialog').filter({ has: form }).getByRole('button', { name });

/**
 * Opens the new case form and checks whether its mediator picker offers this volunteer (searching by name). The
 * form is left unsent: the next step navigates away.
 */
async function expectMediatorOffered(page: Page, name: string, offered: boolean): Promise<void> {
  await page.goto('/mediation');
  await page.getByTestId('new-case').click();
  const form = page.getByTestId('case-form');
  await expect(form).toBeVisible();
  await form.getByTestId('case-mediator').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  // The demo's mediators are listed once the team has loaded.
  await expect(options.filter({ hasText: '次仁旺姆' })).toHaveCount(1);
  await page.keyboard.type(name);
  await expect(options.filter({ hasText: name })).toHaveCount(offered ? 1 : 0);
  await expect(options.filter({ hasText: '次仁旺姆' })).toHaveCount(0);
}

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

test('community staff change a volunteer and end their service; an ended mediator is no longer offered for a case', async ({ page, apiAs }, testInfo) => {
  const name = `多吉${uniqueSuffix(testInfo)}`;
  const api = await apiAs('linqiong');
  await api.send('POST', '/volunteers', { unitId: await api.unitId('天峰祥和苑'), name, team: 'mediation', note: '退休教师' });
  await login(page, 'linqiong');
  await expectMediatorOffered(page, name, true);

  await page.goto('/volunteers?team=mediation');
  const rows = page.getByTestId('volunteer-row');
  const row = rows.filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await page.waitForLoadState('networkidle');
  await expectNoHorizontalOverflow(page);

  // Change: the same form, the unit shown but fixed, the current values filled in.
  await row.getByTestId('volunteer-edit').click();
  const form = page.getByTestId('volunteer-form');
  await expect(form).toBeVisible();
  await expect(page.getByRole('dialog').filter({ has: form })).toContainText('修改志愿者信息');
  await expect(form.getByTestId('volunteer-unit-name')).toHaveText('天峰祥和苑');
  await expect(form.getByTestId('volunteer-name')).toHaveValue(name);
  await expect(form.getByTestId('volunteer-note')).toHaveValue('退休教师');
  await form.getByTestId('volunteer-note').fill('退休教师，藏汉双语');
  await expectNoHorizontalOverflow(page);
  await dialogButton(page, form, /^保\s*存$/).click();
  await expect(form).toBeHidden();
  await expect(row).toContainText('退休教师，藏汉双语');
  await expect(row.getByTestId('volunteer-team-tag')).toHaveText('矛盾调解');

  // End the service: not on a day still to come; today, with the reason.
  await row.getByTestId('volunteer-end').click();
  const end = page.getByTestId('end-service-form');
  await expect(end).toBeVisible();
  await expect(end).toContainText(name);
  const today = await page.evaluate(() => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  });
  await expect(end.getByTestId('end-service-date')).toHaveValue(today);
  await end.getByTestId('end-service-date').fill('2099-01-01');
  await dialogButton(page, end, /^结束服务$/).click();
  await expect(end.getByText('不能晚于今天')).toBeVisible();
  await end.getByTestId('end-service-date').fill(today);
  await end.getByTestId('end-service-reason').fill('搬离小区');
  await expectNoHorizontalOverflow(page);
  await dialogButton(page, end, /^结束服务$/).click();
  await expect(end).toBeHidden();

  // The list shows those serving: the volunteer has left it, and is found among the ended ones.
  await expect(row).toHaveCount(0);
  await pickOption(page, page.getByTestId('volunteers-status'), '已结束服务');
  await expect(page).toHaveURL(/status=ended/);
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('volunteer-ended-tag')).toHaveText('已结束服务');
  await expect(row.getByTestId('volunteer-ended')).toContainText('搬离小区');
  // The record of their service is closed: nothing more to change or end.
  await expect(row.getByTestId('volunteer-edit')).toHaveCount(0);
  await expect(row.getByTestId('volunteer-end')).toHaveCount(0);
  await expect(rows.filter({ hasText: '次仁旺姆' })).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await expectNoHorizontalOverflow(page);
  await pickOption(page, page.getByTestId('volunteers-status'), '全部（含已结束）');
  await expect(row).toHaveCount(1);
  await expect(rows.filter({ hasText: '次仁旺姆' })).toHaveCount(1);

  await expectMediatorOffered(page, name, false);
});

test('the owners committee sees the volunteers but may not register, change or end one', async ({ page }) => {
  await login(page, 'yeweihui');
  await navigate(page, 'nav-volunteers');
  await expect(page.getByTestId('volunteer-row').filter({ hasText: '次仁旺姆' })).toHaveCount(1);
  await expect(page.getByTestId('volunteers-page')).toBeVisible();
  await expect(page.getByTestId('new-volunteer')).toHaveCount(0);
  await expect(page.getByTestId('volunteer-edit')).toHaveCount(0);
  await expect(page.getByTestId('volunteer-end')).toHaveCount(0);
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
