/**
 * The statement cache must give the same answers as preparing every time (SQLite: a prepared statement is reset and
 * rebound between runs, https://sqlite.org/c3ref/reset.html), stay correct after a schema change, never hand a
 * statement that is still being iterated to a second query, and stay bounded.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachingSqliteDatabase } from './sqlite-statement-cache.ts';

interface Db {
  t: { id: number; name: string };
}

describe('SQLite statement cache', () => {
  let raw: SQLite.Database;
  let kysely: Kysely<Db> | undefined;
  afterEach(async () => {
    await kysely?.destroy();
    kysely = undefined;
  });

  function open(size?: number) {
    raw = new SQLite(':memory:');
    const cache = cachingSqliteDatabase(raw, size);
    kysely = new Kysely<Db>({ dialect: new SqliteDialect({ database: cache }) });
    return { db: kysely, cache };
  }

  it('prepares one statement per SQL text and binds each call’s own values', async () => {
    const { db, cache } = open();
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    for (const [id, name] of [[1, 'a'], [2, 'b'], [3, 'c']] as const) await db.insertInto('t').values({ id, name }).execute();
    const before = cache.cached;
    const names = [];
    for (const id of [1, 2, 3, 2]) names.push((await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst())?.name);
    expect(names).toEqual(['a', 'b', 'c', 'b']);
    // One select text for four runs.
    expect(cache.cached).toBe(before + 1);
  });

  it('sees a column added after the statement was cached (better-sqlite3 re-prepares after a schema change)', async () => {
    const { db } = open();
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    await db.insertInto('t').values({ id: 1, name: 'a' }).execute();
    const all = () => db.selectFrom('t').selectAll().execute();
    expect(await all()).toEqual([{ id: 1, name: 'a' }]);
    await sql`alter table t add column extra text default 'x'`.execute(db);
    expect(await all()).toEqual([{ id: 1, name: 'a', extra: 'x' }]);
  });

  it('gives a fresh statement when the cached one is still being iterated', () => {
    raw = new SQLite(':memory:');
    const cache = cachingSqliteDatabase(raw);
    raw.exec('create table t (id integer primary key); insert into t values (1), (2);');
    const text = 'select id from t order by id';
    const first = cache.prepare(text);
    const outer: number[] = [];
    const inner: unknown[][] = [];
    for (const row of first.iterate([]) as IterableIterator<{ id: number }>) {
      outer.push(row.id);
      // The same text while the first run still holds its statement: a cached, busy statement would throw here.
      const second = cache.prepare(text);
      expect(second).not.toBe(first);
      inner.push(second.all([]));
    }
    expect(outer).toEqual([1, 2]);
    expect(inner).toEqual([[{ id: 1 }, { id: 2 }], [{ id: 1 }, { id: 2 }]]);
    // Once the iteration is over, the cached statement serves again.
    expect(cache.prepare(text)).toBe(first);
    raw.close();
  });

  it('holds at most its size, dropping the oldest statement first', async () => {
    const { db, cache } = open(3);
    for (let i = 0; i < 10; i++) await sql.raw(`select ${i} as n`).execute(db);
    expect(cache.cached).toBe(3);
    expect((await sql<{ n: number }>`select ${sql.lit(9)} as n`.execute(db)).rows).toEqual([{ n: 9 }]);
  });
});
