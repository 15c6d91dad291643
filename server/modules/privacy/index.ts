import type { Module } from '../../core/module.ts';
import { privacyRoutes } from './routes.ts';

// PIPL (个人信息保护法): a person sees what is held about them; staff export a record and anonymise it on request.
export { privacyPolicy, type PrivacyAction } from './policy.ts';
export { retentionTick, runRetention } from './commands/retention.ts';
export const privacyModule: Module = { name: 'privacy', prefix: '/api/v1', routes: privacyRoutes };
