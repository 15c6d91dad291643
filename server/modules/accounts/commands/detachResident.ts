import type { Tx } from '../../../core/db.ts';

/**
 * Unlinks the accounts of a resident whose record is being anonymised (删除权, PIPL art. 47). Their `resident`
 * roles go (they were the person's place as a resident). An account left with no other role belonged to the
 * person alone: it is disabled, its username and display name become the pseudonym (the username is often the
 * name in pinyin) and its sessions end. An account that still holds a working role keeps its name and stays
 * usable: the person works there, and staff records of who did what must keep naming them. Runs in the caller's
 * transaction and writes no audit row: the caller records one for the whole erasure.
 */
export async function detachResidentAccounts(tx: Tx, e: { residentId: number; pseudonym: string; at: string }): Promise<{ accounts: number[]; disabled: number[] }> {
  const users = await tx.selectFrom('users').select('id').where('resident_id', '=', e.residentId).orderBy('id').execute();
  const disabled: number[] = [];
  for (const { id } of users) {
    await tx.deleteFrom('role_grants').where('user_id', '=', id).where('role', '=', 'resident').execute();
    const other = await tx.selectFrom('role_grants').select('id').where('user_id', '=', id).executeTakeFirst();
    if (other) {
      await tx.updateTable('users').set({ resident_id: null, updated_at: e.at }).where('id', '=', id).execute();
      continue;
    }
    await tx.updateTable('users').set({ resident_id: null, disabled: 1, username: `erased-${id}`, display_name: e.pseudonym, updated_at: e.at }).where('id', '=', id).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    disabled.push(id);
  }
  return { accounts: users.map((u) => u.id), disabled };
}
