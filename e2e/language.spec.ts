import type { Page } from '@playwright/test';
import { expect, expectNoHorizontalOverflow, login, openNav, test, uniqueSuffix } from './helpers';

// Chinese first, Tibetan and English on request; the choice is saved on the account, so it follows the user
// to another browser. The test uses an account of its own, so no other test sees a changed language.

const TIBETAN = /[\u0F00-\u0FFF]/;

/** One open, one tap: the tap must switch the page and save the choice on the account. */
async function chooseLanguage(page: Page, language: 'zh-CN' | 'bo' | 'en'): Promise<void> {
  await page.getByTestId('lang-switch').click();
  const option = page.getByTestId(`lang-option-${language}`);
  const [saved] = await Promise.all([
    page.waitForResponse((res) => res.url().endsWith('/api/v1/me') && res.request().method() === 'PATCH', { timeout: 10_000 }),
    option.click(),
  ]);
  expect(saved.status()).toBe(200);
  expect(saved.request().postDataJSON()).toEqual({ language });
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(option).toBeHidden();
}

async function closeNav(page: Page): Promise<void> {
  if (await page.getByTestId('menu-toggle').isVisible()) {
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('tree-nav')).toBeHidden();
  }
}

test('switching to Tibetan and English is applied, saved per user, and restored', async ({ page, browser, apiAs }, testInfo) => {
  const suffix = uniqueSuffix(testInfo);
  const username = `e2e-lang-${suffix}`;
  const password = `pw-${suffix}-long-enough`;
  const admin = await apiAs('linqiong');
  const account = await admin.createAccount({ username, displayName: `语言${suffix}`, password });
  await admin.send('POST', `/accounts/${account.id}/grants`, { role: 'grid_worker', unitId: await admin.unitId('佳禾未来城') });

  await login(page, username, password);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await openNav(page);
  await expect(page.getByTestId('nav-people')).toHaveText('人员');
  await closeNav(page);

  await test.step('བོད་ཡིག', async () => {
    await chooseLanguage(page, 'bo');
    await expect(page.locator('html')).toHaveAttribute('lang', 'bo');
    await openNav(page);
    await expect(page.getByTestId('nav-people')).toHaveText(TIBETAN);
    await expect(page.getByTestId('nav-imports')).toHaveText(TIBETAN);
    await expect(page.getByTestId('nav-people')).not.toHaveText(/人员/);
    await closeNav(page);
    await expect(page.getByTestId('unit-page')).toContainText(TIBETAN);
    // Tibetan words are long: the page still fits the screen.
    await expect(page.getByTestId('building-tile').first()).toBeVisible();
    await expectNoHorizontalOverflow(page);

    // After a reload, and in another browser with nothing stored, the account's choice holds.
    await page.reload();
    await expect(page.getByTestId('unit-page')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'bo');
    await openNav(page);
    await expect(page.getByTestId('nav-people')).toHaveText(TIBETAN);
    await closeNav(page);

    const other = await browser.newContext();
    try {
      const fresh = await other.newPage();
      await login(fresh, username, password);
      await expect(fresh.locator('html')).toHaveAttribute('lang', 'bo');
      await openNav(fresh);
      await expect(fresh.getByTestId('nav-people')).toHaveText(TIBETAN);
    } finally {
      await other.close();
    }
  });

  await test.step('English', async () => {
    await chooseLanguage(page, 'en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await openNav(page);
    await expect(page.getByTestId('nav-people')).toHaveText('People');
    await expect(page.getByTestId('nav-imports')).toHaveText('Import & export');
    await closeNav(page);
    const me = await page.request.get('/api/v1/me');
    expect(((await me.json()) as { language: string }).language).toBe('en');
  });

  await test.step('back to 简体中文', async () => {
    await chooseLanguage(page, 'zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await openNav(page);
    await expect(page.getByTestId('nav-people')).toHaveText('人员');
  });
});

test('a language picked on the login page is used and saved to the account', async ({ page, apiAs }, testInfo) => {
  const suffix = uniqueSuffix(testInfo);
  const username = `e2e-lang-login-${suffix}`;
  const password = `pw-${suffix}-long-enough`;
  const admin = await apiAs('linqiong');
  const account = await admin.createAccount({ username, displayName: `语言${suffix}`, password });
  await admin.send('POST', `/accounts/${account.id}/grants`, { role: 'resident', unitId: await admin.unitId('佳禾未来城') });

  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('login-submit')).toHaveText(/登\s*录/);
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('lang-option-bo').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'bo');
  await expect(page.getByTestId('login-submit')).toHaveText(TIBETAN);

  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('unit-page')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'bo');
  await expect(page.getByTestId('unit-page')).toContainText(TIBETAN);
  const me = await page.request.get('/api/v1/me');
  expect(((await me.json()) as { language: string }).language).toBe('bo');
});

test('the open language menu stays under its button while the page scrolls', async ({ page }) => {
  // The header is sticky. A menu placed in page coordinates moves with the page on any scroll until a scroll
  // handler moves it back a frame later, and a tap landing in between hits the header instead of the item.
  await login(page, 'linqiong');
  await page.getByTestId('lang-switch').click();
  const option = page.getByTestId('lang-option-en');
  await expect(option).toBeVisible();
  // Measure, scroll and measure again in one task: no scroll handler can re-align the menu in between.
  const { before, after, scrolled } = await option.evaluate((el) => {
    const first = el.getBoundingClientRect();
    window.scrollBy(0, 120);
    const second = el.getBoundingClientRect();
    return { before: { x: first.x, y: first.y }, after: { x: second.x, y: second.y }, scrolled: window.scrollY };
  });
  expect(scrolled, 'the page is long enough to scroll').toBeGreaterThan(0);
  expect(after.y).toBeCloseTo(before.y, 0);
  expect(after.x).toBeCloseTo(before.x, 0);
  await page.keyboard.press('Escape');
  await expect(option).toBeHidden();
});
