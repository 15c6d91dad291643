import { contains, withinAny, type DbOrTx } from '../../core/db.ts';

/** Accounts a manager with these scopes may see: created under them, or holding a role inside them. */
export function listAccounts(db: DbOrTx, f: { scopes: string[]; q?: string; afterId: number | null; limit: number }) {
  let q = db
    .selectFrom('users as u')
    .select(['u.id', 'u.username', 'u.display_name', 'u.language', 'u.disabled', 'u.must_change_password', 'u.home_path'])
    .where((eb) =>
      eb.or([
        withinAny(eb, 'u.home_path', f.scopes),
        eb.exists(eb.selectFrom('role_grants as g').innerJoin('org_units as n', 'n.id', 'g.unit_id').select('g.id').whereRef('g.user_id', '=', 'u.id').where((e) => withinAny(e, 'n.path', f.scopes))),
      ]),
    );
  if (f.q) q = q.where((eb) => eb.or([contains('u.username', f.q ?? ''), contains('u.display_name', f.q ?? '')]));
  if (f.afterId !== null) q = q.where('u.id', '>', f.afterId);
  return q.orderBy('u.id').limit(f.limit + 1).execute();
}

export function getAccount(db: DbOrTx, id: number) {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'language', 'disabled', 'must_change_password', 'home_path']).where('id', '=', id).executeTakeFirst();
}

export function grantsOf(db: DbOrTx, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grants as g')
    .innerJoin('org_units as n', 'n.id', 'g.unit_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.unit_id', 'n.name as unit_name', 'n.path'])
    .where('g.user_id', 'in', userIds)
    .orderBy('g.id')
    .execute();
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof getAccount>>>;
export type GrantRow = Awaited<ReturnType<typeof grantsOf>>[number];

/** The accounts linked to a resident record (for the resident's own record under PIPL). */
export function accountsOfResident(db: DbOrTx, residentId: number) {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'language', 'disabled', 'created_at']).where('resident_id', '=', residentId).orderBy('id').execute();
}
