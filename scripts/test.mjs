// `npm test`: lint, type-check, unit and API tests on SQLite, the API tests again on PostgreSQL when
// TEST_DATABASE_URL is set, and browser tests when Chromium is found. With CI=true nothing may be skipped.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureWebBuilt } from './build-web.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ran = [];
const skipped = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(r.status ?? 1);
  }
  ran.push(`${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

function skip(name, why) {
  if (ci) {
    console.error(`\n✖ ${name} cannot be skipped with CI=true: ${why}`);
    process.exit(1);
  }
  skipped.push(`${name}: ${why}`);
}

step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
step('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('unit and API tests (SQLite)', bin('vitest'), ['run'], { XQ_TEST_DB: 'sqlite' });

if (process.env.TEST_DATABASE_URL) {
  step('API tests (PostgreSQL)', bin('vitest'), ['run', 'api.test'], { XQ_TEST_DB: 'postgres' });
} else {
  skip('API tests on PostgreSQL', 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');
}

if (fs.existsSync(chromium)) {
  ensureWebBuilt();
  step('browser tests (Chromium)', bin('playwright'), ['test'], { CHROMIUM_PATH: chromium });
} else {
  skip('browser tests', `no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

console.log('\n✔ passed:');
for (const r of ran) console.log(`  - ${r}`);
if (skipped.length > 0) {
  console.log('\n⚠ skipped:');
  for (const s of skipped) console.log(`  - ${s}`);
}
