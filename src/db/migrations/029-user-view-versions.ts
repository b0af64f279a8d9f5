/**
 * Issue 13 (decision 0012): a number per user that changes whenever anything their account page shows changes, so a
 * page rendered for them can be sent again until it does. The database keeps it, in triggers, so no code path that
 * writes one of these tables can forget it, and it holds across processes:
 *
 * - users (update: name, e-mail, two-step sign-in, administrator);
 * - memberships (insert, update, delete: the companies and roles listed);
 * - companies (update: a listed company's name, for its members and for those invited to it);
 * - invitations (insert, update, delete: the open invitations for the user's e-mail address);
 * - organisation_staff (insert, update, delete) and organisations (update): the organisations listed.
 *
 * Sessions are not versioned: the session row itself is read on every request (revocation, expiry, stage).
 * `user_versions` has no foreign key: a bump may follow a user's deletion (a cascade), and an orphan row is harmless.
 * test/integration/user-view-versions.test.ts checks every trigger on both engines.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connection.ts';

/** What each table's change must bump: the users (a `user_id` column) selected by `who` from the row (NEW or OLD). */
interface Source {
  table: string;
  events: readonly ('insert' | 'update' | 'delete')[];
  who: (row: 'NEW' | 'OLD') => string;
}

const SOURCES: readonly Source[] = [
  { table: 'users', events: ['update'], who: (r) => `select ${r}.id as user_id` },
  { table: 'memberships', events: ['insert', 'update', 'delete'], who: (r) => `select ${r}.user_id as user_id` },
  {
    table: 'companies',
    events: ['update'],
    who: (r) =>
      `select user_id from memberships where company_id = ${r}.id union select u.id as user_id from users u join invitations i on i.email = u.email where i.company_id = ${r}.id`,
  },
  { table: 'invitations', events: ['insert', 'update', 'delete'], who: (r) => `select id as user_id from users where email = ${r}.email` },
  { table: 'organisation_staff', events: ['insert', 'update', 'delete'], who: (r) => `select ${r}.user_id as user_id` },
  { table: 'organisations', events: ['update'], who: (r) => `select user_id from organisation_staff where organisation_id = ${r}.id` },
];

/** The users a change concerns: from NEW after an insert, OLD after a delete, both after an update (each once). */
const usersOf = (s: Source, event: Source['events'][number]): string => (event === 'insert' ? s.who('NEW') : event === 'delete' ? s.who('OLD') : `${s.who('OLD')} union ${s.who('NEW')}`);

// Ordered by user id, so two transactions bumping the same users take their row locks in the same order. The WHERE
// also keeps SQLite's parser from reading ON CONFLICT as a join's ON (sqlite.org/lang_upsert.html, "parsing ambiguity").
const bump = (who: string) =>
  `insert into user_versions (user_id, version) select x.user_id, 1 from (${who}) as x where x.user_id is not null order by x.user_id on conflict (user_id) do update set version = user_versions.version + 1`;

export const m029_user_view_versions = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('user_versions')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    for (const s of SOURCES) {
      for (const event of s.events) {
        const name = `user_versions_${s.table}_${event}`;
        const body = `${bump(usersOf(s, event))};`;
        if (dialect === 'sqlite') {
          await sql.raw(`create trigger ${name} after ${event} on ${s.table} begin\n${body}\nend`).execute(db);
        } else {
          await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin\n${body}\nreturn null; end $$`).execute(db);
          await sql.raw(`create trigger ${name} after ${event} on ${s.table} for each row execute function ${name}()`).execute(db);
        }
      }
    }
  },
});
