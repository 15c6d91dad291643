import type { Module } from '../../core/module.ts';
import { accountsRoutes } from './routes.ts';

export { accountsPolicy } from './policy.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, seedAccountsDemo } from './seed.ts';
export const accountsModule: Module = { name: 'accounts', prefix: '/api/v1', routes: accountsRoutes };
