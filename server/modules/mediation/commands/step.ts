import type { Updateable } from 'kysely';
import type { Ctx } from '../../../core/context.ts';
import type { Tx } from '../../../core/db.ts';
import { conflict, invalid, ruleBroken } from '../../../core/errors.ts';
import type { MediationCaseTable } from '../../../db/schema.ts';
import type { CaseRow } from '../queries.ts';
import { commandsAllowed, localDay, type CaseCommand, type DateProblem } from '../rules/cases.ts';

// What every step on a case shares: the version the client saw must still be current (optimistic locking, so
// two mediators cannot overwrite each other), and the case's state must admit the step.

export const staleVersion = () => conflict('STALE_VERSION', 'The case was changed by someone else meanwhile; reload it and try again');

/** Throws STALE_VERSION (409) for an outdated version, CASE_STATE (422) when the state does not admit the step. */
export function checkStep(found: CaseRow, version: number, command: CaseCommand): void {
  if (found.version !== version) throw staleVersion();
  if (!commandsAllowed(found.status).includes(command)) {
    throw ruleBroken('CASE_STATE', `A case that is ${found.status} does not allow ${command}`, { status: found.status, command });
  }
}

/** Writes the change only if nobody else did in between (the version is compared inside the transaction). */
export async function updateCase(tx: Tx, ctx: Ctx, found: CaseRow, changes: Updateable<MediationCaseTable>): Promise<void> {
  const result = await tx
    .updateTable('mediation_cases')
    .set({ ...changes, version: found.version + 1, updated_at: ctx.clock.now().toISOString() })
    .where('id', '=', found.id)
    .where('version', '=', found.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

export const today = (ctx: Ctx): string => localDay(ctx.clock.now());

/** Trimmed, NFC text; an empty result is a missing field. */
export function requiredText(value: string, path: string): string {
  const clean = value.normalize('NFC').trim();
  // The reason lets the web say it in the reader's language.
  const issue = { path, message: 'required', reason: 'required' };
  if (clean === '') throw invalid(`${path} is required`, [issue]);
  return clean;
}

export function optionalText(value: string | null | undefined): string | null {
  const clean = value?.normalize('NFC').trim() ?? '';
  return clean === '' ? null : clean;
}

export function throwDateProblems(problems: DateProblem[]): void {
  if (problems.length > 0) throw invalid(`The dates are not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}
