import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { deriveChainKeys } from '../server/core/auditChain.ts';
import { loadConfig } from '../server/core/config.ts';
import { resolveSecret } from '../server/core/crypto.ts';
import { openDatabase } from '../server/core/db.ts';
import { latestHead, verifyAuditChain, type PublishedHead } from '../server/modules/audit/index.ts';

// Checks the audit chain of the database the server would open (DATABASE_URL, XIAOQU_DATA_DIR) with the key the
// server would use (XIAOQU_SECRET, else the key file in the data directory), and prints the report as JSON.
// Exit code: 0 the chain is whole, 1 it is broken, 2 it could not be checked.

const USAGE = `usage: npm run audit:verify -- [--head FILE | --no-head]
  --head FILE   compare with the last head of this chain in FILE (a heads file or the server's log)
                (default: XIAOQU_AUDIT_HEADS_FILE, i.e. data/audit-heads.jsonl, when it exists)
  --no-head     compare with no published head`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { head: { type: 'string' }, 'no-head': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  // Never create a key here (the server would, on an empty data directory): a new key verifies nothing.
  if (!config.secret && !fs.existsSync(path.join(config.dataDir, 'secret.key'))) {
    throw new Error(`no key: set XIAOQU_SECRET or XIAOQU_DATA_DIR to the deployment's (no ${path.join(config.dataDir, 'secret.key')})`);
  }
  const keys = deriveChainKeys(resolveSecret(config.secret, config.dataDir));
  const handle = openDatabase(config.databaseUrl);
  try {
    const row = await handle.db.selectFrom('audit_chain_head').select('chain_id').where('id', '=', 1).executeTakeFirst();
    if (!row) throw new Error('the audit chain has no head row');
    let head: PublishedHead | null = null;
    if (values.head !== undefined) {
      if (!fs.existsSync(values.head)) throw new Error(`no such file: ${values.head}`);
      head = latestHead(values.head, row.chain_id);
      if (!head) throw new Error(`${values.head} holds no head of this database's chain (${row.chain_id})`);
    } else if (!values['no-head']) {
      head = latestHead(config.auditHeadsFile, row.chain_id);
    }
    const report = await verifyAuditChain(handle.db, keys, { head });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stdout.write(`${JSON.stringify({ ok: null, error: err instanceof Error ? err.message : String(err) })}\n`);
    process.exit(2);
  },
);
