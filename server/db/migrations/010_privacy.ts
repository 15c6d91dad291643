import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen. Erasure on request (删除权, PIPL art. 47) must reach the personal content of an issue's timeline: who acted
// (a resident's name), what they were told and the internal notes. What happened stays immutable: the issue, the
// time, the account, the action, the statuses and the version of every event still cannot change, and events
// still cannot be deleted. Only actor_name, comment, note and data_json may be rewritten (by the erasure command,
// the one update of events in the application).

const IMMUTABLE = ['id', 'issue_id', 'at', 'actor_user_id', 'action', 'from_status', 'to_status', 'version'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against Kysely<any>
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const changed = IMMUTABLE.map((c) => `new.${c} is distinct from old.${c}`).join(' or ');
    await sql
      .raw(
        `create function issue_events_guard() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' then raise exception 'issue_events is append-only'; end if;
          if ${changed} then raise exception 'issue_events is append-only'; end if;
          return new;
        end $$`,
      )
      .execute(db);
    await sql`drop trigger issue_events_no_change on issue_events`.execute(db);
    await sql`create trigger issue_events_no_change before update or delete on issue_events for each row execute function issue_events_guard()`.execute(db);
    return;
  }
  const changed = IMMUTABLE.map((c) => `new.${c} is not old.${c}`).join(' or ');
  await sql`drop trigger issue_events_no_update`.execute(db);
  await sql.raw(`create trigger issue_events_no_update before update on issue_events when ${changed} begin select raise(abort, 'issue_events is append-only'); end`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('010_privacy cannot be reverted');
}
