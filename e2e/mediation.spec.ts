import fs from 'node:fs';
import { expect, expectNoHorizontalOverflow, isPhone, login, navigate, test, uniqueSuffix } from './helpers';

// 让三尺: community staff open a mediation case, record a session and the agreement, and print the 人民调解协议书
// to be signed; the list and the case fit a phone screen.

/** A date some days from now as the date inputs take it (YYYY-MM-DD). */
function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('community staff open a case, record a session and the agreement, and download the agreement', async ({ page }, testInfo) => {
  // The whole golden path, with the server's first PDF (it loads the fonts) on the way.
  test.slow();
  const suffix = uniqueSuffix(testInfo);
  const title = `楼道堆物纠纷${suffix}`;
  await login(page, 'linqiong');
  await navigate(page, 'nav-mediation');
  await expect(page).toHaveURL(/\/mediation$/);
  // The demo's two cases of 天峰祥和苑.
  await expect(page.getByTestId('case-row').first()).toBeVisible();

  await page.getByTestId('new-case').click();
  const form = page.getByTestId('case-form');
  await expect(form).toBeVisible();
  await form.getByTestId('case-unit').click();
  await page.locator('.ant-select-tree-treenode').filter({ hasText: /^天峰祥和苑$/ }).click();
  await form.getByTestId('case-title').fill(title);
  await form.getByTestId('party-name-0').fill('德吉');
  await form.getByTestId('party-address-0').fill('天峰祥和苑4号楼2单元301');
  await form.getByTestId('party-name-1').fill(`扎西${suffix}`);
  await form.getByTestId('case-facts').fill('扎西在楼道长期堆放纸箱和旧家具，德吉多次要求清理未果。');
  await form.getByTestId('case-dispute').fill('杂物是否应当清理及清理期限。');
  await form.getByTestId('case-mediator').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '次仁旺姆' }).click();
  await page.getByRole('dialog').filter({ has: form }).getByRole('button', { name: /立\s*案/ }).click();
  await expect(form).toBeHidden();

  // The new case opens at once, with the steps of an open case.
  const drawer = page.getByTestId('case-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('case-status')).toHaveText('调解中');
  await expect(drawer.getByTestId('case-mediator-name')).toHaveText('次仁旺姆');
  await expect(drawer.getByTestId('case-party')).toHaveCount(2);
  await expect(drawer.getByTestId('download-agreement-zh')).toHaveCount(0);

  await drawer.getByTestId('action-addSession').click();
  const session = page.getByTestId('session-form');
  await expect(session).toBeVisible();
  await session.getByTestId('session-place').fill('天峰祥和苑党群服务站');
  await session.getByTestId('session-summary').fill('双方到场，扎西同意一周内清理楼道杂物。');
  await page.getByRole('dialog').filter({ has: session }).getByRole('button', { name: /保\s*存/ }).click();
  await expect(session).toBeHidden();
  await expect(drawer.getByTestId('case-session')).toHaveCount(1);
  await expect(drawer.getByTestId('case-session')).toContainText('天峰祥和苑党群服务站');

  await drawer.getByTestId('action-recordAgreement').click();
  const agreement = page.getByTestId('agreement-form');
  await expect(agreement).toBeVisible();
  await agreement.getByTestId('agreement-terms').fill('一、扎西于一周内清理楼道杂物；\n二、今后不在公共区域堆放物品。');
  await agreement.getByTestId('agreement-performance').fill('扎西自行清理，楼栋长现场确认。');
  await agreement.getByTestId('agreement-perform-by').fill(daysFromNow(10));
  await page.getByRole('dialog').filter({ has: agreement }).getByRole('button', { name: /保\s*存/ }).click();
  await expect(agreement).toBeHidden();
  await expect(drawer.getByTestId('case-status')).toHaveText('已达成协议');
  await expect(drawer.getByTestId('case-terms')).toContainText('二、今后不在公共区域堆放物品。');
  await expect(drawer.getByTestId('action-recordVisit')).toBeVisible();
  await expect(drawer.getByTestId('action-addSession')).toHaveCount(0);

  // The 调解协议书 downloads as a PDF, in Chinese and with Tibetan headings.
  const downloading = page.waitForEvent('download');
  await drawer.getByTestId('download-agreement-zh').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(bytes.length).toBeGreaterThan(5 * 1024);

  const href = await drawer.getByTestId('download-agreement-bo').getAttribute('href');
  expect(href).toContain('lang=bo');
  const bo = await page.request.get(href ?? '');
  expect(bo.status()).toBe(200);
  expect(bo.headers()['content-type']).toBe('application/pdf');
  expect((await bo.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');

  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('case-row').filter({ hasText: title })).toHaveCount(1);
});

test('the case list and a case fit the screen', async ({ page }, testInfo) => {
  await login(page, 'linqiong');
  await page.goto('/mediation');
  const rows = page.getByTestId('case-row');
  await expect(rows.first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoHorizontalOverflow(page);
  if (isPhone(testInfo)) {
    // On a phone the cases are cards, not a wide table.
    await expect(page.getByTestId('cases-table')).toHaveCount(0);
  }
  await rows.filter({ hasText: '4号楼楼上装修噪音纠纷' }).click();
  const drawer = page.getByTestId('case-drawer');
  await expect(drawer.getByTestId('case-visit')).toHaveCount(1);
  await expect(drawer.getByTestId('download-agreement-zh')).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
