import type { Module } from '../../core/module.ts';
import { mediationRoutes } from './routes.ts';

export { mediationPolicy } from './policy.ts';
export { seedMediationDemo } from './seed.ts';
export const mediationModule: Module = { name: 'mediation', prefix: '/api/v1', routes: mediationRoutes };
