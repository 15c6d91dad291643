import { expect, login, navigate, openNav, test, treeItems, type TreeItem } from './helpers';

// Every demo account signs in and its tree navigator starts at its own node, and nowhere else.

const TIANFENG_BUILDINGS = ['1号楼', '2号楼', '3号楼', '4号楼', '5号楼', '6号楼', '7号楼', '8号楼'];
const COMPOUNDS = ['天峰祥和苑', '香雪佳园', '佳禾未来城'];

const tianfengTree: TreeItem[] = [
  { title: '天峰祥和苑', depth: 0 },
  ...TIANFENG_BUILDINGS.map((title) => ({ title, depth: 1 })),
];
const linqiongTree: TreeItem[] = [{ title: '林琼社区', depth: 0 }, ...COMPOUNDS.map((title) => ({ title, depth: 1 }))];

const ACCOUNTS: { username: string; displayName: string; home: string; tree: TreeItem[] }[] = [
  { username: 'najin', displayName: '旦增央宗', home: '纳金街道', tree: [{ title: '纳金街道', depth: 0 }, { title: '林琼社区', depth: 1 }] },
  { username: 'linqiong', displayName: '旦增', home: '林琼社区', tree: linqiongTree },
  { username: 'gesang', displayName: '格桑次仁', home: '林琼社区', tree: linqiongTree },
  { username: 'basang', displayName: '巴桑', home: '天峰祥和苑', tree: tianfengTree },
  { username: 'suolang', displayName: '索朗曲珍', home: '4号楼', tree: [{ title: '4号楼', depth: 0 }] },
  { username: 'zhangheng', displayName: '张恒旺', home: '天峰祥和苑', tree: tianfengTree },
  { username: 'yeweihui', displayName: '次仁多吉', home: '天峰祥和苑', tree: tianfengTree },
  { username: 'luosang', displayName: '洛桑', home: '天峰祥和苑', tree: tianfengTree },
  { username: 'xiangxue', displayName: '达瓦卓玛', home: '1号楼', tree: [{ title: '1号楼', depth: 0 }] },
];

test.describe('sign-in and scope', () => {
  for (const account of ACCOUNTS) {
    test(`${account.username} sees only ${account.home} and below`, async ({ page }) => {
      await login(page, account.username);
      await expect(page.getByTestId('user-name')).toContainText(account.displayName);
      await expect(page.getByTestId('unit-name')).toHaveText(account.home);
      await openNav(page);
      expect(await treeItems(page)).toEqual(account.tree);
    });
  }

  test('a wrong password is refused with a message and no session', async ({ page }) => {
    await page.goto('/login');
    // An unknown user, so no demo account gets closer to its lockout.
    await page.getByTestId('login-username').fill('nobody');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toHaveText('用户名或密码错误');
    await expect(page).toHaveURL(/\/login$/);
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(401);
  });

  test('logout ends the session: back to /login, and unit pages send there too', async ({ page }) => {
    await login(page, 'basang');
    const unitUrl = new URL(page.url()).pathname;
    expect(unitUrl).toMatch(/^\/units\/\d+$/);
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByTestId('login-submit')).toBeVisible();
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);

    await page.goto(unitUrl);
    await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(unitUrl)}$`));
    await expect(page.getByTestId('login-username')).toBeVisible();
    await expect(page.getByTestId('unit-page')).toHaveCount(0);

    // Signing in again from there goes back to the page asked for.
    await page.getByTestId('login-username').fill('basang');
    await page.getByTestId('login-password').fill('xiaoqu-demo');
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(new RegExp(`${unitUrl}$`));
    await expect(page.getByTestId('unit-name')).toHaveText('天峰祥和苑');
  });

  test('the auditor (审计员) starts on the audit log and manages nothing', async ({ page }) => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill('shenji');
    await page.getByTestId('login-password').fill('xiaoqu-demo');
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByTestId('user-name')).toContainText('次仁拉姆');
    await openNav(page);
    await expect(page.getByTestId('nav-audit')).toBeVisible();
    await expect(page.getByTestId('nav-accounts')).toHaveCount(0);
    expect((await page.request.get('/api/v1/accounts')).status()).toBe(403);
  });

  test('the built app runs under its Content-Security-Policy without a single violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const home = await page.goto('/login');
    expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(home?.headers()['x-frame-options']).toBe('DENY');
    await login(page, 'linqiong');
    for (const [nav, path] of [['nav-people', '/people'], ['nav-accounts', '/accounts'], ['nav-audit', '/audit']] as const) {
      await navigate(page, nav);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole('table').first()).toBeVisible();
    }
    await page.goto('/password');
    await expect(page.getByTestId('password-page')).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('an unknown address inside the shell shows not-found', async ({ page }) => {
    await login(page, 'linqiong');
    await page.goto('/no-such-page');
    await expect(page.getByText('未找到，或不在您的管辖范围内')).toBeVisible();
  });
});
