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
 * SQLite runs row triggers; PostgreSQL statement triggers over transition tables, so one statement bumps each user
 * once, in user-id order (two transactions take their row locks in the same order).
 * Sessions are not versioned: the session row itself is read on every request (revocation, expiry, stage).
 * `user_versions` has no foreign key: a bump may follow a user's deletion (a cascade), and an orphan row is harmless.
 * test/integration/user-view-versions.test.ts checks every trigger on both engines.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connection.ts';

/**
 * What each table's change must bump: the users (a `user_id` column) that `who` selects, given the changed rows as a
 * FROM item aliased `r` with the table's `key` column.
 */
interface Source {
  table: string;
  key: string;
  events: readonly ('insert' | 'update' | 'delete')[];
  who: (rows: string) => string;
}

const SOURCES: readonly Source[] = [
  { table: 'users', key: 'id', events: ['update'], who: (rows) => `select r.id as user_id from ${rows}` },
  { table: 'memberships', key: 'user_id', events: ['insert', 'update', 'delete'], who: (rows) => `select r.user_id as user_id from ${rows}` },
  {
    table: 'companies',
    key: 'id',
    events: ['update'],
    who: (rows) =>
      `select m.user_id as user_id from memberships m join ${rows} on m.company_id = r.id union select u.id as user_id from users u join invitations i on i.email = u.email join ${rows} on i.company_id = r.id`,
  },
  { table: 'invitations', key: 'email', events: ['insert', 'update', 'delete'], who: (rows) => `select u.id as user_id from users u join ${rows} on u.email = r.email` },
  { table: 'organisation_staff', key: 'user_id', events: ['insert', 'update', 'delete'], who: (rows) => `select r.user_id as user_id from ${rows}` },
  { table: 'organisations', key: 'id', events: ['update'], who: (rows) => `select s.user_id as user_id from organisation_staff s join ${rows} on s.organisation_id = r.id` },
];

type Event = Source['events'][number];

/** The users a change concerns: from the new rows after an insert, the old after a delete, both after an update. */
function usersOf(s: Source, event: Event, rows: { old: string; new: string }): string {
  if (event === 'insert') return s.who(rows.new);
  if (event === 'delete') return s.who(rows.old);
  return `${s.who(rows.old)} union ${s.who(rows.new)}`;
}

// Each user once, ordered by id, so two transactions bumping the same users take their row locks in the same order.
// The WHERE also keeps SQLite's parser from reading ON CONFLICT as a join's ON (sqlite.org/lang_upsert.html).
const bump = (who: string) =>
  `insert into user_versions (user_id, version) select x.user_id, 1 from (${who}) as x where x.user_id is not null group by x.user_id order by x.user_id on conflict (user_id) do update set version = user_versions.version + 1`;

/**
 * SQLite: a row trigger, the row as a one-row subquery (SQLite serialises writers, so lock order does not arise).
 * PostgreSQL: a statement trigger over the statement's transition tables (postgresql.org/docs/current/sql-createtrigger.html),
 * so a statement that changes many rows bumps each user once, all in one sorted statement.
 */
function triggerSql(dialect: Dialect, s: Source, event: Event): string[] {
  const name = `user_versions_${s.table}_${event}`;
  if (dialect === 'sqlite') {
    const body = bump(usersOf(s, event, { old: `(select OLD.${s.key} as ${s.key}) r`, new: `(select NEW.${s.key} as ${s.key}) r` }));
    return [`create trigger ${name} after ${event} on ${s.table} begin\n${body};\nend`];
  }
  const body = bump(usersOf(s, event, { old: 'old_rows r', new: 'new_rows r' }));
  const referencing = event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
  return [
    `create function ${name}() returns trigger language plpgsql as $$ begin\n${body};\nreturn null; end $$`,
    `create trigger ${name} after ${event} on ${s.table} referencing ${referencing} for each statement execute function ${name}()`,
  ];
}

export const m029_user_view_versions = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('user_versions')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    for (const s of SOURCES) for (const event of s.events) for (const statement of triggerSql(dialect, s, event)) await sql.raw(statement).execute(db);
  },
});
