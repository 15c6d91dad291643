import type { FastifyPluginAsync } from 'fastify';

/** A capability as the app sees it: its routes under a prefix. */
export interface Module {
  name: string;
  prefix: string;
  routes: FastifyPluginAsync;
}
