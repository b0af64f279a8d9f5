/**
 * Indexes on tables that hold data are built online after the migrations (src/db/online-indexes.ts, decision 0014).
 * PostgreSQL manual, CREATE INDEX: a plain build "locks out writes (but not reads) on the table until it's done";
 * "Building Indexes Concurrently" does not, and cannot run inside a transaction block.
 *
 * - Both engines: after the migrations every declared index exists (valid on PostgreSQL), and a second run builds
 *   nothing.
 * - PostgreSQL: while a transaction that wrote to the table is still open, a plain CREATE INDEX waits for it and every
 *   new write queues behind the build (lock_timeout trips); during the online build, new writes go through at once.
 * - PostgreSQL: a unique build that fails on duplicates says which index, leaves it invalid, and the next run drops
 *   and builds it again once the duplicates are gone.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrations.ts';
import { buildOnlineIndexes, ONLINE_INDEXES } from '../../src/db/online-indexes.ts';
import { DIALECTS, freshDatabaseUrl } from '../support/dialects.ts';

const opened: { close(): Promise<unknown> | unknown }[] = [];
afterEach(async () => {
  for (const c of opened.splice(0).reverse()) await c.close();
});

async function migrated(dialect: (typeof DIALECTS)[number]): Promise<{ db: Db; url?: string }> {
  const target = await freshDatabaseUrl(dialect);
  const db = openDatabase(target);
  opened.push({ close: () => db.close() });
  await migrateToLatest(db.db, db.dialect);
  return { db, url: target.kind === 'postgres' ? target.url : undefined };
}

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  opened.push({ close: () => c.end() });
  return c;
}

const insertJob = (c: pg.Client, singletonKey: string | null = null) =>
  c.query(`insert into jobs (type, payload, status, attempts, max_attempts, run_at, created_at, singleton_key) values ('probe', '{}', 'queued', 0, 1, $1, $1, $2)`, [new Date().toISOString(), singletonKey]);

async function validity(c: pg.Client, name: string): Promise<boolean | undefined> {
  const r = await c.query<{ valid: boolean }>(`select i.indisvalid as valid from pg_index i join pg_class x on x.oid = i.indexrelid where x.relname = $1`, [name]);
  return r.rows[0]?.valid;
}

describe.each(DIALECTS)('online indexes on %s', (dialect) => {
  it('exist after the migrations, and a second run builds nothing', async () => {
    const { db, url } = await migrated(dialect);
    if (url) {
      const c = await client(url);
      for (const ix of ONLINE_INDEXES) expect(await validity(c, ix.name), ix.name).toBe(true);
    } else {
      const names = (await db.db.selectFrom('sqlite_master' as never).select('name' as never).where('type' as never, '=', 'index' as never).execute()) as { name: string }[];
      for (const ix of ONLINE_INDEXES) expect(names.map((n) => n.name)).toContain(ix.name);
    }
    expect(await buildOnlineIndexes(db.db, db.dialect)).toEqual([]);
  });
});

describe('online indexes on PostgreSQL', () => {
  it('let writes go on during the build where a plain CREATE INDEX holds them', async () => {
    const { db, url } = await migrated('postgres');
    const writer = await client(url!); // a transaction of an old process, still open, that wrote to jobs
    const other = await client(url!); // another request of an old process, writing meanwhile
    const admin = await client(url!);
    await admin.query('drop index jobs_due');

    // The hazard: a plain build waits for the open writer, and a new write queues behind the build.
    await writer.query('begin');
    await insertJob(writer);
    const plain = admin.query(`create index jobs_plain on jobs (run_at, id) where status = 'queued'`);
    await new Promise((r) => setTimeout(r, 300));
    await other.query(`set lock_timeout = '1s'`);
    await expect(insertJob(other)).rejects.toMatchObject({ code: '55P03' }); // lock_not_available
    await writer.query('commit');
    await plain;
    await admin.query('drop index jobs_plain');

    // Online: the build waits for the open writer too, but new writes go through meanwhile.
    await writer.query('begin');
    await insertJob(writer);
    let finished = false;
    const online = buildOnlineIndexes(db.db, db.dialect).then((built) => ((finished = true), built));
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 5; i++) await insertJob(other);
    expect(finished).toBe(false);
    expect(await validity(admin, 'jobs_due')).toBe(false); // being built
    await writer.query('commit');
    expect(await online).toEqual(['jobs_due']);
    expect(await validity(admin, 'jobs_due')).toBe(true);
    expect(Number((await admin.query('select count(*) as n from jobs')).rows[0].n)).toBe(7);
  });

  it('lets two processes build at once: one builds, the other waits without a statement open and finds it built', async () => {
    // A process waiting in a blocked statement would hold a snapshot that CREATE INDEX CONCURRENTLY waits for, while
    // it waits for the builder's lock: PostgreSQL would abort one of them as a deadlock.
    const { db, url } = await migrated('postgres');
    const second = openDatabase({ kind: 'postgres', url: url! });
    opened.push({ close: () => second.close() });
    const writer = await client(url!);
    const admin = await client(url!);
    await admin.query('drop index jobs_due');
    await writer.query('begin');
    await insertJob(writer); // keeps the first build waiting, so the second one starts during it
    const first = buildOnlineIndexes(db.db, db.dialect);
    await new Promise((r) => setTimeout(r, 300));
    const other = buildOnlineIndexes(second.db, second.dialect);
    await new Promise((r) => setTimeout(r, 1_500)); // longer than deadlock_timeout (1 s)
    await writer.query('commit');
    expect(await Promise.all([first, other])).toEqual([['jobs_due'], []]);
    expect(await validity(admin, 'jobs_due')).toBe(true);
  });

  it('names a unique index that duplicates keep from being built, and builds it once they are gone', async () => {
    const { db, url } = await migrated('postgres');
    const c = await client(url!);
    await c.query('drop index jobs_singleton');
    await insertJob(c, 'daily-scan:example.be');
    await insertJob(c, 'daily-scan:example.be');
    await expect(buildOnlineIndexes(db.db, db.dialect)).rejects.toThrow(/index jobs_singleton could not be built/);
    expect(await validity(c, 'jobs_singleton')).toBe(false); // left invalid by the failed build
    await c.query(`delete from jobs where id = (select id from jobs where singleton_key is not null limit 1)`);
    expect(await buildOnlineIndexes(db.db, db.dialect)).toEqual(['jobs_singleton']);
    expect(await validity(c, 'jobs_singleton')).toBe(true);
    await expect(insertJob(c, 'daily-scan:example.be')).rejects.toMatchObject({ code: '23505' });
  });
});
