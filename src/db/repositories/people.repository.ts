/** The staff of a company who receive simulations and lessons (table `people`, migration 010). Others read it too. */
import type { Selectable } from 'kysely';
import type { Locale } from '../../core/locale.ts';
import type { Dialect } from '../connection.ts';
import type { PeopleTable } from '../schema.ts';
import type { Conn } from './types.ts';

export interface Person {
  id: string;
  companyId: string;
  email: string;
  displayName: string | null;
  language: Locale;
  group: string;
  pseudonym: string;
  createdAt: string;
}

export function toPerson(r: Selectable<PeopleTable>): Person {
  return { id: r.id, companyId: r.company_id, email: r.email, displayName: r.display_name, language: r.language as Locale, group: r.group_name, pseudonym: r.pseudonym, createdAt: r.created_at };
}

export async function listPeople(db: Conn, companyId: string): Promise<Person[]> {
  const rows = await db.selectFrom('people').selectAll().where('company_id', '=', companyId).orderBy('group_name').orderBy('email').execute();
  return rows.map(toPerson);
}

/**
 * One page of a company's staff list, in the order of listPeople, and how many people the list holds. A page
 * shows `limit` people of a list that may hold thousands (STAFF_LIST_MAX).
 */
export async function listPeoplePage(db: Conn, companyId: string, offset: number, limit: number): Promise<{ people: Person[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.selectFrom('people').selectAll().where('company_id', '=', companyId).orderBy('group_name').orderBy('email').limit(limit).offset(offset).execute(),
    db.selectFrom('people').select((e) => e.fn.countAll().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow(),
  ]);
  return { people: rows.map(toPerson), total: Number(count.n) };
}

/** People of the given groups ('' is "no group"); all people when `groups` is null. */
export async function listPeopleInGroups(db: Conn, companyId: string, groups: readonly string[] | null): Promise<Person[]> {
  let q = db.selectFrom('people').selectAll().where('company_id', '=', companyId);
  if (groups) {
    if (groups.length === 0) return [];
    q = q.where('group_name', 'in', [...groups]);
  }
  return (await q.orderBy('email').execute()).map(toPerson);
}

export async function findPerson(db: Conn, companyId: string, id: string): Promise<Person | undefined> {
  const r = await db.selectFrom('people').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
  return r ? toPerson(r) : undefined;
}

export async function listGroups(db: Conn, companyId: string): Promise<{ group: string; count: number }[]> {
  const rows = await db
    .selectFrom('people')
    .select(['group_name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('company_id', '=', companyId)
    .groupBy('group_name')
    .orderBy('group_name')
    .execute();
  return rows.map((r) => ({ group: r.group_name, count: Number(r.n) }));
}

/**
 * Holds a company's staff list for the rest of the transaction, before it is counted against STAFF_LIST_MAX
 * (src/app/people.ts). PostgreSQL: a row lock on the company, so a second add or import for the same company waits
 * here until the first has committed, and then counts what the first wrote (READ COMMITTED: each statement sees what
 * was committed before it began). Without it, two imports that each fit count the same list and together pass the
 * cap. FOR NO KEY UPDATE rather than FOR UPDATE: it conflicts with itself just the same, but not with the KEY SHARE
 * lock that any insert of a row referring to the company takes (a scan, an audit entry), which need not wait for an
 * import. SQLite: nothing to take; its transactions are already one at a time (see heldKeys in src/app/people.ts).
 */
export async function lockStaffList(trx: Conn, dialect: Dialect, companyId: string): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('companies').select('id').where('id', '=', companyId).forNoKeyUpdate().execute();
}

/** Lower-cased addresses and pseudonyms already in use in the company (to skip known people and keep codes unique). */
export async function existingKeys(db: Conn, companyId: string): Promise<{ emails: Set<string>; pseudonyms: Set<string> }> {
  const rows = await db.selectFrom('people').select(['email', 'pseudonym']).where('company_id', '=', companyId).execute();
  return { emails: new Set(rows.map((r) => r.email.toLowerCase())), pseudonyms: new Set(rows.map((r) => r.pseudonym)) };
}

export async function insertPeople(db: Conn, people: Person[]): Promise<void> {
  // In chunks: SQLite allows at most 32766 bound parameters per statement (8 columns per row).
  for (let i = 0; i < people.length; i += 500) {
    await db
      .insertInto('people')
      .values(
        people.slice(i, i + 500).map((p) => ({ id: p.id, company_id: p.companyId, email: p.email, display_name: p.displayName, language: p.language, group_name: p.group, pseudonym: p.pseudonym, created_at: p.createdAt })),
      )
      .execute();
  }
}

export async function deletePerson(db: Conn, companyId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('people').where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
