import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../core/audit.ts';
import { auditChainKeys, GENESIS, linkHash, rowContent, sealLegacyAuditRows } from '../../core/auditChain.ts';
import type { Db } from '../../core/db.ts';
import { inSharedTransaction } from '../../core/groupCommit.ts';
import { json, signIn, startTestApp, unitIdOf, type TestApp } from '../../test/harness.ts';
import { latestHead, publishAuditHead, publishAuditHeadWhenDue, type PublishedHead } from './heads.ts';
import { verifyAuditChain, type VerifyReport } from './verify.ts';

const run = promisify(execFile);

/** Runs statements as a database administrator would: past the append-only triggers. */
async function asAdministrator(t: TestApp, work: (db: Db) => Promise<unknown>): Promise<void> {
  if (t.kind === 'sqlite') {
    await sql`drop trigger if exists audit_log_no_update`.execute(t.services.db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(t.services.db);
    await work(t.services.db);
    return;
  }
  await t.services.db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await work(tx);
  });
}

/** Small batches, so that the walk crosses batch boundaries even on a short chain. */
const verify = (t: TestApp, head: PublishedHead | null) => verifyAuditChain(t.services.db, auditChainKeys(), { head, batch: 7 });

const auditCount = async (t: TestApp) => Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Writes `n` audit rows, each in its own transaction as commands do. */
async function writeRows(t: TestApp, n: number, prefix = 'test'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await t.services.db.transaction().execute((tx) => recordAudit(tx, { actorName: 'system', requestId: `${prefix}-${i}`, clock: t.clock }, { action: 'test.write', subjectType: 'test', subjectId: i, after: { i, note: '测试' } }));
  }
}

const rowAt = (t: TestApp, seq: number) => t.services.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

describe('the audit chain on the demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('verifies a clean demo over every row, through the API for a street admin only', async () => {
    const total = await auditCount(t);
    expect(total).toBeGreaterThan(0);
    expect(await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify' }).then((r) => r.statusCode)).toBe(401);
    const linqiong = await signIn(t.app, 'linqiong');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: linqiong.cookie } })).statusCode).toBe(403);
    const najin = await signIn(t.app, 'najin');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: najin.cookie } });
    expect(res.statusCode).toBe(200);
    const report = json<VerifyReport>(res);
    // Signing in wrote one more row.
    expect(report).toMatchObject({ ok: true, checked: total + 2, firstBroken: null, lastSeq: total + 2, legacy: { throughId: null, unsealed: 0 } });
  });

  it('stays gapless and valid under many parallel commands', async () => {
    const linqiong = await signIn(t.app, 'linqiong');
    const tf4 = await unitIdOf(t.services, '4号楼', '天峰祥和苑');
    const before = await auditCount(t);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/org/households', headers: linqiong.headers, payload: { buildingId: tf4, unitNo: 9, floor: 1 + (i % 6), room: `9${String(i).padStart(3, '0')}`, area: 80 } }),
      ),
    );
    expect(results.map((r) => r.statusCode).every((s) => s === 201 || s === 200)).toBe(true);
    // And straight transactions racing for the head (several connections on PostgreSQL).
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.services.db.transaction().execute((tx) => recordAudit(tx, { actorName: 'system', requestId: `race-${i}`, clock: t.clock }, { action: 'test.race', subjectType: 'test', subjectId: i }))));
    const total = await auditCount(t);
    expect(total).toBe(before + 60);
    const seqs = (await t.services.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await verify(t, null)).toMatchObject({ ok: true, checked: total, firstBroken: null });
  });

  it('leaves no hole when a write rolls back, alone or inside a shared transaction', async () => {
    const before = await auditCount(t);
    const entry = (i: number) => ({ action: 'test.rollback', subjectType: 'test', subjectId: i });
    const ctx = { actorName: 'system', requestId: 'rollback', clock: t.clock };
    await expect(
      t.services.db.transaction().execute(async (tx) => {
        await recordAudit(tx, ctx, entry(0));
        throw new Error('the command failed after its audit row');
      }),
    ).rejects.toThrow(/failed after/);
    // Arriving together these share one transaction on SQLite, each in its own savepoint; the middle one fails.
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        inSharedTransaction(t.services, async (tx) => {
          await recordAudit(tx, ctx, entry(i));
          if (i === 2) throw new Error('rolled back');
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await auditCount(t)).toBe(before + 2);
    const head = await t.services.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect(Number(head.seq)).toBe(before + 2);
    await writeRows(t, 1, 'after-rollback');
    expect(await verify(t, null)).toMatchObject({ ok: true, checked: before + 3 });
  });

  it('compares with the heads file, and answers 422 AUDIT_HEAD_INVALID for a head this deployment did not sign', async () => {
    const najin = await signIn(t.app, 'najin');
    const head = await publishAuditHead(t.services);
    const check = () => t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: najin.cookie } });
    const good = await check();
    expect(good.statusCode).toBe(200);
    expect(json<VerifyReport>(good)).toMatchObject({ ok: true, publishedHead: { seq: head.seq, at: head.at } });
    // Someone moved the published head on by hand, which needs the key to sign.
    fs.appendFileSync(t.services.config.auditHeadsFile, `${JSON.stringify({ ...head, seq: head.seq + 5 })}\n`);
    const bad = await check();
    expect(bad.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(bad).error.code).toBe('AUDIT_HEAD_INVALID');
  });
});

describe('tampering', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(async () => t.close());

  // Each case starts from a clean chain of its own: a fresh set of rows on a new app would cost a demo load each.
  async function freshChain(n: number): Promise<number> {
    await asAdministrator(t, async (db) => {
      await sql`delete from audit_log`.execute(db);
      await sql`update audit_chain_head set seq = 0, hash = ''`.execute(db);
    });
    await writeRows(t, n);
    const report = await verify(t, null);
    expect(report).toMatchObject({ ok: true, checked: n });
    return n;
  }

  it('finds an edited row as changed at that row', async () => {
    await freshChain(10);
    await asAdministrator(t, (db) => sql`update audit_log set after_json = '{"i":4,"note":"改过"}' where seq = 5`.execute(db));
    expect(await verify(t, null)).toMatchObject({ ok: false, checked: 4, firstBroken: { kind: 'changed', seq: 5, id: (await rowAt(t, 5)).id } });
  });

  it('publishes the signed head on the timer every configured interval, to the heads file', async () => {
    await freshChain(2);
    const file = t.services.config.auditHeadsFile;
    const lines = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').length : 0);
    const before = lines();
    await publishAuditHeadWhenDue(t.services);
    await publishAuditHeadWhenDue(t.services);
    expect(lines()).toBe(before + 1);
    await writeRows(t, 1, 'later');
    t.clock.advance(t.services.config.auditHeadMinutes * 60_000);
    await publishAuditHeadWhenDue(t.services);
    expect(lines()).toBe(before + 2);
    const chain = (await t.services.db.selectFrom('audit_chain_head').select('chain_id').executeTakeFirstOrThrow()).chain_id;
    expect(latestHead(file, chain)).toMatchObject({ chain, seq: 3, at: t.clock.now().toISOString() });
    expect(latestHead(file, 'another-chain')).toBeNull();
  });

  it('is checked by npm run audit:verify with the server’s settings: exit 0 when whole, 1 when broken', async () => {
    await freshChain(4);
    await publishAuditHead(t.services);
    const env = { ...process.env, DATABASE_URL: t.databaseUrl, XIAOQU_SECRET: 'test-secret', XIAOQU_AUDIT_HEADS_FILE: t.services.config.auditHeadsFile };
    const script = path.join(import.meta.dirname, '../../../scripts/audit-verify.ts');
    const verifyCli = () =>
      run(process.execPath, ['--import', 'tsx', script], { env }).then(
        (r) => ({ code: 0, report: JSON.parse(r.stdout) as VerifyReport }),
        (e: { code: number; stdout: string }) => ({ code: e.code, report: JSON.parse(e.stdout) as VerifyReport }),
      );
    expect(await verifyCli()).toMatchObject({ code: 0, report: { ok: true, checked: 4, publishedHead: { seq: 4 } } });
    await asAdministrator(t, (db) => sql`delete from audit_log where seq = 4`.execute(db));
    expect(await verifyCli()).toMatchObject({ code: 1, report: { ok: false, firstBroken: { kind: 'tail_missing', seq: 4 } } });
  }, 60_000);

  it('finds an edited last row as changed, the head row vouching for its hash', async () => {
    await freshChain(6);
    await asAdministrator(t, (db) => sql`update audit_log set actor_name = 'someone' where seq = 6`.execute(db));
    expect((await verify(t, null)).firstBroken).toMatchObject({ kind: 'changed', seq: 6 });
  });

  it('finds a deleted middle row as missing', async () => {
    await freshChain(10);
    const next = await rowAt(t, 5);
    await asAdministrator(t, (db) => sql`delete from audit_log where seq = 4`.execute(db));
    expect(await verify(t, null)).toMatchObject({ ok: false, checked: 3, firstBroken: { kind: 'missing', seq: 4, id: next.id } });
  });

  it('finds a back-dated insert with a made-up hash as forged, whether it claims a place in the chain or none', async () => {
    await freshChain(5);
    const forged = { at: '2026-01-01T00:00:00.000Z', actor_user_id: null, actor_name: 'najin', action: 'account.grant', subject_type: 'user', subject_id: '1', path: null, before_json: null, after_json: '{"role":"street_admin"}', request_id: 'x' };
    await asAdministrator(t, (db) => db.insertInto('audit_log').values({ ...forged, seq: 6, hash: 'ab'.repeat(32) }).execute());
    expect((await verify(t, null)).firstBroken).toMatchObject({ kind: 'forged', seq: 6 });

    await freshChain(5);
    await t.services.db.insertInto('audit_log').values({ ...forged, seq: null, hash: null }).execute();
    const id = (await t.services.db.selectFrom('audit_log').select('id').where('seq', 'is', null).executeTakeFirstOrThrow()).id;
    expect(await verify(t, null)).toMatchObject({ ok: false, checked: 5, firstBroken: { kind: 'forged', seq: null, id } });
  });

  it('finds a row put back into a deleted row’s place as forged', async () => {
    await freshChain(8);
    const original = await rowAt(t, 3);
    await asAdministrator(t, async (db) => {
      await sql`delete from audit_log where seq = 3`.execute(db);
      await db.insertInto('audit_log').values({ ...original, id: undefined, action: 'auth.logout', hash: 'cd'.repeat(32) }).execute();
    });
    expect((await verify(t, null)).firstBroken).toMatchObject({ kind: 'forged', seq: 3 });
  });

  it('finds a cut tail: by the head row, and by a published head when the head row was set back too', async () => {
    await freshChain(10);
    const published = await publishAuditHead(t.services);
    expect(published).toMatchObject({ seq: 10, hash: (await rowAt(t, 10)).hash });
    expect(latestHead(t.services.config.auditHeadsFile, published.chain)).toEqual(published);
    await asAdministrator(t, (db) => sql`delete from audit_log where seq > 7`.execute(db));
    expect(await verify(t, null)).toMatchObject({ ok: false, checked: 7, firstBroken: { kind: 'tail_missing', seq: 8 } });
    // Covering the tracks: the head row now agrees with the shortened chain, so only the published head can tell.
    const seven = await rowAt(t, 7);
    await asAdministrator(t, (db) => sql`update audit_chain_head set seq = 7, hash = ${seven.hash}`.execute(db));
    expect(await verify(t, null)).toMatchObject({ ok: true, checked: 7 });
    expect(await verify(t, published)).toMatchObject({ ok: false, checked: 7, firstBroken: { kind: 'tail_missing', seq: 8 } });
  });

  it('finds a chain rebuilt with the key as rewritten before a published head, and refuses a head it did not sign', async () => {
    await freshChain(6);
    const published = await publishAuditHead(t.services);
    // Someone holding the database and the secret edits row 2 and recomputes every hash after it.
    await asAdministrator(t, async (db) => {
      await sql`update audit_log set actor_name = 'someone' where seq = 2`.execute(db);
      let previous = GENESIS;
      for (const row of await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()) {
        const hash = linkHash(auditChainKeys().row, previous, rowContent({ ...row, seq: Number(row.seq) }));
        await db.updateTable('audit_log').set({ hash }).where('id', '=', row.id).execute();
        await db.updateTable('audit_chain_head').set({ hash }).execute();
        previous = hash;
      }
    });
    expect(await verify(t, null)).toMatchObject({ ok: true });
    expect((await verify(t, published)).firstBroken).toMatchObject({ kind: 'rewritten', seq: 6 });
    await expect(verify(t, { ...published, seq: 3 })).rejects.toThrow(/signature/);
  });
});

describe('rows written before the chain existed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(async () => t.close());

  it('are chained once at start-up (an update the append-only triggers admit), and a row added later without a hash is not', async () => {
    await writeRows(t, 2, 'new');
    // As migration 005 leaves an older database: rows without a place, the head recording which rows those are.
    for (let i = 0; i < 4; i++) {
      await t.services.db.insertInto('audit_log').values({ at: `2025-0${i + 1}-01T00:00:00.000Z`, actor_user_id: null, actor_name: 'system', action: 'old.write', subject_type: 'test', subject_id: String(i), path: null, before_json: null, after_json: `{"i":${i}}`, request_id: null }).execute();
    }
    const last = (await t.services.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    await t.services.db.updateTable('audit_chain_head').set({ legacy_through_id: last, sealed_at: null }).execute();
    expect(await verify(t, null)).toMatchObject({ ok: true, checked: 2, legacy: { throughId: last, sealedAt: null, unsealed: 4 } });

    expect(await sealLegacyAuditRows(t.services.db, auditChainKeys(), () => new Date('2026-11-27T04:00:00Z'))).toBe(4);
    expect(await sealLegacyAuditRows(t.services.db, auditChainKeys(), () => new Date())).toBe(0);
    expect(await verify(t, null)).toMatchObject({ ok: true, checked: 6, legacy: { throughId: last, sealedAt: '2026-11-27T04:00:00.000Z', unsealed: 0 } });
    // The triggers still refuse every other update, including giving a chained row another place.
    await expect(sql`update audit_log set action = 'x' where seq = 3`.execute(t.services.db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set seq = 99 where seq = 3`.execute(t.services.db)).rejects.toThrow(/append-only/);

    await t.services.db.insertInto('audit_log').values({ at: '2025-01-01T00:00:00.000Z', actor_user_id: null, actor_name: 'system', action: 'old.write', subject_type: 'test', subject_id: 'late', path: null, before_json: null, after_json: null, request_id: null }).execute();
    expect(await sealLegacyAuditRows(t.services.db, auditChainKeys(), () => new Date())).toBe(0);
    expect(await verify(t, null)).toMatchObject({ ok: false, checked: 6, firstBroken: { kind: 'forged', seq: null } });
  });
});
