/** A company's staff list for simulations and lessons: add one, import a CSV list (all or nothing), remove. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Company } from '../core/company-profile.ts';
import type { Locale } from '../core/locale.ts';
import { checkPerson, emailKey, parsePeopleCsv, pseudonymFrom, type CsvLineError, type PersonInput, type PersonProblem, type PersonRules } from '../core/phishing/people.ts';
import { loadContent } from '../adapters/content.ts';
import { listCompanyDomains } from '../db/repositories/domain.repository.ts';
import { deletePerson, existingKeys, insertPeople, listPeople, listPeoplePage, lockStaffList, type Person } from '../db/repositories/people.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import type { AppDeps } from './deps.ts';
import { transact } from '../db/transaction.ts';
import { HOUR, refusedByLimits, type RateLimited } from './rate-limit.ts';

/**
 * Anti-automation on the staff list (OWASP ASVS 4.0.3 §11.1.4; docs/operations.md): an import takes up to 5,000 rows
 * and each person becomes a recipient of every campaign. A small business imports its list once and fixes it a few
 * times, and adds newcomers one by one; these limits are far above that and bound how fast the list can be grown.
 * Every attempt counts (a refused file too: it is parsed and checked in full), atomically, before anything is read.
 */
export const PEOPLE_IMPORTS_PER_HOUR = { max: 10, windowMs: HOUR };
export const PEOPLE_IMPORTS_PER_DAY = { max: 30, windowMs: 24 * HOUR };
export const PEOPLE_ADDED_PER_HOUR = { max: 100, windowMs: HOUR };

/**
 * The most people one company's staff list may hold. Schild serves SMEs, which have fewer than 250 persons (Commission
 * Recommendation 2003/361/EC, annex, art. 2), and its campaigns are sized for up to 10,000 recipients (issue 13,
 * docs/operations.md). The cap bounds what one company stores and how big each of its campaigns can be (a campaign
 * copies the list into recipients); it is far above any SME. Checked in the write's transaction, after
 * lockStaffList(), counting only people not yet listed: an add or import that would pass it writes nothing, and people
 * already on a full list can still be imported again. Documented in docs/phishing.md.
 */
export const STAFF_LIST_MAX = 10_000;

/** The staff list cannot take the new people: `listed` are on it now, `adding` would have been added. */
export type StaffListFull = { ok: false; error: 'staff_list_full'; max: number; listed: number; adding: number };

/**
 * Takes the company's staff list (see lockStaffList) and returns the people on it. On SQLite, Kysely's driver has one
 * connection and holds it, behind a mutex, from BEGIN to COMMIT, so the process's transactions already run one at a
 * time and the count cannot go stale; another process writing the same file between this read and the insert would
 * make SQLite refuse the insert (SQLITE_BUSY_SNAPSHOT in WAL mode) rather than pass the cap.
 */
async function heldKeys(deps: AppDeps, trx: Conn, companyId: string) {
  await lockStaffList(trx, deps.dialect, companyId);
  return existingKeys(trx, companyId);
}

/**
 * Null when `adding` more people fit; the refusal otherwise. Emails are unique per company (people_company_email), so
 * `listed` is the number of people. Adding nobody always fits, even on a list that holds more than the cap already.
 */
function overCap(listed: number, adding: number): StaffListFull | null {
  return adding > 0 && listed + adding > STAFF_LIST_MAX ? { ok: false, error: 'staff_list_full', max: STAFF_LIST_MAX, listed, adding } : null;
}

async function reserve(deps: AppDeps, companyId: string, kind: 'import' | 'add'): Promise<RateLimited | null> {
  const limits =
    kind === 'import'
      ? [
          { key: `people-import:h:${companyId}`, ...PEOPLE_IMPORTS_PER_HOUR },
          { key: `people-import:d:${companyId}`, ...PEOPLE_IMPORTS_PER_DAY },
        ]
      : [{ key: `people-add:${companyId}`, ...PEOPLE_ADDED_PER_HOUR }];
  return refusedByLimits(deps, limits);
}

export async function verifiedDomains(conn: Conn, companyId: string): Promise<string[]> {
  return (await listCompanyDomains(conn, companyId)).filter((d) => d.verified_at).map((d) => d.domain);
}

async function rulesFor(conn: Conn, company: Company): Promise<PersonRules> {
  return { defaultLanguage: company.language as Locale, verifiedDomains: await verifiedDomains(conn, company.id), publicList: loadContent().phishing.publicMailboxDomains };
}

export function listPeopleOf(deps: AppDeps, companyId: string): Promise<Person[]> {
  return listPeople(deps.db, companyId);
}

/** People shown per page of the staff list page: a small business's whole list (under 250) fits in three pages. */
export const PEOPLE_PAGE_SIZE = 100;

export interface PeoplePage {
  people: Person[];
  /** People on the whole list. */
  total: number;
  /** 1-based; a page past the last is read as the last. */
  page: number;
  pages: number;
}

/** One page of the staff list; `page` is clamped to 1..pages. */
export async function peoplePageOf(deps: AppDeps, companyId: string, page: number): Promise<PeoplePage> {
  const wanted = Number.isSafeInteger(page) && page > 1 ? page : 1;
  let r = await listPeoplePage(deps.db, companyId, (wanted - 1) * PEOPLE_PAGE_SIZE, PEOPLE_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(r.total / PEOPLE_PAGE_SIZE));
  if (wanted <= pages) return { ...r, page: wanted, pages };
  r = await listPeoplePage(deps.db, companyId, (pages - 1) * PEOPLE_PAGE_SIZE, PEOPLE_PAGE_SIZE);
  return { ...r, page: pages, pages };
}

/** Builds stored people from checked input: a fresh id and a pseudonym code not yet used in the company. */
function toNewPeople(companyId: string, inputs: PersonInput[], taken: Set<string>, now: string): Person[] {
  return inputs.map((p) => {
    let code = pseudonymFrom(randomBytes(4));
    while (taken.has(code)) code = pseudonymFrom(randomBytes(4));
    taken.add(code);
    return { id: randomUUID(), companyId, email: p.email, displayName: p.name, language: p.language, group: p.group, pseudonym: code, createdAt: now };
  });
}

export type AddPersonResult = { ok: true; person: Person } | { ok: false; problems: Partial<Record<'email' | 'name' | 'language' | 'group', PersonProblem | 'already_listed'>> } | RateLimited | StaffListFull;

export async function addPerson(deps: AppDeps, company: Company, raw: { email: string; name?: string | null; language?: string | null; group?: string | null }): Promise<AddPersonResult> {
  const limited = await reserve(deps, company.id, 'add');
  if (limited) return limited;
  return transact(deps.db, async (trx) => {
    const checked = checkPerson(raw, await rulesFor(trx, company));
    if (!checked.ok) return { ok: false, problems: checked.problems };
    const keys = await heldKeys(deps, trx, company.id);
    if (keys.emails.has(emailKey(checked.person.email))) return { ok: false, problems: { email: 'already_listed' } };
    const full = overCap(keys.emails.size, 1);
    if (full) return full;
    const [person] = toNewPeople(company.id, [checked.person], keys.pseudonyms, deps.clock.now().toISOString());
    await insertPeople(trx, [person!]);
    return { ok: true, person: person! };
  });
}

export type ImportResult = { ok: true; added: number; alreadyListed: number } | { ok: false; errors: CsvLineError[] } | RateLimited | StaffListFull;

/**
 * Imports a staff list. Every row is checked before anything is written, and the write is one transaction: a list
 * with any bad row imports nothing, and so does a list with more new people than the staff list has room for
 * (STAFF_LIST_MAX). People already on the list are left as they are (a list can be imported again).
 */
export async function importPeopleCsv(deps: AppDeps, company: Company, text: string): Promise<ImportResult> {
  const limited = await reserve(deps, company.id, 'import');
  if (limited) return limited;
  return transact(deps.db, async (trx) => {
    const parsed = parsePeopleCsv(text, await rulesFor(trx, company));
    if (!parsed.ok) return parsed;
    return store(deps, trx, company, parsed.people);
  });
}

/** The JSON form of an import: the same checks, with `line` the 1-based position in the list. */
export async function importPeopleList(deps: AppDeps, company: Company, list: { email: string; name?: string | null; language?: string | null; group?: string | null }[]): Promise<ImportResult> {
  const limited = await reserve(deps, company.id, 'import');
  if (limited) return limited;
  return transact(deps.db, async (trx) => {
    const rules = await rulesFor(trx, company);
    const errors: CsvLineError[] = [];
    const people: PersonInput[] = [];
    const seen = new Set<string>();
    list.forEach((raw, i) => {
      const c = checkPerson(raw, rules);
      if (!c.ok) for (const [column, problem] of Object.entries(c.problems)) errors.push({ line: i + 1, problem, column });
      else if (seen.has(emailKey(c.person.email))) errors.push({ line: i + 1, problem: 'duplicate_in_file', column: 'email' });
      else {
        seen.add(emailKey(c.person.email));
        people.push(c.person);
      }
    });
    if (errors.length > 0) return { ok: false, errors };
    return store(deps, trx, company, people);
  });
}

async function store(deps: AppDeps, trx: Conn, company: Company, people: PersonInput[]): Promise<ImportResult> {
  const keys = await heldKeys(deps, trx, company.id);
  const fresh = people.filter((p) => !keys.emails.has(emailKey(p.email)));
  const full = overCap(keys.emails.size, fresh.length);
  if (full) return full;
  await insertPeople(trx, toNewPeople(company.id, fresh, keys.pseudonyms, deps.clock.now().toISOString()));
  return { ok: true, added: fresh.length, alreadyListed: people.length - fresh.length };
}

export async function removePerson(deps: AppDeps, companyId: string, personId: string): Promise<boolean> {
  return deletePerson(deps.db, companyId, personId);
}
