/**
 * Queries on every signed-in request are built and compiled once (src/db/prepared.ts, issue 13: Kysely's builder and
 * compiler were about 30 % of the account page's CPU). A prepared query must send the SQL Kysely would have built and
 * bind each call's own values in their places, on SQLite and on PostgreSQL, also inside a transaction; and it must
 * refuse a query whose value did not become a bound parameter, since that value would then be fixed forever.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrations.ts';
import { prepared } from '../../src/db/prepared.ts';
import { insertUser } from '../../src/db/repositories/user.repository.ts';
import { DIALECTS, freshMigratedDatabase } from '../support/dialects.ts';

const NOW = '2026-12-06T10:00:00.000Z';

describe.each(DIALECTS)('prepared queries (%s)', (dialect) => {
  let db: Db;
  beforeEach(async () => {
    db = openDatabase(await freshMigratedDatabase(dialect));
    await migrateToLatest(db.db, db.dialect);
    for (const n of [1, 2, 3]) {
      await insertUser(db.db, {
        id: `00000000-0000-4000-8000-00000000000${n}`,
        email: `p${n}@example.test`,
        password_hash: 'x',
        display_name: `Person ${n}`,
        locale: 'nl',
        email_verified_at: n === 3 ? null : NOW,
        totp_secret: null,
        totp_enabled_at: null,
        is_admin: 0,
        created_at: NOW,
      });
    }
  });
  afterEach(() => db.close());

  it('builds once, sends the SQL Kysely builds, and binds each call its own values in order', async () => {
    let builds = 0;
    const build = (conn: typeof db.db, p: { locale: string; email: string }) => {
      builds += 1;
      // The names are bound in the order opposite to the one they are listed in, and one constant sits between them.
      return conn.selectFrom('users').select(['email', 'display_name']).where('email', '=', p.email).where('email_verified_at', 'is not', null).where('locale', '=', p.locale);
    };
    const q = prepared(['locale', 'email'], build);
    expect(await q.first(db.db, { locale: 'nl', email: 'p1@example.test' })).toEqual({ email: 'p1@example.test', display_name: 'Person 1' });
    expect(await q.first(db.db, { locale: 'nl', email: 'p2@example.test' })).toEqual({ email: 'p2@example.test', display_name: 'Person 2' });
    expect(await q.first(db.db, { locale: 'fr', email: 'p2@example.test' })).toBeUndefined();
    expect(await q.all(db.db, { locale: 'nl', email: 'p3@example.test' })).toEqual([]);
    expect(builds).toBe(1);
    const direct = build(db.db, { locale: 'x', email: 'y' }).compile().sql;
    expect(builds).toBe(2);
    const sent: string[] = [];
    const spy = db.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        sent.push(String(args.queryId));
        return args.result;
      },
    });
    // A second database handle of the same dialect (a plugin makes a new executor, the adapter is shared) reuses it.
    await q.first(spy, { locale: 'nl', email: 'p1@example.test' });
    expect(builds).toBe(2);
    expect(sent).toHaveLength(1);
    expect(direct).toMatch(/^select "email", "display_name" from "users" where "email" = (\?|\$1) and "email_verified_at" is not null and "locale" = (\?|\$2)$/);
  });

  it('works inside a transaction and sees its uncommitted rows', async () => {
    const q = prepared(['id'], (conn, p: { id: string }) => conn.selectFrom('users').select('display_name').where('id', '=', p.id));
    await db.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ display_name: 'Renamed' }).where('id', '=', '00000000-0000-4000-8000-000000000001').execute();
      expect(await q.first(trx, { id: '00000000-0000-4000-8000-000000000001' })).toEqual({ display_name: 'Renamed' });
    });
  });

  it('refuses a value written into the SQL text, and a named value that never reached the parameters', async () => {
    const inlined = prepared(['email'], (conn, p: { email: string }) => conn.selectFrom('users').select('id').where('email', '=', sql.lit(p.email)));
    await expect(inlined.first(db.db, { email: 'p1@example.test' })).rejects.toThrow(/inlined/);
    const unused = prepared(['email'], (conn) => conn.selectFrom('users').select('id'));
    await expect(unused.first(db.db, { email: 'p1@example.test' })).rejects.toThrow(/not a parameter/);
  });
});
