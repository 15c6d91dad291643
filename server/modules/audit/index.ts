import type { Module } from '../../core/module.ts';
import { auditRoutes } from './routes.ts';

export { auditPolicy } from './policy.ts';
// For the privacy module: the resident's view of who saw their numbers.
export { personalDataAccesses, type PersonalDataAccess } from './accesses.ts';
export { latestHead, publishAuditHead, publishAuditHeadWhenDue, type PublishedHead } from './heads.ts';
export { verifyAuditChain, HeadMismatchError, type VerifyReport } from './verify.ts';
export const auditModule: Module = { name: 'audit', prefix: '/api/v1', routes: auditRoutes };
