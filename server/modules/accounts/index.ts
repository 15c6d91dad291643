import type { Module } from '../index.ts';
import { accountsRoutes } from './routes.ts';

export { accountsPolicy } from './policy.ts';
export const accountsModule: Module = { name: 'accounts', prefix: '/api/v1', routes: accountsRoutes };
