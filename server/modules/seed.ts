import { recordAudit } from '../core/audit.ts';
import type { Services } from '../core/context.ts';
import { seedAccountsDemo } from './accounts/index.ts';
import { seedIssueDefaults, seedIssuesDemo, seedIssueStories } from './issues/index.ts';
import { seedMediationDemo } from './mediation/index.ts';
import { seedOrgDemo } from './org/index.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts/index.ts';

/**
 * Loads the Linqiong demo once, into an empty database, in one transaction. The marker row makes a restart (or
 * a second server starting at the same time on PostgreSQL) skip it: the insert of the marker is the claim.
 */
export async function loadDemoIfEmpty(services: Services): Promise<boolean> {
  const { db, clock, cipher } = services;
  const now = clock.now().toISOString();
  const loaded = await db.transaction().execute(async (tx) => {
    const claimed = await tx.insertInto('app_meta').values({ key: 'demo', value: now }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    const existing = await tx.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const refs = await seedOrgDemo(tx, cipher, now);
    await seedAccountsDemo(tx, refs, now);
    await seedIssuesDemo(tx, now);
    await seedMediationDemo(tx, refs, now);
    await recordAudit(tx, { actorName: 'system', requestId: 'seed', clock }, { action: 'demo.load', subjectType: 'org_unit', subjectId: refs.street, after: { demo: 'linqiong' } });
    return true;
  });
  // Told through the real commands, which open their own transactions.
  if (loaded) await seedIssueStories(services);
  return loaded;
}

/** Defaults every database needs (issue categories and deadlines); idempotent. */
export async function ensureDefaults(services: Services): Promise<void> {
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute((tx) => seedIssueDefaults(tx, now));
}
