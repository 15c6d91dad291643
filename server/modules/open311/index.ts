import type { Module } from '../../core/module.ts';
import { open311KeyRoutes } from './keyRoutes.ts';
import { open311Routes } from './routes.ts';

// Open311 GeoReport v2 for outside clients, served beside the platform's API rather than inside it (no session,
// no page token: clients present an api_key), and the management of those keys inside the platform's API.
export const open311Module: Module = { name: 'open311', prefix: '/open311/v2', routes: open311Routes };
export const open311KeysModule: Module = { name: 'open311-keys', prefix: '/api/v1', routes: open311KeyRoutes };
