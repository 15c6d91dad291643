import type { FastifyPluginAsync } from 'fastify';
import { accountsModule } from './accounts/index.ts';
import { auditModule } from './audit/index.ts';
import { authModule } from './auth/index.ts';
import { orgModule } from './org/index.ts';
import { systemModule } from './system/index.ts';

/** A capability as the app sees it: its routes under a prefix. Seeds are listed in core/seed order. */
export interface Module {
  name: string;
  prefix: string;
  routes: FastifyPluginAsync;
}

export const modules: Module[] = [systemModule, authModule, orgModule, accountsModule, auditModule];
