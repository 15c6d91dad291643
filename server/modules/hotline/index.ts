import type { Module } from '../../core/module.ts';
import { hotlineRoutes } from './routes.ts';

// 12345 政务服务便民热线: work orders come in as files, become routed issues keeping the hotline's order number
// and deadline, and the replies go back as a sheet. Open311 reads addresses the same way.
export { matchPlace } from './rules/places.ts';
export { placesWithin } from './queries.ts';
export const hotlineModule: Module = { name: 'hotline', prefix: '/api/v1', routes: hotlineRoutes };
