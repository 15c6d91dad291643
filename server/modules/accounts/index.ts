import type { Module } from '../../core/module.ts';
import { accountsRoutes } from './routes.ts';

export { accountsPolicy } from './policy.ts';
// For the privacy module: a resident's accounts, and unlinking them on erasure.
export { accountsOfResident } from './queries.ts';
export { detachResidentAccounts } from './commands/detachResident.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, seedAccountsDemo } from './seed.ts';
export const accountsModule: Module = { name: 'accounts', prefix: '/api/v1', routes: accountsRoutes };
