/** A company's staff list for simulations and lessons: add one, import a CSV list (all or nothing), remove. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Company } from '../core/company-profile.ts';
import type { Locale } from '../core/locale.ts';
import { checkPerson, emailKey, parsePeopleCsv, pseudonymFrom, type CsvLineError, type PersonInput, type PersonProblem, type PersonRules } from '../core/phishing/people.ts';
import { loadContent } from '../adapters/content.ts';
import { listCompanyDomains } from '../db/repositories/domain.repository.ts';
import { deletePerson, existingKeys, insertPeople, listPeople, type Person } from '../db/repositories/people.repository.ts';
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

/** Builds stored people from checked input: a fresh id and a pseudonym code not yet used in the company. */
function toNewPeople(companyId: string, inputs: PersonInput[], taken: Set<string>, now: string): Person[] {
  return inputs.map((p) => {
    let code = pseudonymFrom(randomBytes(4));
    while (taken.has(code)) code = pseudonymFrom(randomBytes(4));
    taken.add(code);
    return { id: randomUUID(), companyId, email: p.email, displayName: p.name, language: p.language, group: p.group, pseudonym: code, createdAt: now };
  });
}

export type AddPersonResult = { ok: true; person: Person } | { ok: false; problems: Partial<Record<'email' | 'name' | 'language' | 'group', PersonProblem | 'already_listed'>> } | RateLimited;

export async function addPerson(deps: AppDeps, company: Company, raw: { email: string; name?: string | null; language?: string | null; group?: string | null }): Promise<AddPersonResult> {
  const limited = await reserve(deps, company.id, 'add');
  if (limited) return limited;
  return transact(deps.db, async (trx) => {
    const checked = checkPerson(raw, await rulesFor(trx, company));
    if (!checked.ok) return { ok: false, problems: checked.problems };
    const keys = await existingKeys(trx, company.id);
    if (keys.emails.has(emailKey(checked.person.email))) return { ok: false, problems: { email: 'already_listed' } };
    const [person] = toNewPeople(company.id, [checked.person], keys.pseudonyms, deps.clock.now().toISOString());
    await insertPeople(trx, [person!]);
    return { ok: true, person: person! };
  });
}

export type ImportResult = { ok: true; added: number; alreadyListed: number } | { ok: false; errors: CsvLineError[] } | RateLimited;

/**
 * Imports a staff list. Every row is checked before anything is written, and the write is one transaction: a list
 * with any bad row imports nothing. People already on the list are left as they are (a list can be imported again).
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
  const keys = await existingKeys(trx, company.id);
  const fresh = people.filter((p) => !keys.emails.has(emailKey(p.email)));
  await insertPeople(trx, toNewPeople(company.id, fresh, keys.pseudonyms, deps.clock.now().toISOString()));
  return { ok: true, added: fresh.length, alreadyListed: people.length - fresh.length };
}

export async function removePerson(deps: AppDeps, companyId: string, personId: string): Promise<boolean> {
  return deletePerson(deps.db, companyId, personId);
}
