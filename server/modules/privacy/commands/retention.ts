import { recordAudit } from '../../../core/audit.ts';
import type { Services } from '../../../core/context.ts';
import { anonymiseReporter, closedReportsHoldingReporter } from '../../issues/index.ts';
import { scrubNotifications } from '../../notify/index.ts';
import { scrubberFor } from '../rules/scrub.ts';

/** What a reporter is called in the texts of their closed report once its retention period has ended. */
export const EXPIRED_REPORTER = '已匿名';
const BATCH = 200;
const DAY_MS = 86_400_000;

/**
 * Removes the reporter's name, phone and account link from issues closed longer ago than
 * XIAOQU_REPORTER_RETENTION_DAYS (保存期限, PIPL art. 19), and their name and phone from the issue's texts; the
 * issue and its history stay. One transaction and one `privacy.retention` audit row per issue (what was removed,
 * never the values). Does nothing when the period is 0. Returns how many issues it stripped.
 */
export async function runRetention(services: Services, requestId = 'timer'): Promise<number> {
  const days = services.config.reporterRetentionDays;
  if (days <= 0) return 0;
  const { db, cipher, clock } = services;
  const closedBefore = new Date(clock.now().getTime() - days * DAY_MS).toISOString();
  let stripped = 0;
  for (;;) {
    const rows = await closedReportsHoldingReporter(db, closedBefore, BATCH);
    for (const row of rows) {
      const phone = row.reporter_phone_enc ? cipher.decrypt(row.reporter_phone_enc) : null;
      const removed = [...(row.reporter_name ? ['reporterName'] : []), ...(phone ? ['reporterPhone'] : []), 'reporterAccount'];
      await db.transaction().execute(async (tx) => {
        const scrub = scrubberFor({ name: row.reporter_name ?? '', phone, idNumber: null }, EXPIRED_REPORTER);
        await anonymiseReporter(tx, { issueIds: [row.id], userIds: [], pseudonym: EXPIRED_REPORTER, reporterName: null, scrub });
        await scrubNotifications(tx, { issueIds: [row.id], closedUserIds: [], scrub });
        await recordAudit(tx, { actorName: 'system', requestId, clock }, { action: 'privacy.retention', subjectType: 'issue', subjectId: row.id, path: row.path, after: { removed, closedAt: row.closed_at, retentionDays: days } });
      });
      stripped += 1;
    }
    if (rows.length < BATCH) return stripped;
  }
}

const lastRuns = new WeakMap<Services['db'], number>();

/** The timer's entry: the retention sweep runs at most once a day per process (it reads every closed issue). */
export async function retentionTick(services: Services): Promise<number> {
  const now = services.clock.now().getTime();
  const last = lastRuns.get(services.db);
  if (last !== undefined && now - last < DAY_MS) return 0;
  lastRuns.set(services.db, now);
  return runRetention(services);
}
