import ExcelJS from 'exceljs';
import { expect, expectNoHorizontalOverflow, login, navigate, test, uniqueSuffix } from './helpers';

// 12345 hotline work orders: community staff set up a source from a sample of the hotline's export (the columns
// guessed from its headers), import a day's orders once however often the file is uploaded, and export the
// replies. Outside systems get an Open311 key, shown once.

const HEADERS = ['工单编号', '标题', '诉求内容', '来电时间', '办理时限', '地址', '来电人', '联系电话', '诉求类别'];

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** A CSV as the hotline exports it (UTF-8, CRLF). */
function csv(rows: string[][]): Buffer {
  return Buffer.from([HEADERS, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}

test('community staff set up a hotline source, import orders once and export the replies', async ({ page }, testInfo) => {
  const suffix = uniqueSuffix(testInfo);
  const sourceName = `12345热线${suffix}`;
  const lamp = [`GD-${suffix}-1`, '4号楼楼道灯不亮', '4号楼2单元楼道灯坏了一周', '2026-11-27 09:12', '2026-11-30 18:00', '天峰祥和苑4号楼2单元', '王女士', '13908911234', '路灯照明'];
  const lift = [`GD-${suffix}-2`, '电梯经常停运', '2号楼电梯经常停运，老人上下楼困难', '2026-11-27 09:30', '2026-12-02', '天峰祥和苑2号楼', '李先生', '13800000002', '物业服务-电梯故障'];
  const orders = csv([lamp, lift, lamp]);

  await login(page, 'linqiong');
  await navigate(page, 'nav-hotline');
  await expect(page).toHaveURL(/\/hotline$/);
  await expect(page.getByTestId('hotline-page')).toBeVisible();

  await test.step('a source is set up from a sample: headers read, columns guessed, first rows shown', async () => {
    await page.getByTestId('hotline-source-create').click();
    const form = page.getByTestId('hotline-source-form');
    const dialog = page.getByRole('dialog').filter({ has: form });
    await expect(dialog).toBeVisible();
    // The community of the signed-in member of staff is where the source starts.
    await expect(form.getByTestId('hotline-source-unit')).toContainText('林琼社区');
    await expect(form.getByTestId('hotline-map-orderNo')).toHaveClass(/ant-select-disabled/);
    await form.getByTestId('hotline-source-name').fill(sourceName);
    await form.locator('input[type=file]').setInputFiles({ name: 'sample.csv', mimeType: 'text/csv', buffer: orders });

    const sample = form.getByTestId('hotline-sample');
    await expect(sample).toBeVisible();
    await expect(sample.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(3);
    await expect(sample).toContainText('天峰祥和苑4号楼2单元');
    for (const [field, header] of [['orderNo', '工单编号'], ['body', '诉求内容'], ['address', '地址'], ['callerPhone', '联系电话'], ['category', '诉求类别']]) {
      await expect(form.getByTestId(`hotline-map-${field}`), `${field} is guessed`).toContainText(header);
    }
    await expectNoHorizontalOverflow(page);

    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/hotline\?source=\d+$/);
    await expect(page.getByTestId('hotline-source-select')).toContainText(sourceName);
    await expect(page.getByTestId('hotline-mapping')).toContainText('联系电话');
  });

  const card = page.getByTestId('hotline-import-card');
  const input = card.locator('input[type=file]');
  const count = (key: string) => card.getByTestId(`hotline-count-${key}`).locator('.ant-statistic-content-value');

  await test.step('a file with an address outside the community is refused whole, with the row and the reason', async () => {
    const elsewhere = [`GD-${suffix}-9`, '', '广场路灯不亮', '2026-11-27 11:00', '', '布达拉宫广场', '', '', '路灯照明'];
    await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: csv([lamp, elsewhere]) });
    const rejected = card.getByTestId('hotline-import-rejected');
    await expect(rejected).toBeVisible();
    await expect(rejected).toContainText('1 行无法导入');
    const rows = rejected.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    // Rows count from the header (row 1): the second order is row 3.
    await expect(rows.first().locator('td').first()).toHaveText('3');
    await expect(rows.first()).toContainText('地址无法匹配到小区或楼栋');
    await expectNoHorizontalOverflow(page);
  });

  await test.step('the orders are imported; the repeated order is counted, not imported twice', async () => {
    await input.setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: orders });
    await expect(card.getByTestId('hotline-import-result')).toBeVisible();
    await expect(count('imported')).toHaveText('2');
    await expect(count('existing')).toHaveText('0');
    await expect(count('duplicatesInFile')).toHaveText('1');
    await expect(count('total')).toHaveText('3');
    await expect(card.getByTestId('hotline-import-rejected')).toHaveCount(0);
    await expectNoHorizontalOverflow(page);
  });

  await test.step('the same file again brings nothing new', async () => {
    await input.setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: orders });
    await expect(count('imported')).toHaveText('0');
    await expect(count('existing')).toHaveText('2');
    await expect(count('total')).toHaveText('3');
  });

  await test.step('the reply sheet lists the imported orders', async () => {
    const link = page.getByTestId('hotline-export-link');
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await page.getByTestId('hotline-export-from').fill(today);
    await page.getByTestId('hotline-export-to').fill('2000-01-01');
    await expect(link).toBeDisabled();
    await page.getByTestId('hotline-export-to').fill(today);
    await expect(link).toBeEnabled();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^/api/v1/hotline/export\\.xlsx\\?sourceId=\\d+&from=${today}&to=${today}$`));
    const sheet = await page.request.get(href);
    expect(sheet.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await sheet.body()) as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]?.getSheetValues());
    expect(text).toContain(`GD-${suffix}-1`);
    expect(text).toContain(`GD-${suffix}-2`);
    expect(wb.worksheets[0]?.actualRowCount).toBe(3);
  });
});

test('community staff create an Open311 key, see it once and revoke it', async ({ page }, testInfo) => {
  const suffix = uniqueSuffix(testInfo);
  const name = `市民服务App${suffix}`;
  await login(page, 'linqiong');
  await navigate(page, 'nav-open311-keys');
  await expect(page).toHaveURL(/\/open311-keys$/);

  const origin = new URL(page.url()).origin;
  await expect(page.getByTestId('open311-base-url')).toContainText(`${origin}/open311/v2/`);
  const discovery = page.getByTestId('open311-discovery');
  await expect(discovery).toHaveAttribute('href', `${origin}/open311/v2/discovery.json`);
  expect((await page.request.get(`${origin}/open311/v2/discovery.json`)).status()).toBe(200);
  await expectNoHorizontalOverflow(page);

  await page.getByTestId('open311-key-create').click();
  const form = page.getByTestId('open311-key-form');
  const dialog = page.getByRole('dialog').filter({ has: form });
  await form.getByTestId('open311-key-name').fill(name);
  await form.getByTestId('open311-key-unit').click();
  await page.locator('.ant-select-tree-treenode').filter({ hasText: /^林琼社区$/ }).click();
  await dialog.getByRole('button', { name: /生成密钥/ }).click();

  const shown = page.getByTestId('open311-new-key');
  await expect(shown).toBeVisible();
  await expect(page.getByTestId('open311-new-key-warning')).toContainText('只显示这一次');
  const key = ((await shown.textContent()) ?? '').trim();
  expect(key).toMatch(/^xq311_\S{20,}$/);
  await expectNoHorizontalOverflow(page);
  const requests = `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`;
  expect((await page.request.get(requests)).status(), 'the new key works').toBe(200);

  await page.getByTestId('open311-new-key-done').click();
  await expect(shown).toBeHidden();
  const row = page.getByTestId('open311-key-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText('林琼社区');
  await expect(page.locator('body'), 'the whole key is not shown again').not.toContainText(key);
  await expectNoHorizontalOverflow(page);

  await row.getByTestId('open311-key-revoke').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /停\s*用/ }).click();
  await expect(row.getByTestId('open311-key-revoked')).toBeVisible();
  await expect(row.getByTestId('open311-key-revoke')).toHaveCount(0);
  expect((await page.request.get(requests)).status(), 'a revoked key stops working').toBe(403);
});
