import { expect, login, test } from './helpers';

// The four-party platform of a compound is kept by the branch secretary and the community staff: members are
// added and removed on the cards; staff register residents as party members from the resident's card. The
// property company reads the platform only.

test('branch secretary adds a committee member to the party branch and removes them again', async ({ page, apiAs }) => {
  const api = await apiAs('basang');
  const tianfeng = await api.unitId('天峰祥和苑');
  await login(page, 'basang');
  await page.goto(`/units/${tianfeng}`);

  const card = page.getByTestId('platform-card-partyBranch');
  await expect(card).toContainText('天峰祥和苑党支部');
  const name = `德吉${Date.now()}`;

  await card.getByTestId('platform-add-member').click();
  const form = page.getByTestId('body-member-form');
  await expect(form).toBeVisible();
  await form.getByTestId('body-member-name').fill(name);
  await form.getByTestId('body-member-position').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="委员"]').click();
  // The list closes with an animation; until it is gone it covers the dialog's buttons.
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await page.getByRole('dialog').filter({ has: form }).getByRole('button', { name: /保\s*存/ }).click();
  await expect(form).toBeHidden();

  const member = card.getByTestId('platform-member').filter({ hasText: name });
  await expect(member).toHaveCount(1);
  await expect(member).toContainText('委员');

  await member.getByTestId('platform-member-remove').click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: /移\s*除/ }).click();
  await expect(card.getByTestId('platform-member').filter({ hasText: name })).toHaveCount(0);
  await expect(card).not.toContainText(name);
});

interface ResidentRow {
  id: number;
  name: string;
  isPartyMember: boolean;
}

test('community staff registers a resident as a party member of the compound branch', async ({ page, apiAs }) => {
  const api = await apiAs('linqiong');
  const tianfeng = await api.unitId('天峰祥和苑');
  const { items } = await api.get<{ items: ResidentRow[] }>(`/org/residents?unitId=${tianfeng}&limit=200`);
  const count = (name: string) => items.filter((resident) => resident.name === name).length;
  // One not yet in the party, whose name no other resident there shares (each project registers another one).
  const resident = items.find((candidate) => !candidate.isPartyMember && count(candidate.name) === 1);
  expect(resident, 'a resident of 天峰祥和苑 who is not a party member').toBeDefined();
  if (!resident) return;

  await login(page, 'linqiong');
  await page.goto(`/people?unitId=${tianfeng}&q=${encodeURIComponent(resident.name)}`);
  const row = page.getByTestId('resident-row').filter({ hasText: resident.name });
  await expect(row).toHaveCount(1);
  await expect(row).not.toContainText('党员');
  await row.click();

  const drawer = page.getByTestId('resident-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('resident-party-tag')).toHaveCount(0);
  await drawer.getByTestId('register-party-member').click();

  const form = page.getByTestId('party-member-form');
  await expect(form).toBeVisible();
  // The compound has one branch, chosen already.
  await expect(form.getByTestId('party-member-branch')).toContainText('天峰祥和苑党支部');
  await form.getByLabel('党小组').fill('第一党小组');
  const joined = form.getByLabel('入党日期');
  await joined.click();
  await joined.fill('2020-07-01');
  await joined.press('Enter');
  await expect(joined).toHaveValue('2020-07-01');
  await page.getByRole('dialog').filter({ has: form }).getByRole('button', { name: '登记为党员' }).click();
  await expect(form).toBeHidden();

  await expect(drawer.getByTestId('resident-party-tag')).toBeVisible();
  await expect(drawer.getByTestId('register-party-member')).toHaveCount(0);

  const members = await api.get<{ items: { residentId: number; branchName: string; joinedOn: string | null; partyGroup: string | null }[] }>(
    `/org/party-members?unitId=${tianfeng}&limit=200`,
  );
  const registered = members.items.find((member) => member.residentId === resident.id);
  expect(registered).toMatchObject({ branchName: '天峰祥和苑党支部', joinedOn: '2020-07-01', partyGroup: '第一党小组' });

  await page.goto(`/people?unitId=${tianfeng}&tab=partyMembers`);
  await expect(page.getByTestId('party-members-table')).toContainText(resident.name);
});

test('the property manager reads the platform but cannot change it', async ({ page, apiAs }) => {
  const api = await apiAs('zhangheng');
  const tianfeng = await api.unitId('天峰祥和苑');
  await login(page, 'zhangheng');
  await page.goto(`/units/${tianfeng}`);
  await expect(page.getByTestId('platform-card-property')).toBeVisible();
  await expect(page.getByTestId('platform-card-partyBranch')).toContainText('天峰祥和苑党支部');
  await expect(page.getByTestId('platform-add-member')).toHaveCount(0);
  await expect(page.getByTestId('platform-member-remove')).toHaveCount(0);
  await expect(page.getByTestId('platform-found-body')).toHaveCount(0);
});
