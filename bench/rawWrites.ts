import crypto from 'node:crypto';
import SQLite from 'better-sqlite3';
import { startCheckpointer } from '../server/core/checkpointer.ts';

// The write ceiling of reporting an issue: the rows one report stores (the issue, its "report" and "assign"
// events, the audit row and the leader's notification), written to the same SQLite file by the fastest code
// there is: prepared statements, no HTTP, no query builder, no validation, 50 reports to a transaction (what
// the server's group commit does under 50 connections), checkpoints on a worker thread as in the server. What the server manages is judged against it as well
// as against the hello-world ceiling: no server can report faster than its database can store.

export interface RawWrites {
  reportsPerSec: number;
  /** Wall time per report, all in this process. */
  usPerReport: number;
  group: number;
}

export async function measureRawReportWrites(file: string, buildingIds: readonly number[], seconds: number, group = 50): Promise<RawWrites> {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const checkpointer = startCheckpointer(db, file);
  try {
    const template = db.prepare('select * from issues order by id desc limit 1').get() as Record<string, unknown> | undefined;
    if (!template) throw new Error('raw writes: the dataset has no issue to copy');
    const columns = Object.keys(template).filter((c) => c !== 'id');
    const placeOf = db.prepare(
      `select u.id, u.path, us.id as user_id, us.display_name from org_units u
         join building_leaders bl on bl.building_id = u.id join users us on us.resident_id = bl.resident_id where u.id = ? limit 1`,
    );
    const places = buildingIds.map((id) => placeOf.get(id) as { id: number; path: string; user_id: number; display_name: string } | undefined).filter((p) => p !== undefined);
    if (places.length === 0) throw new Error('raw writes: no building with a leader');
    const insertIssue = db.prepare(`insert into issues (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) returning id`);
    const insertEvent = db.prepare(
      `insert into issue_events (issue_id, at, actor_user_id, actor_name, action, from_status, to_status, comment, note, data_json, version) values (?, ?, ?, ?, ?, ?, ?, null, null, ?, ?)`,
    );
    const insertAudit = db.prepare(
      `insert into audit_log (at, actor_user_id, actor_name, action, subject_type, subject_id, path, before_json, after_json, request_id) values (?, null, 'bench', 'issue.report', 'issue', ?, ?, null, ?, ?)`,
    );
    const insertNotice = db.prepare(`insert into notifications (user_id, kind, issue_id, title, body, link, created_at, read_at) values (?, 'issue.new', ?, ?, ?, ?, ?, null)`);

    let n = 0;
    const writeOne = () => {
      const place = places[n % places.length];
      if (!place) return;
      n++;
      const at = new Date().toISOString();
      const row: Record<string, unknown> = {
        ...template,
        unit_id: place.id,
        path: place.path,
        compound_id: Number(place.path.split('/')[3]),
        household_id: null,
        public_token: crypto.randomBytes(18).toString('base64url'),
        status: 'assigned',
        open: 1,
        level: 'building',
        handler_kind: 'building_leader',
        handler_path: place.path,
        handler_body_id: null,
        handler_department_id: null,
        assignee_user_id: place.user_id,
        assignee_name: place.display_name,
        hotline_source_id: null,
        external_no: null,
        external_due_at: null,
        created_at: at,
        updated_at: at,
        dispatched_at: at,
      };
      const { id } = insertIssue.get(...columns.map((c) => row[c] ?? null)) as { id: number };
      insertEvent.run(id, at, null, 'bench', 'report', null, 'reported', '{"source":"station_visit","size":"small"}', 1);
      insertEvent.run(id, at, null, 'system', 'assign', 'reported', 'assigned', `{"auto":true,"level":"building","kind":"building_leader","name":"${place.display_name}"}`, 2);
      insertAudit.run(at, String(id), place.path, '{"title":"楼道堆放杂物","size":"small","status":"assigned"}', `raw-${n}`);
      insertNotice.run(place.user_id, id, '新问题：楼道堆放杂物', '楼栋 · 环境卫生', `/issues/${id}`, at);
    };
    const writeGroup = db.transaction(() => {
      for (let i = 0; i < group; i++) writeOne();
    });

    // A short warm-up, then as many groups as fit in the time.
    // The checkpointer's thread needs the event loop now and then (its messages), as it gets in the server.
    const yieldNow = () => new Promise((resolve) => setImmediate(resolve));
    const warmEnd = performance.now() + 1000;
    while (performance.now() < warmEnd) {
      writeGroup();
      await yieldNow();
    }
    n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      writeGroup();
      await yieldNow();
    }
    const ms = performance.now() - start;
    return { reportsPerSec: Math.round((n / ms) * 1000), usPerReport: Math.round((ms * 1000) / n), group };
  } finally {
    await checkpointer.stop();
    db.close();
  }
}
