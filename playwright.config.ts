import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (no browser download) against the real server on a fresh SQLite
// database with the Linqiong demo.
const port = Number(process.env.E2E_PORT ?? 3998);
const dataDir = `/tmp/xiaoqu-e2e-${port}`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: process.env.CI === 'true' ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    // Tests tagged @phone-only check what only a phone-width screen shows; the desktop project leaves them out.
    { name: 'desktop', grepInvert: /@phone-only/, use: { viewport: { width: 1280, height: 800 } } },
    { name: 'phone', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && node --import tsx server/main.ts`,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite:${dataDir}/xiaoqu.sqlite`,
      XIAOQU_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      // Every test reports from the same address (127.0.0.1) within minutes; the limits themselves are API-tested.
      XIAOQU_QR_REPORTS_PER_MINUTE: '60',
      XIAOQU_QR_REPORTS_PER_HOUR: '500',
      XIAOQU_QR_REPORTS_PER_BUILDING_HOUR: '500',
    },
  },
});
