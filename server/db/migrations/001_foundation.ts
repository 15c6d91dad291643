import { Kysely, PostgresAdapter, sql, type ColumnDataType, type Expression } from 'kysely';

// Frozen: this file must keep producing the same schema forever. It never imports application code.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design */
type Db = Kysely<any>;

function dialect(db: Db): { id: ColumnDataType | Expression<unknown>; path: ColumnDataType | Expression<unknown>; blob: ColumnDataType; pg: boolean } {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    pg,
    id: pg ? 'serial' : 'integer',
    // Paths like /1/7/23/ are compared by byte order so "within" is a plain index range on both databases.
    path: pg ? sql`text collate "C"` : 'text',
    blob: pg ? 'bytea' : 'blob',
  };
}

export async function up(db: Db): Promise<void> {
  const d = dialect(db);
  const idCol = (name = 'id') => [name, d.id, (c: any) => (d.pg ? c.primaryKey() : c.primaryKey().autoIncrement())] as const;

  await db.schema.createTable('app_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('org_units')
    .addColumn(...idCol())
    .addColumn('parent_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', d.path, (c) => c.notNull().unique())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_units_parent').on('org_units').column('parent_id').execute();

  await db.schema.createTable('households')
    .addColumn(...idCol())
    .addColumn('building_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('unit_no', 'integer', (c) => c.notNull())
    .addColumn('floor', 'integer', (c) => c.notNull())
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('area', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('households_room_unique', ['building_id', 'unit_no', 'room'])
    .execute();
  await db.schema.createIndex('households_path').on('households').columns(['path', 'id']).execute();

  await db.schema.createTable('residents')
    .addColumn(...idCol())
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('id_no_enc', 'text')
    .addColumn('id_no_masked', 'text')
    .addColumn('id_no_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('residents_path').on('residents').columns(['path', 'id']).execute();
  await db.schema.createIndex('residents_household').on('residents').column('household_id').execute();
  await db.schema.createIndex('residents_id_no_hash').on('residents').column('id_no_hash').execute();
  await db.schema.createIndex('residents_phone_hash').on('residents').column('phone_hash').execute();

  await db.schema.createTable('bodies')
    .addColumn(...idCol())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('founded_on', 'text')
    .addColumn('term_start', 'text')
    .addColumn('term_end', 'text')
    .addColumn('company', 'text')
    .addColumn('contract_start', 'text')
    .addColumn('contract_end', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bodies_unit').on('bodies').column('unit_id').execute();

  await db.schema.createTable('body_members')
    .addColumn(...idCol())
    .addColumn('body_id', 'integer', (c) => c.notNull().references('bodies.id'))
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('body_members_body').on('body_members').column('body_id').execute();

  await db.schema.createTable('party_members')
    .addColumn(...idCol())
    .addColumn('resident_id', 'integer', (c) => c.notNull().unique().references('residents.id'))
    .addColumn('branch_id', 'integer', (c) => c.references('bodies.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('party_group', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_members_path').on('party_members').columns(['path', 'id']).execute();

  // 党员中心户: a party member who looks after a list of neighbouring households.
  await db.schema.createTable('central_households')
    .addColumn(...idCol())
    .addColumn('party_member_id', 'integer', (c) => c.notNull().unique().references('party_members.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('central_household_links')
    .addColumn('central_household_id', 'integer', (c) => c.notNull().references('central_households.id'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addPrimaryKeyConstraint('central_household_links_pk', ['central_household_id', 'household_id'])
    .execute();

  // 红色楼栋长: building leaders, appointed per building.
  await db.schema.createTable('building_leaders')
    .addColumn(...idCol())
    .addColumn('building_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('resident_id', 'integer', (c) => c.notNull().references('residents.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('appointed_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('building_leaders_unique', ['building_id', 'resident_id'])
    .execute();

  // 网格 and their 网格员; a grid covers compounds or buildings.
  await db.schema.createTable('grids')
    .addColumn(...idCol())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('worker_name', 'text', (c) => c.notNull())
    .addColumn('worker_user_id', 'integer')
    .execute();
  await db.schema.createTable('grid_units')
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addPrimaryKeyConstraint('grid_units_pk', ['grid_id', 'unit_id'])
    .execute();

  // 联户 groups (双联户): 10–15 neighbouring households with a 联户长.
  await db.schema.createTable('contact_groups')
    .addColumn(...idCol())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('path', d.path, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('leader_resident_id', 'integer', (c) => c.references('residents.id'))
    .execute();
  await db.schema.createTable('contact_group_households')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('contact_groups.id'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addPrimaryKeyConstraint('contact_group_households_pk', ['group_id', 'household_id'])
    .execute();

  // External handler bodies (住建, 城管, 派出所, 12345 …), outside the tree.
  await db.schema.createTable('departments')
    .addColumn(...idCol())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .execute();

  await db.schema.createTable('users')
    .addColumn(...idCol())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    // The node the account was created under: managers of that subtree see it even before it holds a role.
    .addColumn('home_path', d.path, (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('role_grants')
    .addColumn(...idCol())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('role_grants_unique', ['user_id', 'role', 'unit_id'])
    .execute();
  await db.schema.createIndex('role_grants_unit').on('role_grants').column('unit_id').execute();

  await db.schema.createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema.createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema.createTable('audit_log')
    .addColumn(...idCol())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('path', d.path)
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_log_path').on('audit_log').columns(['path', 'id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await db.schema.createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();

  await db.schema.createTable('import_reports')
    .addColumn(...idCol())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content', d.blob, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  if (d.pg) {
    // Append-only through the application is enforced in code; on PostgreSQL also by a trigger.
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('001_foundation cannot be reverted');
}
