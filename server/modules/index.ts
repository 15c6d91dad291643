import type { Module } from '../core/module.ts';
import { accountsModule } from './accounts/index.ts';
import { auditModule } from './audit/index.ts';
import { authModule } from './auth/index.ts';
import { orgModule } from './org/index.ts';
import { systemModule } from './system/index.ts';

export const modules: Module[] = [systemModule, authModule, orgModule, accountsModule, auditModule];
