import { expect, expectNoHorizontalOverflow, login, navigate, test } from './helpers';

// The audit log's integrity check (防篡改校验): a street administrator runs it from the audit page and reads what
// it covered; community staff read the log but do not get the check.

test('street admin: verifying the audit log reports it intact, with the number of entries checked', async ({ page }) => {
  await login(page, 'najin');
  await navigate(page, 'nav-audit');
  await expect(page).toHaveURL(/\/audit$/);
  await page.getByTestId('audit-verify-run').click();
  const result = page.getByTestId('audit-verify-result');
  await expect(result).toContainText(/日志完整：已核对 \d+ 条记录/);
  const checked = Number(/已核对 (\d+) 条/.exec((await result.textContent()) ?? '')?.[1]);
  expect(checked).toBeGreaterThan(0);
  await expectNoHorizontalOverflow(page);
});

test('community staff: the audit log without the integrity check', async ({ page }) => {
  await login(page, 'linqiong');
  await navigate(page, 'nav-audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expect(page.getByTestId('audit-verify-run')).toHaveCount(0);
});
