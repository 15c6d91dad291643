import { randomUUID } from 'node:crypto';
import { Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen. The audit log becomes a hash chain: each row gets its position in the chain (`seq`, gapless) and a
// keyed hash over the previous row's hash and its own content (`hash`). The key comes from the deployment's
// secret, which a migration cannot know, so rows that exist now are left unchained here and chained once by the
// application at its next start ("sealing"): `legacy_through_id` records which rows those are, so that a row
// inserted later without a hash is never mistaken for one of them.
//
// `audit_chain_head` holds one row: the last position and hash. Writers update it in the transaction of the
// audit row they add, which on PostgreSQL serialises writers of different servers (the row lock) and keeps the
// chain in insertion order; a rolled-back write takes its head change back with it. `chain_id` names this chain
// so a published head is never compared with another database's chain.
//
// A trigger keeps the head's hash in step with the row just inserted at the head's position (cheaper than a
// second statement from the application on every write); a row inserted at any other position leaves it alone.
//
// The append-only triggers now admit exactly one kind of UPDATE: sealing, which sets `seq` and `hash` on a row
// that had neither and changes nothing else.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design */
type Db = Kysely<any>;

const CONTENT = ['id', 'at', 'actor_user_id', 'actor_name', 'action', 'subject_type', 'subject_id', 'path', 'before_json', 'after_json', 'request_id'];

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('audit_log').addColumn('seq', pg ? 'bigint' : 'integer').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();

  await db.schema.createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('chain_id', 'text', (c) => c.notNull())
    .addColumn('seq', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('legacy_through_id', 'integer')
    .addColumn('sealed_at', 'text')
    .execute();
  const last = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  const legacy = last?.max == null ? null : Number(last.max);
  await db.insertInto('audit_chain_head').values({ id: 1, chain_id: randomUUID(), seq: 0, hash: '', legacy_through_id: legacy, sealed_at: null }).execute();

  if (pg) {
    await sql`create function audit_chain_follow() returns trigger language plpgsql as $$
      begin
        update audit_chain_head set hash = new.hash where id = 1 and seq = new.seq;
        return null;
      end $$`.execute(db);
    await sql`create trigger audit_chain_follow after insert on audit_log
      for each row when (new.seq is not null and new.hash is not null) execute function audit_chain_follow()`.execute(db);
    const same = CONTENT.map((c) => `new.${c} is not distinct from old.${c}`).join(' and ');
    await sql.raw(`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and old.seq is null and old.hash is null and new.seq is not null and new.hash is not null and ${same} then
          return new;
        end if;
        raise exception 'audit_log is append-only';
      end $$`).execute(db);
  } else {
    await sql`create trigger audit_chain_follow after insert on audit_log
      when new.seq is not null and new.hash is not null
      begin update audit_chain_head set hash = new.hash where id = 1 and seq = new.seq; end`.execute(db);
    const same = CONTENT.map((c) => `new.${c} is old.${c}`).join(' and ');
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql.raw(`create trigger audit_log_no_update before update on audit_log
      when not (old.seq is null and old.hash is null and new.seq is not null and new.hash is not null and ${same})
      begin select raise(abort, 'audit_log is append-only'); end`).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('005_audit_chain cannot be reverted');
}
