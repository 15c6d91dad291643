import type { Module } from '../../core/module.ts';
import { auditRoutes } from './routes.ts';

export { auditPolicy } from './policy.ts';
export const auditModule: Module = { name: 'audit', prefix: '/api/v1', routes: auditRoutes };
