import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { authorize } from '../../core/policy.ts';
import { issuesPolicy } from '../issues/index.ts';
import { getSource, type SourceRow } from './queries.ts';

/** Loads a hotline source for someone who imports there; outside the actor's tree it does not exist (404). */
export async function sourceFor(ctx: Ctx, id: number): Promise<SourceRow> {
  const source = await getSource(ctx.db, id);
  if (!source) throw notFound('hotline source');
  authorize(ctx.actor, issuesPolicy['issues.import'], source.path, 'hotline source');
  return source;
}
