import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tablesOf, withStatementCache } from './db.ts';

describe('tablesOf', () => {
  it('finds the tables a statement names, quoted or not, in joins and subqueries', () => {
    expect(tablesOf('select * from "issues" inner join "org_units" as "u" on "u"."id" = "issues"."unit_id" left join "bodies" as "b" on 1')).toEqual(['issues', 'org_units', 'bodies']);
    expect(tablesOf('insert into "issue_events" ("a") values (?) returning "id"')).toEqual(['issue_events']);
    expect(tablesOf('update issues set x = (select y from calendar_days)')).toEqual(['issues', 'calendar_days']);
    expect(tablesOf('delete from "sessions" where "token_hash" = ?')).toEqual(['sessions']);
  });
});

describe('the statement cache', () => {
  it('keeps results of tables nobody wrote, and never serves a stale row', () => {
    const conn = new SQLite(':memory:');
    conn.exec('create table a (v integer); create table b (v integer); insert into a values (1); insert into b values (1);');
    const { database, generation } = withStatementCache(conn);
    const readA = () => database.prepare('select "v" from "a"').all([]) as { v: number }[];
    expect(readA()).toEqual([{ v: 1 }]);
    const genA = generation(['a']);
    database.prepare('update "b" set "v" = 2').run([]);
    expect(generation(['a'])).toBe(genA);
    expect(generation()).not.toBe(0);
    database.prepare('update "a" set "v" = 3').run([]);
    expect(generation(['a'])).not.toBe(genA);
    expect(readA()).toEqual([{ v: 3 }]);
  });

  it('forgets everything read inside a transaction that is rolled back', () => {
    const conn = new SQLite(':memory:');
    conn.exec('create table a (v integer); insert into a values (1);');
    const { database } = withStatementCache(conn);
    const readA = () => (database.prepare('select "v" from "a"').all([]) as { v: number }[])[0]?.v;
    database.prepare('begin').run([]);
    database.prepare('update "a" set "v" = 5').run([]);
    expect(readA()).toBe(5);
    database.prepare('rollback').run([]);
    expect(readA()).toBe(1);
  });
});
