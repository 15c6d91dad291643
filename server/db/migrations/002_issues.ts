import { Kysely, PostgresAdapter, sql, type ColumnDataType, type Expression } from 'kysely';

// Frozen: this file must keep producing the same schema forever. It never imports application code.
// 难点问题解在小区: issues and their events, categories, routing, deadlines and the working calendar,
// notifications and outgoing webhooks, the 12345 hotline sources, Open311 keys, volunteers and mediation.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design */
type Db = Kysely<any>;

function dialect(db: Db): { id: ColumnDataType | Expression<unknown>; path: ColumnDataType | Expression<unknown>; blob: ColumnDataType; pg: boolean } {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return { pg, id: pg ? 'serial' : 'integer', path: pg ? sql`text collate "C"` : 'text', blob: pg ? 'bytea' : 'blob' };
}

async function appendOnly(db: Db, pg: boolean, table: string): Promise<void> {
  if (pg) {
    await sql.raw(`create or replace function append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', TG_TABLE_NAME; end $$`).execute(db);
    await sql.raw(`create trigger ${table}_no_change before update or delete on ${table} for each row execute function append_only()`).execute(db);
  } else {
    await sql.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db);
    await sql.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db);
  }
}

export async function up(db: Db): Promise<void> {
  const d = dialect(db);
  const idCol = (name = 'id') => [name, d.id, (c: any) => (d.pg ? c.primaryKey() : c.primaryKey().autoIncrement())] as const;

  // A tree of categories; size is 小事 small / 大事 major / 难事 hard.
  await db.schema.createTable('issue_categories')
    .addColumn(...idCol())
    .addColumn('parent_id', 'integer', (c) => c.references('issue_categories.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_bo', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('default_size', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Which compound body handles a 大事 of a category (物业, 业委会, 小区党支部), per compound.
  await db.schema.createTable('issue_routes')
    .addColumn(...idCol())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('issue_categories.id'))
    .addColumn('body_kind', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('issue_routes_unique', ['unit_id', 'category_id'])
    .execute();

  // 办理时限 per handling level and category, in working minutes; null minutes means "the same working day".
  await db.schema.createTable('issue_deadline_rules')
    .addColumn(...idCol())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('issue_categories.id'))
    .addColumn('working_minutes', 'integer')
    .addColumn('remind_before_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('issue_deadline_rules_unique', ['level', 'category_id'])
    .execute();

  // The holiday table: days off on weekdays and 调休 working days on weekends.
  await db.schema.createTable('calendar_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('hotline_sources')
    .addColumn(...idCol())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hotline_sources_unique', ['unit_id', 'name'])
    .execute();

  await db.schema.createTable('issues')
    .addColumn(...idCol())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('issue_categories.id'))
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('size', 'text', (c) => c.notNull())
    // Where: the unit (building or compound) and its path; a room or a common area within it.
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('compound_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('place_kind', 'text', (c) => c.notNull())
    .addColumn('place_note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reporter_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_phone_enc', 'text')
    .addColumn('reporter_phone_masked', 'text')
    .addColumn('show_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('public_token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    // Who holds it now: a level, a kind of handler and where it sits in the tree (or a department).
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('handler_kind', 'text', (c) => c.notNull())
    .addColumn('handler_path', d.path, (c) => c.notNull())
    .addColumn('handler_body_id', 'integer', (c) => c.references('bodies.id'))
    .addColumn('handler_department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('assignee_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('assignee_name', 'text')
    .addColumn('dispatched_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('remind_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('overdue_at', 'text')
    .addColumn('supervision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supervision_path', d.path)
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_requested_minutes', 'integer')
    .addColumn('merged_into_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('reject_reason', 'text')
    .addColumn('reply', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('rate_by', 'text')
    .addColumn('rating', 'text')
    .addColumn('rating_comment', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('hotline_source_id', 'integer', (c) => c.references('hotline_sources.id'))
    .addColumn('external_no', 'text')
    .addColumn('external_due_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('issues_external_unique', ['hotline_source_id', 'external_no'])
    .execute();
  await db.schema.createIndex('issues_open_path').on('issues').columns(['open', 'path', 'id']).execute();
  await db.schema.createIndex('issues_path').on('issues').columns(['path', 'id']).execute();
  await db.schema.createIndex('issues_handler').on('issues').columns(['open', 'handler_path', 'id']).execute();
  await db.schema.createIndex('issues_assignee').on('issues').columns(['assignee_user_id', 'open', 'id']).execute();
  await db.schema.createIndex('issues_reporter').on('issues').columns(['reporter_user_id', 'id']).execute();
  await db.schema.createIndex('issues_due').on('issues').columns(['open', 'due_at']).execute();
  await db.schema.createIndex('issues_rate_by').on('issues').column('rate_by').execute();

  // Every transition, immutable: who, when, what the resident sees (comment) and what only staff see (note).
  await db.schema.createTable('issue_events')
    .addColumn(...idCol())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('note', 'text')
    .addColumn('data_json', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('issue_events_issue').on('issue_events').columns(['issue_id', 'id']).execute();
  await appendOnly(db, d.pg, 'issue_events');

  await db.schema.createTable('issue_photos')
    .addColumn(...idCol())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('event_id', 'integer', (c) => c.references('issue_events.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', d.blob, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('issue_photos_issue').on('issue_photos').columns(['issue_id', 'id']).execute();

  // Events other capabilities consume (a 难事 waiting for the next 四方议事 meeting, …).
  await db.schema.createTable('domain_events')
    .addColumn(...idCol())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('subject_id', 'integer')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('domain_events_type').on('domain_events').columns(['type', 'id']).execute();

  // Timed work (reminders, overdue, unrated): one process at a time holds the lease.
  await db.schema.createTable('scheduler_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('notifications')
    .addColumn(...idCol())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();

  await db.schema.createTable('webhooks')
    .addColumn(...idCol())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_path').on('webhooks').columns(['path', 'id']).execute();

  await db.schema.createTable('webhook_deliveries')
    .addColumn(...idCol())
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_hook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();

  // Open311 clients: a key (stored hashed) scoped to a unit of the tree.
  await db.schema.createTable('api_keys')
    .addColumn(...idCol())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  // 志愿者 by team (矛盾调解 mediation, …); a volunteer may or may not be a registered resident.
  await db.schema.createTable('volunteers')
    .addColumn(...idCol())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteers_path').on('volunteers').columns(['path', 'id']).execute();

  // 让三尺 mediation: a dispute with its parties, sessions, agreement (调解协议书) and return visits (回访).
  await db.schema.createTable('mediation_cases')
    .addColumn(...idCol())
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('dispute', 'text', (c) => c.notNull())
    .addColumn('mediator_volunteer_id', 'integer', (c) => c.references('volunteers.id'))
    .addColumn('mediator_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('terms', 'text')
    .addColumn('performance', 'text')
    .addColumn('perform_by', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('agreed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mediation_cases_path').on('mediation_cases').columns(['path', 'id']).execute();

  await db.schema.createTable('mediation_parties')
    .addColumn(...idCol())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('gender', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('address', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('mediation_parties_case').on('mediation_parties').column('case_id').execute();

  await db.schema.createTable('mediation_sessions')
    .addColumn(...idCol())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mediation_sessions_case').on('mediation_sessions').column('case_id').execute();

  await db.schema.createTable('mediation_visits')
    .addColumn(...idCol())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('visitor_name', 'text', (c) => c.notNull())
    .addColumn('honoured', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mediation_visits_case').on('mediation_visits').column('case_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('002_issues cannot be reverted');
}
