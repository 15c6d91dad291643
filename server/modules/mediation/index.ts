import type { Module } from '../../core/module.ts';
import { mediationRoutes } from './routes.ts';

export { mediationPolicy } from './policy.ts';
export { seedMediationDemo } from './seed.ts';
// For the privacy module: a resident's cases, and erasure on request.
export { casesOfResident, type ResidentCaseRow } from './queries.ts';
export { anonymiseMediationParty } from './commands/anonymiseParty.ts';
export const mediationModule: Module = { name: 'mediation', prefix: '/api/v1', routes: mediationRoutes };
