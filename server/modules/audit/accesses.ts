import type { DbOrTx } from '../../core/db.ts';

/** One time someone saw a resident's phone or ID number in full, or took their record out of the system. */
export interface PersonalDataAccess {
  id: number;
  at: string;
  /** The username at the time. */
  actorName: string;
  /** The person's name as the account shows it now. */
  actorDisplayName: string | null;
  action: string;
  /** Whether the resident saw their own numbers. */
  self: boolean;
  after: unknown;
}

/** Actions that expose one resident's numbers, recorded with the resident as the subject. */
const ABOUT_RESIDENT = ['resident.reveal', 'privacy.export'];
/** Register exports of a whole node, which expose everyone's numbers below it when unmasked. */
const OF_REGISTER = 'org.export';

/**
 * Who saw a resident's numbers in full, and when (PIPL art. 45: the person may know how their data was used):
 * reveals and record exports with the resident as subject, and unmasked register exports of a node above them.
 * Newest first.
 */
export async function personalDataAccesses(db: DbOrTx, p: { residentId: number; ancestorPaths: readonly string[]; limit: number }): Promise<PersonalDataAccess[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_name', 'audit_log.action', 'audit_log.after_json', 'users.display_name', 'users.resident_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('audit_log.action', 'in', ABOUT_RESIDENT), eb('audit_log.subject_type', '=', 'resident'), eb('audit_log.subject_id', '=', String(p.residentId))]),
        ...(p.ancestorPaths.length ? [eb.and([eb('audit_log.action', '=', OF_REGISTER), eb('audit_log.path', 'in', p.ancestorPaths)])] : []),
      ]),
    )
    .orderBy('audit_log.id', 'desc')
    .limit(p.limit)
    .execute();
  return rows.flatMap((r) => {
    const after = r.after_json ? (JSON.parse(r.after_json) as unknown) : null;
    // A masked register export showed nobody's numbers.
    if (r.action === OF_REGISTER && !(typeof after === 'object' && after !== null && 'unmasked' in after && after.unmasked === true)) return [];
    return [{ id: r.id, at: r.at, actorName: r.actor_name, actorDisplayName: r.display_name, action: r.action, self: r.resident_id === p.residentId, after }];
  });
}
