import type { Module } from '../../core/module.ts';
import { orgRoutes } from './routes.ts';

export { cachedUnit } from './access.ts';
export { orgPolicy } from './policy.ts';
export { getHousehold, getResident, getUnit, type UnitRow } from './queries.ts';
// For the privacy module: a resident's own household, and erasure on request.
export { householdLabel, residentsOfHousehold, type HouseholdRow, type ResidentRow } from './queries.ts';
export { anonymiseResident, type ErasedResidentField } from './commands/anonymiseResident.ts';
export { seedOrgDemo, type OrgDemoRefs } from './seed.ts';
export const orgModule: Module = { name: 'org', prefix: '/api/v1', routes: orgRoutes };
