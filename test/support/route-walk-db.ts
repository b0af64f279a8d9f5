/**
 * A fingerprint of everything a request could have changed in the database, to prove that a refused request changed
 * nothing (OWASP ASVS 4.0.3 §4.1.1 and §4.2.1: access control is enforced before any effect). Row counts of every
 * table, and the full content of the tables that hold who may do what, so an UPDATE shows as well as an INSERT.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

type Db = Kysely<Database>;

/** Changed by reading, not by acting: a session's last-seen time, attempt counters, the search index. */
const VOLATILE = new Set(['sessions', 'rate_limits', 'article_search', 'article_search_state', 'kysely_migration', 'kysely_migration_lock']);
/** Columns that record use, not change: an API token's last use is written even when its scope is too narrow. */
const USE_COLUMNS = new Set(['last_used_at', 'last_seen_at']);
/** Tables whose every column is compared (small in the walk; they carry access, identity and the main records). */
const CONTENT = ['users', 'companies', 'memberships', 'invitations', 'api_tokens', 'company_grants', 'company_domains', 'people', 'incidents', 'phishing_campaigns', 'organisations', 'organisation_staff', 'organisation_members', 'provider_shares', 'provider_item_updates', 'testimonies', 'sector_packs'] as const;

export type Fingerprint = Record<string, string>;

const tableCache = new WeakMap<object, string[]>();

async function tables(db: Db): Promise<string[]> {
  const known = tableCache.get(db);
  if (known) return known;
  const list = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !VOLATILE.has(n) && !n.startsWith('sqlite_')).sort();
  tableCache.set(db, list);
  return list;
}

export async function dbFingerprint(db: Db): Promise<Fingerprint> {
  const out: Fingerprint = {};
  const names = await tables(db);
  const content = CONTENT.filter((table) => names.includes(table));
  // One statement for every count, and the content tables side by side (PostgreSQL runs them on separate
  // connections of the pool): cheap enough to take before and after each group of refused requests.
  const [counts, ...rows] = await Promise.all([
    sql<Record<string, number | string>>`select ${sql.join(names.map((n) => sql`(select count(*) from ${sql.table(n)}) as ${sql.ref(n)}`))}`.execute(db),
    ...content.map((table) => sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)),
  ]);
  for (const [k, v] of Object.entries(counts.rows[0] ?? {})) out[`count:${k}`] = String(v);
  content.forEach((table, i) => (out[`rows:${table}`] = JSON.stringify(rows[i]!.rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !USE_COLUMNS.has(k)))).sort())));
  return out;
}

/** The keys whose value differs, for a readable failure message. */
export function fingerprintDiff(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
}

