import type { Module } from '../core/module.ts';
import { pruneRateLimits } from '../core/rateLimits.ts';
import type { Job } from '../core/scheduler.ts';
import { accountsModule } from './accounts/index.ts';
import { auditModule, publishAuditHead, publishAuditHeadWhenDue } from './audit/index.ts';
import { authModule } from './auth/index.ts';
import { hotlineModule } from './hotline/index.ts';
import { issuesModule, runIssueTimers } from './issues/index.ts';
import { mediationModule } from './mediation/index.ts';
import { deliverDueWebhooks, notifyModule } from './notify/index.ts';
import { open311KeysModule, open311Module } from './open311/index.ts';
import { orgModule } from './org/index.ts';
import { privacyModule, retentionTick } from './privacy/index.ts';
import { systemModule } from './system/index.ts';

export const modules: Module[] = [systemModule, authModule, orgModule, accountsModule, auditModule, issuesModule, mediationModule, notifyModule, hotlineModule, open311KeysModule, open311Module, privacyModule];

/** What runs on the timer, in order. */
export const timerJobs: Job[] = [
  { name: 'issue-timers', run: (services) => runIssueTimers(services) },
  { name: 'webhook-deliveries', run: (services) => deliverDueWebhooks(services) },
  { name: 'rate-limit-prune', run: (services) => pruneRateLimits(services) },
  { name: 'privacy-retention', run: (services) => retentionTick(services) },
  { name: 'audit-chain-head', run: (services) => publishAuditHeadWhenDue(services) },
];

/** What the timer process runs once more as it stops. */
export const stopJobs: Job[] = [{ name: 'audit-chain-head', run: (services) => publishAuditHead(services) }];
