import { readFileSync } from 'node:fs';
import { expect, expectNoHorizontalOverflow, login, navigate, test, uniqueSuffix } from './helpers';

// PIPL: a resident sees what is held about them (我的信息); staff export a person's record with a purpose and
// anonymise it on request, typing the name to confirm.

test('resident: 我的信息 shows his entry masked, his household and reports; revealing his own numbers is recorded', async ({ page }) => {
  await login(page, 'luosang');
  await navigate(page, 'nav-my-data');
  await expect(page).toHaveURL(/\/me$/);
  const view = page.getByTestId('my-data-page');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('my-phone')).toContainText('*');
  await expect(page.getByTestId('my-id-number')).toContainText('*');
  await expect(page.getByTestId('my-household')).toContainText('洛桑');
  await expect(page.getByTestId('my-reports')).toContainText('4号楼楼顶水箱溢水');
  await expectNoHorizontalOverflow(page);

  await page.getByTestId('my-reveal').click();
  await expect(page.getByTestId('my-id-number')).toHaveText(/^\d{17}[\dX]$/);
  await expect(page.getByTestId('my-reveal-recorded')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('my-accesses')).toContainText('您本人');
  await expect(page.getByTestId('my-phone')).toContainText('*');
});

test('grid worker exports a resident’s record with a purpose, then anonymises it after typing the name', async ({ page, apiAs }, testInfo) => {
  const suffix = uniqueSuffix(testInfo);
  const name = `隐私${suffix}`;
  const phone = `137${String(Date.now()).slice(-8)}`;
  const gesang = await apiAs('gesang');
  const buildingId = await gesang.unitId('6号楼', '天峰祥和苑');
  const household = await gesang.send<{ id: number }>('POST', '/org/households', { buildingId, unitNo: 1, floor: 9, room: `P${suffix}`.slice(0, 20), area: 70 });
  const resident = await gesang.send<{ id: number }>('POST', '/org/residents', { householdId: household.id, name, gender: 'female', ethnicity: '藏族', phone, relation: 'owner' });

  await login(page, 'gesang');
  await navigate(page, 'nav-people');
  await page.getByTestId('people-search').locator('input').fill(name);
  await page.getByTestId('people-search').locator('input').press('Enter');
  await page.getByTestId('resident-row').filter({ hasText: name }).click();
  const drawer = page.getByTestId('resident-drawer');
  await expect(drawer).toBeVisible();

  // Export: a purpose is required; the file holds the number in full.
  await drawer.getByTestId('export-record').click();
  const exportDialog = page.getByRole('dialog').filter({ has: page.getByTestId('export-purpose') });
  await exportDialog.getByRole('button', { name: /导\s*出/ }).click();
  await expect(exportDialog.getByText('此项不能为空')).toBeVisible();
  await page.getByTestId('export-purpose').fill('本人到站申请查阅复制');
  const download = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: /导\s*出/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`resident-${resident.id}-${new Date().toISOString().slice(0, 10)}.json`);
  const record = JSON.parse(readFileSync(await file.path(), 'utf8')) as { resident: { name: string; phone: string } };
  expect(record.resident).toMatchObject({ name, phone });
  await expect(exportDialog).toHaveCount(0);

  // Anonymise: the name must be typed exactly.
  await drawer.getByTestId('anonymise-resident').click();
  const eraseDialog = page.getByRole('dialog').filter({ has: page.getByTestId('anonymise-confirm') });
  await page.getByTestId('anonymise-reason').fill('本人书面申请删除');
  await page.getByTestId('anonymise-confirm').fill(`${name}x`);
  await eraseDialog.getByRole('button', { name: '永久匿名化' }).click();
  await expect(eraseDialog.getByText('输入的姓名与居民姓名不一致')).toBeVisible();
  expect((await gesang.get<{ name: string }>(`/org/residents/${resident.id}`)).name).toBe(name);
  await page.getByTestId('anonymise-confirm').fill(name);
  await eraseDialog.getByRole('button', { name: '永久匿名化' }).click();
  await expect(page.getByText(`已匿名化为 已匿名-${resident.id}`)).toBeVisible();
  await expect(drawer).toBeHidden();
  const after = await gesang.get<{ name: string; phone: string | null }>(`/org/residents/${resident.id}`);
  expect(after).toMatchObject({ name: `已匿名-${resident.id}`, phone: null });
});
