import { test as base, expect, request, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';

export { expect };

// Shared steps of the browser tests: signing in through the form, the navigation (a sider on a desktop, a
// drawer behind `menu-toggle` on a phone), and a signed-in API client to read the figures the page must show.

export const DEMO_PASSWORD = 'xiaoqu-demo';

export const isPhone = (testInfo: TestInfo): boolean => testInfo.project.name === 'phone';

/** A name that no other test, project or earlier run in the same database uses. */
export function uniqueSuffix(testInfo: TestInfo): string {
  return `${testInfo.project.name.slice(0, 1)}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Signs in through the login form and waits for the home unit page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId('unit-page')).toBeVisible();
}

/** Opens the navigation drawer on a phone; on a desktop the sider is always there. */
export async function openNav(page: Page): Promise<boolean> {
  await expect(page.getByTestId('user-name')).toBeVisible();
  const toggle = page.getByTestId('menu-toggle');
  if (!(await toggle.isVisible())) return false;
  await toggle.click();
  await expect(page.locator('.ant-drawer-open').getByTestId('tree-nav')).toBeVisible();
  return true;
}

/**
 * Follows a navigation entry (`nav-people`, `nav-audit`, …), opening the drawer first on a phone and waiting
 * until it has closed again (closing gives the focus back to the menu button, which would close a popup
 * opened meanwhile).
 */
export async function navigate(page: Page, testId: string): Promise<void> {
  const drawer = await openNav(page);
  await page.getByTestId(testId).click();
  if (drawer) await expect(page.getByTestId('tree-nav')).toBeHidden();
}

export interface TreeItem {
  title: string;
  depth: number;
}

/** The nodes the tree navigator shows (unfolded ones only), with their depth (0 = a root). */
export async function treeItems(page: Page): Promise<TreeItem[]> {
  const nav = page.getByTestId('tree-nav');
  await expect(nav.getByRole('treeitem').first()).toBeVisible();
  return nav.getByRole('treeitem').evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector('.ant-tree-title')?.textContent ?? '',
      depth: item.querySelectorAll('.ant-tree-indent-unit').length,
    })),
  );
}

/** The page is not wider than the screen: nothing sticks out sideways. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll, `page is ${widths.scroll}px wide on a ${widths.inner}px screen`).toBeLessThanOrEqual(widths.inner);
}

/** The text of a summary card (`summary-households` …) as a number. */
export async function summaryNumber(scope: Page | Locator, key: string): Promise<number> {
  const text = (await scope.getByTestId(`summary-${key}`).textContent()) ?? '';
  return Number(text.replace(/[^\d.-]/g, ''));
}

export interface TreeNode {
  id: number;
  name: string;
  level: 'street' | 'community' | 'compound' | 'building';
  children: TreeNode[];
}

/** An API client signed in as one user, sending the CSRF header on writes as the web app does. */
export class Api {
  private constructor(
    readonly context: APIRequestContext,
    private readonly csrf: string,
    private readonly baseURL: string,
  ) {}

  static async as(baseURL: string, username: string, password = DEMO_PASSWORD): Promise<Api> {
    const context = await request.newContext({ baseURL });
    const res = await context.post('/api/v1/auth/login', { data: { username, password } });
    expect(res.status(), `API login as ${username}`).toBe(200);
    const { cookies } = await context.storageState();
    const csrf = cookies.find((cookie) => cookie.name === 'xq_csrf')?.value ?? '';
    expect(csrf, 'the login sets the xq_csrf cookie').not.toBe('');
    return new Api(context, decodeURIComponent(csrf), baseURL);
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.context.get(`/api/v1${path}`);
    expect(res.status(), `GET ${path}`).toBe(200);
    return (await res.json()) as T;
  }

  async send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<T> {
    const res = await this.context.fetch(`/api/v1${path}`, { method, data, headers: { 'x-csrf-token': this.csrf } });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json().catch(() => null)) as T;
  }

  /**
   * Makes an account as this manager would, then lets its holder replace the manager-set password with
   * `password` (a password someone else set must be changed before anything else), so tests sign in as usual.
   */
  async createAccount(fields: { username: string; displayName: string; password: string }): Promise<{ id: number }> {
    const initial = `${fields.password}-set`;
    const account = await this.send<{ id: number }>('POST', '/accounts', { ...fields, password: initial });
    const holder = await Api.as(this.baseURL, fields.username, initial);
    await holder.send('POST', '/auth/password', { currentPassword: initial, newPassword: fields.password });
    await holder.dispose();
    return account;
  }

  async tree(): Promise<TreeNode[]> {
    return (await this.get<{ roots: TreeNode[] }>('/org/tree')).roots;
  }

  /** The id of the unit with this name (the first met, depth-first), under an optional parent name. */
  async unitId(name: string, parentName?: string): Promise<number> {
    const find = (nodes: TreeNode[], parent: string | null): TreeNode | undefined => {
      for (const node of nodes) {
        if (node.name === name && (parentName === undefined || parent === parentName)) return node;
        const found = find(node.children, node.name);
        if (found) return found;
      }
      return undefined;
    };
    const node = find(await this.tree(), null);
    expect(node, `unit ${parentName ? `${parentName} › ` : ''}${name} in the tree`).toBeDefined();
    return node?.id ?? -1;
  }

  async summary(unitId: number): Promise<Record<string, number>> {
    return this.get<Record<string, number>>(`/org/units/${unitId}/summary`);
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }
}

/** `apiAs(username)`: an API client signed in as that user, disposed of after the test. */
export const test = base.extend<{ apiAs: (username: string, password?: string) => Promise<Api> }>({
  apiAs: async ({ baseURL }, use) => {
    if (!baseURL) throw new Error('playwright.config.ts sets use.baseURL');
    const made: Api[] = [];
    await use(async (username, password) => {
      const api = await Api.as(baseURL, username, password);
      made.push(api);
      return api;
    });
    await Promise.all(made.map((api) => api.dispose()));
  },
});
