import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { invalid, notFound, ruleBroken } from '../../../core/errors.ts';
import { authorize, canSee } from '../../../core/policy.ts';
import type { UnitRow } from '../../org/index.ts';
import { mediationPolicy } from '../policy.ts';
import { getVolunteer, issuePath, residentPath } from '../queries.ts';
import { MEDIATION_TEAM, mediatorServes, partyProblems } from '../rules/cases.ts';
import { isServing } from '../rules/volunteers.ts';
import type { CreateCaseBody } from '../schemas.ts';
import { optionalText, requiredText } from './step.ts';
import { volunteerEnded } from './volunteer.ts';

/** The mediator: a serving volunteer of the 矛盾调解 team of the case's compound, or a named staff member. */
async function mediatorOf(ctx: Ctx, unit: UnitRow, input: CreateCaseBody): Promise<{ volunteerId: number | null; name: string }> {
  if (input.mediatorVolunteerId) {
    const volunteer = await getVolunteer(ctx.db, input.mediatorVolunteerId);
    if (!volunteer || !canSee(ctx.actor, volunteer.path)) throw notFound('volunteer');
    // Someone whose service ended is no longer on the team; the cases they mediated before keep them.
    if (!isServing(volunteer)) throw volunteerEnded();
    if (volunteer.team !== MEDIATION_TEAM) throw ruleBroken('NOT_A_MEDIATOR', 'The volunteer is not on the mediation team');
    if (!mediatorServes(volunteer.path, unit.path)) throw ruleBroken('MEDIATOR_OUT_OF_AREA', 'The volunteer mediates in another compound');
    return { volunteerId: volunteer.id, name: volunteer.name };
  }
  const name = optionalText(input.mediatorName);
  const issue = { path: 'mediatorName', message: 'a mediator (volunteer or named staff member) is required', reason: 'required' };
  if (!name) throw invalid('A mediator is required', [issue]);
  return { volunteerId: null, name };
}

/**
 * Opens a mediation case (立案) at a community, compound or building, with its parties. Throws VALIDATION_FAILED
 * (400) for missing text or parties, NOT_FOUND (404) for a linked issue, resident or volunteer outside the
 * caller's part of the tree, INVALID_PARENT (422) for a street, VOLUNTEER_ENDED, NOT_A_MEDIATOR and
 * MEDIATOR_OUT_OF_AREA (422).
 */
export async function createCase(ctx: Ctx, unit: UnitRow, input: CreateCaseBody): Promise<number> {
  if (unit.level === 'street') throw ruleBroken('INVALID_PARENT', 'A case belongs to a community, a compound or a building');
  const title = requiredText(input.title, 'title');
  const facts = requiredText(input.facts, 'facts');
  const dispute = requiredText(input.dispute, 'dispute');
  const problems = partyProblems(input.parties);
  if (problems.length > 0) throw invalid(`The parties are not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);

  if (input.issueId) {
    const issue = await issuePath(ctx.db, input.issueId);
    if (!issue) throw notFound('issue');
    authorize(ctx.actor, mediationPolicy['mediation.write'], issue.path, 'issue');
  }
  for (const party of input.parties) {
    if (!party.residentId) continue;
    const resident = await residentPath(ctx.db, party.residentId);
    if (!resident || !canSee(ctx.actor, resident.path)) throw notFound('resident');
  }
  const mediator = await mediatorOf(ctx, unit, input);

  const now = ctx.clock.now().toISOString();
  const parties = input.parties.map((p, sort) => ({
    role: p.role,
    name: p.name.normalize('NFC').trim(),
    resident_id: p.residentId ?? null,
    gender: p.gender ?? null,
    ethnicity: optionalText(p.ethnicity),
    address: optionalText(p.address),
    sort,
  }));
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('mediation_cases')
      .values({
        issue_id: input.issueId ?? null,
        unit_id: unit.id,
        path: unit.path,
        title,
        kind: input.kind,
        facts,
        dispute,
        mediator_volunteer_id: mediator.volunteerId,
        mediator_name: mediator.name,
        status: 'open',
        terms: null,
        performance: null,
        perform_by: null,
        outcome_note: null,
        agreed_on: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('mediation_parties')
      .values(parties.map((p) => ({ ...p, case_id: row.id })))
      .execute();
    await recordAudit(tx, ctx, {
      action: 'mediation.create',
      subjectType: 'mediation_case',
      subjectId: row.id,
      path: unit.path,
      after: { title, kind: input.kind, issueId: input.issueId ?? null, mediator: mediator.name, parties: parties.map((p) => ({ role: p.role, name: p.name })) },
    });
    return row.id;
  });
}
