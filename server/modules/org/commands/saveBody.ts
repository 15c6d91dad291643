import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict, invalid, notFound, ruleBroken } from '../../../core/errors.ts';
import type { BodyKind } from '../../../db/schema.ts';
import { bodyDateProblems, positionProblem, type BodyDates } from '../rules/bodies.ts';
import { findBodyOfKind, getBody, membersOfBodies, type UnitRow } from '../queries.ts';

export interface BodyFields extends BodyDates {
  name?: string;
  company?: string | null;
}

type BodyRow = NonNullable<Awaited<ReturnType<typeof getBody>>>;

const columns = (f: BodyFields) => ({
  ...(f.name !== undefined ? { name: f.name.normalize('NFC').trim() } : {}),
  ...(f.foundedOn !== undefined ? { founded_on: f.foundedOn } : {}),
  ...(f.termStart !== undefined ? { term_start: f.termStart } : {}),
  ...(f.termEnd !== undefined ? { term_end: f.termEnd } : {}),
  ...(f.company !== undefined ? { company: f.company } : {}),
  ...(f.contractStart !== undefined ? { contract_start: f.contractStart } : {}),
  ...(f.contractEnd !== undefined ? { contract_end: f.contractEnd } : {}),
});

function checkDates(kind: BodyKind, d: BodyDates): void {
  const problems = bodyDateProblems(kind, d);
  if (problems.length > 0) throw invalid(`The dates are not valid: ${problems.map((p) => p.message).join('; ')}`, problems);
}

/** Founds a body of a compound (one of each kind). Throws BODY_EXISTS (409), INVALID_PARENT (422). */
export async function createBody(ctx: Ctx, compound: UnitRow, kind: BodyKind, fields: BodyFields & { name: string }): Promise<number> {
  if (compound.level !== 'compound') throw ruleBroken('INVALID_PARENT', 'Party branches, owners committees and property companies belong to a compound');
  checkDates(kind, fields);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    if (await findBodyOfKind(tx, compound.id, kind)) throw conflict('BODY_EXISTS', `This compound already has a ${kind}`);
    const row = await tx
      .insertInto('bodies')
      .values({ unit_id: compound.id, path: compound.path, kind, name: '', founded_on: null, term_start: null, term_end: null, company: null, contract_start: null, contract_end: null, ...columns(fields), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'body.create', subjectType: 'body', subjectId: row.id, path: compound.path, after: { kind, ...fields } });
    return row.id;
  });
}

/** Changes a body's name, dates or company. */
export async function updateBody(ctx: Ctx, body: BodyRow, fields: BodyFields): Promise<void> {
  const merged = {
    foundedOn: body.founded_on,
    termStart: body.term_start,
    termEnd: body.term_end,
    contractStart: body.contract_start,
    contractEnd: body.contract_end,
    ...fields,
  };
  checkDates(body.kind, merged);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('bodies').set({ ...columns(fields), updated_at: ctx.clock.now().toISOString() }).where('id', '=', body.id).execute();
    await recordAudit(tx, ctx, { action: 'body.update', subjectType: 'body', subjectId: body.id, path: body.path, before: body, after: { ...body, ...columns(fields) } });
  });
}

/** Adds a member with a position. Throws VALIDATION_FAILED for a position the body does not have, or a filled head. */
export async function addBodyMember(ctx: Ctx, body: BodyRow, input: { name: string; position: string; residentId?: number }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const held = (await membersOfBodies(tx, [body.id])).map((m) => m.position);
    const problem = positionProblem(body.kind, input.position, held);
    if (problem) throw invalid(problem, [{ path: 'position', message: problem }]);
    if (input.residentId) {
      const r = await tx.selectFrom('residents').select('path').where('id', '=', input.residentId).executeTakeFirst();
      if (!r || !r.path.startsWith(body.path)) throw notFound('resident');
    }
    const name = input.name.normalize('NFC').trim();
    const row = await tx
      .insertInto('body_members')
      .values({ body_id: body.id, resident_id: input.residentId ?? null, name, position: input.position, sort: held.length })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'body.member.add', subjectType: 'body', subjectId: body.id, path: body.path, after: { memberId: row.id, name, position: input.position } });
  });
}

/** Removes a member from a body. */
export async function removeBodyMember(ctx: Ctx, body: BodyRow, memberId: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const member = await tx.selectFrom('body_members').selectAll().where('id', '=', memberId).where('body_id', '=', body.id).executeTakeFirst();
    if (!member) throw notFound('member');
    await tx.deleteFrom('body_members').where('id', '=', memberId).execute();
    await recordAudit(tx, ctx, { action: 'body.member.remove', subjectType: 'body', subjectId: body.id, path: body.path, before: { memberId, name: member.name, position: member.position } });
  });
}
