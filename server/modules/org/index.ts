import type { Module } from '../index.ts';
import { orgRoutes } from './routes.ts';

export { orgPolicy } from './policy.ts';
export const orgModule: Module = { name: 'org', prefix: '/api/v1', routes: orgRoutes };
