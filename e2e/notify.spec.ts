import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../server/core/db.ts';
import { notifyUsers } from '../server/modules/notify/index.ts';
import { expect, expectNoHorizontalOverflow, login, navigate, test, uniqueSuffix } from './helpers';

// The bell in the header shows one's unread notifications and opens them; a branch secretary sets up a
// webhook for the compound, sends a test message to a receiver on this machine, reads the delivery log, switches
// it off and deletes it.

/** The database of the server under test (playwright.config.ts). */
const databaseUrl = `sqlite:/tmp/xiaoqu-e2e-${Number(process.env.E2E_PORT ?? 3998)}/xiaoqu.sqlite`;

/**
 * Puts a notification in a user's inbox the way the issues module does: notifyUsers in a transaction. The
 * server sees the commit of this second connection at once (its read cache follows the file's data version).
 */
async function notify(username: string, title: string, link: string): Promise<void> {
  const handle = openDatabase(databaseUrl);
  try {
    const user = await handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    await handle.db.transaction().execute((tx) =>
      notifyUsers(tx, { userIds: [user.id], kind: 'issue.assigned', title, body: '天峰祥和苑 4号楼 2单元 楼道灯不亮', link, at: new Date().toISOString() }),
    );
  } finally {
    await handle.close();
  }
}

/** The header still shows its last button inside the screen. */
async function expectHeaderFits(page: import('@playwright/test').Page): Promise<void> {
  const box = await page.getByTestId('logout').boundingBox();
  const width = await page.evaluate(() => window.innerWidth);
  expect(box && box.x + box.width <= width, 'the logout button is inside the screen').toBe(true);
}

test('the bell shows unread notifications, opens one and marks all read', async ({ page }, testInfo) => {
  const suffix = uniqueSuffix(testInfo);
  const title = `新的派单 ${suffix}`;
  const other = `问题已办结 ${suffix}`;
  await notify('linqiong', other, '/people');
  await notify('linqiong', title, '/accounts');

  await login(page, 'linqiong');
  const badge = page.getByTestId('notification-badge');
  // Other browser tests may have told linqiong about issues too: count from what the badge shows now.
  await expect(badge.locator('.ant-badge-count')).toBeVisible();
  const unread = Number(await badge.locator('.ant-badge-count').getAttribute('title'));
  expect(unread).toBeGreaterThanOrEqual(2);
  await expectHeaderFits(page);
  await expectNoHorizontalOverflow(page);

  await page.getByTestId('notification-bell').click();
  const drawer = page.getByTestId('notification-drawer');
  await expect(drawer).toBeVisible();
  const item = drawer.getByTestId('notification-item').filter({ hasText: title });
  await expect(item).toHaveAttribute('data-unread', 'true');
  await expect(item).toContainText('楼道灯不亮');
  await expectNoHorizontalOverflow(page);

  // Opening it marks it read and follows its link.
  await item.click();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(drawer).toBeHidden();

  await expect(badge.locator('.ant-badge-count')).toHaveAttribute('title', String(unread - 1));
  await page.getByTestId('notification-bell').click();
  await expect(drawer.getByTestId('notification-item').filter({ hasText: title })).toHaveAttribute('data-unread', 'false');
  await expect(drawer.getByTestId('notification-item').filter({ hasText: other })).toHaveAttribute('data-unread', 'true');
  await drawer.getByTestId('notifications-read-all').click();
  await expect(page.locator('.ant-message-notice').filter({ hasText: '已全部标为已读' })).toBeVisible();
  await expect(badge.locator('.ant-badge-count')).toHaveCount(0);
  await drawer.getByTestId('notifications-filter').getByText('未读').click();
  await expect(drawer.getByTestId('notifications-empty')).toContainText('没有未读通知');
});

test('a branch secretary sets up a webhook, sends a test, reads the delivery log and deletes it', async ({ page }, testInfo) => {
  const received: string[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cgi-bin/webhook/send?key=e2e`;
  const name = `天峰工作群 ${uniqueSuffix(testInfo)}`;

  try {
    await login(page, 'basang');
    await navigate(page, 'nav-webhooks');
    await expect(page).toHaveURL(/\/webhooks$/);
    await expect(page.getByTestId('webhooks-page')).toBeVisible();
    await expectNoHorizontalOverflow(page);

    await test.step('create the webhook', async () => {
      await page.getByTestId('webhook-create').click();
      const form = page.getByTestId('webhook-form');
      await expect(form).toBeVisible();
      const dialog = page.getByRole('dialog').filter({ has: form });
      // Nothing filled in: the form says what is missing.
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await expect(form.locator('.ant-form-item-explain-error')).toHaveText(['请选择单位', '请输入名称', '请输入推送地址']);

      await form.getByTestId('webhook-unit').click();
      await page.locator('.ant-select-tree-treenode').filter({ hasText: /^天峰祥和苑$/ }).locator('.ant-select-tree-node-content-wrapper').click();
      await form.getByTestId('webhook-name').fill(name);
      await form.getByTestId('webhook-url').fill('ftp://example.com/hook');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await expect(form.locator('.ant-form-item-explain-error')).toHaveText(['请输入以 http:// 或 https:// 开头的有效地址']);
      await form.getByTestId('webhook-url').fill(url);
      await expectNoHorizontalOverflow(page);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await expect(form).toHaveCount(0);
    });

    const row = page.getByTestId('webhook-row').filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('天峰祥和苑');
    await expect(row).toContainText('全部事件');
    await expect(row.getByTestId('webhook-enabled')).toHaveAttribute('aria-checked', 'true');
    await expectNoHorizontalOverflow(page);

    await test.step('send a test message', async () => {
      await row.getByTestId('webhook-test').click();
      await expect(page.locator('.ant-message-notice').filter({ hasText: '测试消息已送达' })).toBeVisible();
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0] ?? '{}')).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('测试消息') } });
    });

    await test.step('read the delivery log', async () => {
      await row.getByTestId('webhook-log').click();
      const log = page.getByTestId('delivery-log');
      await expect(log).toBeVisible();
      const delivery = log.getByTestId('delivery-row');
      await expect(delivery).toHaveCount(1);
      await expect(delivery).toContainText('测试消息');
      await expect(delivery.getByTestId('delivery-status')).toHaveText('已送达');
      await expectNoHorizontalOverflow(page);
      await log.locator('.ant-drawer-close').click();
      await expect(log).toBeHidden();
    });

    await test.step('switch it off', async () => {
      await row.getByTestId('webhook-enabled').click();
      await expect(page.locator('.ant-message-notice').filter({ hasText: '推送已停用' })).toBeVisible();
      await expect(row.getByTestId('webhook-enabled')).toHaveAttribute('aria-checked', 'false');
    });

    await test.step('delete it, after saying so', async () => {
      await row.getByTestId('webhook-delete').click();
      const confirm = page.locator('.ant-popconfirm').filter({ hasText: name });
      await expect(confirm).toBeVisible();
      await expect(confirm).toContainText('推送记录也一并删除');
      await expectNoHorizontalOverflow(page);
      // Cancelling keeps it.
      await confirm.getByRole('button', { name: /取\s*消/ }).click();
      await expect(confirm).toBeHidden();
      await expect(row).toHaveCount(1);
      await row.getByTestId('webhook-delete').click();
      await confirm.getByRole('button', { name: /删\s*除/ }).click();
      await expect(page.locator('.ant-message-notice').filter({ hasText: '推送已删除' })).toBeVisible();
      await expect(row).toHaveCount(0);
    });
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
