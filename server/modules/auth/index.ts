import type { Module } from '../../core/module.ts';
import { authRoutes } from './routes.ts';

export const authModule: Module = { name: 'auth', prefix: '/api/v1', routes: authRoutes };
