/**
 * The read paths that matter at country scale use an index (issue 13: "read paths that matter at scale use indexes
 * that tests check with EXPLAIN"). Each case runs the repository function itself, captures the SQL it sent, and asks
 * PostgreSQL for the plan with sequential scans disabled (so a small test table cannot hide a missing index: the
 * planner must name the index or fall back to a seq scan it was told to avoid), and SQLite with EXPLAIN QUERY PLAN.
 */
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery, type RawBuilder } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conn } from '../../src/db/repositories/types.ts';
import type { Database } from '../../src/db/schema.ts';
import { migrateToLatest } from '../../src/db/migrations.ts';
import { claimJob, enqueueSingletonJob, purgeFinishedJobs, QUEUE_COUNT_LIMIT, queueDepth, waitingSingletonKeys } from '../../src/db/repositories/job.repository.ts';
import { verifiedDomainsAfter } from '../../src/db/repositories/domain.repository.ts';
import { findLiveSession } from '../../src/db/repositories/session.repository.ts';
import { findRole, listMembershipsOfUser } from '../../src/db/repositories/company.repository.ts';
import { listOpenInvitationsForEmail } from '../../src/db/repositories/invitation.repository.ts';
import { listOrganisationsOfUser } from '../../src/db/repositories/organisation.repository.ts';
import { findApiTokenByHash } from '../../src/db/repositories/token.repository.ts';
import { hitCounter } from '../../src/db/repositories/rate-limit.repository.ts';
import { claimOutboxForSending } from '../../src/db/repositories/outbox.repository.ts';
import { claimRecipients } from '../../src/db/repositories/phishing-campaign.repository.ts';
import { finishedScansOf } from '../../src/db/repositories/scan.repository.ts';
import { listCompanyAudit } from '../../src/db/repositories/audit.repository.ts';
import { listActiveSharesOfOrg, listSharesOfCompany } from '../../src/db/repositories/provider-share.repository.ts';
import { freshDatabaseUrl } from '../support/dialects.ts';

const now = new Date('2026-12-06T10:00:00Z');
const id = randomUUID();

/** Each read path, and the index it must use. */
/** `postgresOnly`: SQLite's EXPLAIN QUERY PLAN says nothing about an INSERT … ON CONFLICT (its conflict target is the key). */
const CASES: { name: string; index: string; run: (db: Conn, dialect: 'postgres' | 'sqlite') => Promise<unknown>; postgresOnly?: boolean }[] = [
  { name: 'every API call finds its key by hash', index: 'api_tokens_token_hash_key', run: (db) => findApiTokenByHash(db, 'f'.repeat(64)) },
  { name: 'every rate limit counts in one upsert on its key', index: 'rate_limits_pkey', run: (db) => hitCounter(db, 'login:ip:192.0.2.1', now, 60_000), postgresOnly: true },
  { name: 'a mail is claimed for sending by its id', index: 'outbox_pkey', run: (db) => claimOutboxForSending(db, id) },
  { name: 'a campaign run claims its next recipients', index: 'phishing_recipients_campaign', run: (db, dialect) => claimRecipients(db, dialect, id, 'run', now, 60_000, 50) },
  { name: 'the daily purge of finished jobs', index: 'jobs_finished', run: (db) => purgeFinishedJobs(db, now, 1000) },
  { name: 'every signed-in request finds its session', index: 'sessions_pkey', run: (db) => findLiveSession(db, id, now.toISOString()) },
  { name: 'every company page checks the role', index: 'memberships_pk', run: (db) => findRole(db, id, id) },
  { name: 'a person’s companies', index: 'memberships_user', run: (db) => listMembershipsOfUser(db, id) },
  { name: 'the open invitations for a person’s e-mail (account page)', index: 'invitations_email', run: (db) => listOpenInvitationsForEmail(db, 'someone@example.be', now.toISOString()) },
  { name: 'the organisations a person works for (account page)', index: 'organisation_staff_user', run: (db) => listOrganisationsOfUser(db, id) },
  { name: 'a domain’s scan history', index: 'scans_domain', run: (db) => finishedScansOf(db, id, 'example.be') },
  { name: 'the verified domains, a page at a time (the daily repair of monitoring)', index: 'company_domains_pkey', run: (db) => verifiedDomainsAfter(db, id, 1000) },
  { name: 'a company’s security log', index: 'audit_company', run: (db) => listCompanyAudit(db, id) },
  { name: 'an IT provider’s shared plans', index: 'provider_shares_org', run: (db) => listActiveSharesOfOrg(db, id, now.toISOString()) },
  { name: 'a company’s shares with IT providers', index: 'provider_shares_company', run: (db) => listSharesOfCompany(db, id) },
];

/**
 * A PostgreSQL database of its own, migrated, its queue filled by `fill` and analysed: the plans a country's queue
 * gets, which an empty table cannot show (every index costs the same there). `run` gets a Kysely that remembers the
 * last statement it sent, and reads that statement's plan with the EXPLAIN given.
 */
async function onLargeQueue(fill: RawBuilder<unknown>, run: (db: Kysely<Database>, planOfLast: (explain: string) => Promise<string>) => Promise<void>): Promise<void> {
  const target = await freshDatabaseUrl('postgres');
  const own = new pg.Pool({ connectionString: target.url, max: 1 });
  let seen: CompiledQuery | undefined;
  const spy = new Kysely<Database>({ dialect: new PostgresDialect({ pool: own }), log: (e) => void (seen = e.query) });
  try {
    await migrateToLatest(spy, 'postgres');
    await fill.execute(spy);
    await sql`analyze jobs`.execute(spy);
    await run(spy, async (explain) => (await own.query(`${explain} ${seen!.sql}`, [...seen!.parameters])).rows.map((r: Record<string, string>) => r['QUERY PLAN'] ?? '').join('\n'));
  } finally {
    await spy.destroy();
  }
}

describe('query plans on PostgreSQL', () => {
  let pool: pg.Pool;
  let db: Kysely<Database>;
  let last: CompiledQuery | undefined;
  beforeAll(async () => {
    const target = await freshDatabaseUrl('postgres');
    pool = new pg.Pool({ connectionString: target.url, max: 2 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void (last = e.query) });
    await migrateToLatest(db, 'postgres');
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it.each(CASES)('$name uses $index', async ({ run, index }) => {
    last = undefined;
    await run(db, 'postgres');
    expect(last).toBeDefined();
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = (await client.query(`EXPLAIN ${last!.sql}`, [...last!.parameters])).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      expect(plan, plan).toContain(index);
      expect(plan, plan).not.toMatch(/Seq Scan on (jobs|sessions|memberships|scans|audit_events|provider_shares|invitations|organisation_staff|company_domains|api_tokens|rate_limits|outbox|phishing_recipients)\b/);
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });

  // Issue 13: the old single claim (`queued and due OR running past the lease`) could only use jobs_ready through a
  // BitmapOr and then sorted every due job at each claim; each of the two claim statements now follows its own
  // partial index in order and stops at the first row (migration 027).
  it('a worker claims a crashed job by jobs_lease and the next due job by jobs_due, in index order', async () => {
    const sent: CompiledQuery[] = [];
    const spy = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void sent.push(e.query) });
    await claimJob(spy, 'postgres', 'w', now, 300_000);
    expect(sent).toHaveLength(2);
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plans: string[] = [];
      for (const q of sent) plans.push((await client.query(`EXPLAIN ${q.sql}`, [...q.parameters])).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
      expect(plans[0], plans[0]).toMatch(/Index Scan using jobs_lease/);
      expect(plans[1], plans[1]).toMatch(/Index Scan using jobs_due/);
      for (const plan of plans) expect(plan, plan).not.toMatch(/Seq Scan on jobs|BitmapOr|Sort/);
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });

  // The daily repair of monitoring (app/monitor-repair.ts) asks, a page of 1,000 domains at a time, which of their
  // keys have a scan waiting. On a small table reading every waiting job through jobs_due is cheaper than 1,000 probes,
  // and the planner rightly takes it; at country scale (a million waiting scans) that would read the whole queue once
  // per page. So this runs on a database of its own holding 300,000 waiting jobs with fresh statistics.
  it('which watched domains have their next scan waiting: by jobs_singleton, not by walking the waiting jobs', async () => {
    const fill = sql`insert into jobs (type, payload, status, attempts, max_attempts, run_at, created_at, singleton_key)
      select 'scan', '{}', 'queued', 0, 2, ${now.toISOString()}, ${now.toISOString()}, 'scan:monitor:' || n || ':example.be' from generate_series(1, 300000) as n`;
    await onLargeQueue(fill, async (spy, planOfLast) => {
      const keys = Array.from({ length: 1000 }, (_, n) => `scan:monitor:${n * 300 + 1}:example.be`);
      expect((await waitingSingletonKeys(spy, keys)).size).toBe(1000);
      const plan = (await planOfLast('EXPLAIN')).split('\n').map((l) => l.slice(0, 120)).join('\n');
      expect(plan, plan).toMatch(/Index (Only )?Scan using jobs_singleton|Bitmap Index Scan on jobs_singleton/);
      expect(plan, plan).not.toMatch(/jobs_due|Seq Scan on jobs/);
    });
  });

  // Issue 13: every process reads the queue depth at every metrics scrape. It counted every waiting job each time (a
  // million at country scale); now it walks jobs_due in order and stops at QUEUE_COUNT_LIMIT. Checked with EXPLAIN
  // ANALYZE on 200,000 waiting jobs with fresh statistics and the planner left free: the index scan stops at the limit.
  it('the queue depth of a metrics scrape reads at most QUEUE_COUNT_LIMIT waiting jobs, along jobs_due', async () => {
    const fill = sql`insert into jobs (type, payload, status, attempts, max_attempts, run_at, created_at)
      select case when n % 10 = 0 then 'send-email' else 'scan' end, '{}', 'queued', 0, 8, ${now.toISOString()}, ${now.toISOString()} from generate_series(1, 200000) as n`;
    await onLargeQueue(fill, async (spy, planOfLast) => {
      const depth = await queueDepth(spy, now);
      expect(depth.capped).toBe(true);
      expect(depth.types.reduce((n, t) => n + t.queued, 0)).toBe(QUEUE_COUNT_LIMIT);
      const plan = await planOfLast('EXPLAIN (ANALYZE, COSTS OFF)');
      expect(plan, plan).toMatch(/Index Scan using jobs_due on jobs/);
      expect(plan, plan).not.toMatch(/Seq Scan on jobs|Sort Key: jobs\.run_at/);
      const read = /Index Scan using jobs_due on jobs[^\n]*actual[^\n]* rows=(\d+)/.exec(plan);
      expect(read, plan).not.toBeNull();
      expect(Number(read![1]), plan).toBeLessThanOrEqual(QUEUE_COUNT_LIMIT);
    });
  }, 60_000);

  it('only one waiting job per singleton key (jobs_singleton is unique over waiting jobs)', async () => {
    const job = { type: 'plan-check', payload: {}, runAt: now, singletonKey: 'plan-check' };
    expect(await enqueueSingletonJob(db, job, now)).not.toBeNull();
    expect(await enqueueSingletonJob(db, job, now)).toBeNull();
  });
});

describe('query plans on SQLite', () => {
  let sqlite: SQLite.Database;
  let db: Kysely<Database>;
  let last: CompiledQuery | undefined;
  beforeAll(async () => {
    sqlite = new SQLite(':memory:');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => void (last = e.query) });
    await migrateToLatest(db, 'sqlite');
  });
  afterAll(async () => {
    await db?.destroy();
  });

  // SQLite names a primary key's index after the table (sqlite_autoindex_<table>_1) or uses the rowid.
  // Without ANALYZE statistics SQLite prefers jobs_ready (status, run_at) for the purge's status filter; either index
  // bounds the batch, and SQLite serves one laptop, not a country.
  const sqliteIndex = (index: string) =>
    ({ sessions_pkey: /sqlite_autoindex_sessions_1/, memberships_pk: /sqlite_autoindex_memberships_1/, company_domains_pkey: /sqlite_autoindex_company_domains_1/, api_tokens_token_hash_key: /sqlite_autoindex_api_tokens_2/, outbox_pkey: /sqlite_autoindex_outbox_1/, jobs_finished: /\bjobs_(finished|ready)\b/ })[index as 'sessions_pkey'] ?? new RegExp(`\\b${index}\\b`);

  it.each(CASES.filter((c) => !c.postgresOnly))('$name uses $index', async ({ run, index }) => {
    last = undefined;
    await run(db, 'sqlite');
    const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${last!.sql}`).all(...(last!.parameters as unknown[])) as { detail: string }[];
    const plan = rows.map((r) => r.detail).join('\n');
    expect(plan, plan).toMatch(sqliteIndex(index));
    expect(plan, plan).not.toMatch(/^SCAN (jobs|sessions|memberships|scans|audit_events|provider_shares|invitations|organisation_staff|company_domains|api_tokens|rate_limits|outbox|phishing_recipients)\b/m);
  });

  it('the queue depth of a metrics scrape walks an index of waiting jobs in due order, without sorting them', async () => {
    const sent: CompiledQuery[] = [];
    const spy = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => void sent.push(e.query) });
    await queueDepth(spy, now);
    // EXPLAIN QUERY PLAN does not show a LIMIT: the bound is in the statement (and counted in observability.test.ts).
    expect(sent[0]!.sql).toMatch(/\blimit\b/i);
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sent[0]!.sql}`).all(...(sent[0]!.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan, plan).toMatch(/(SCAN|SEARCH) jobs USING (COVERING )?INDEX jobs_(due|ready)\b/);
    expect(plan, plan).not.toMatch(/^SCAN jobs$|TEMP B-TREE FOR ORDER BY/m);
  });

  // SQLite picks jobs_ready (status, run_at; the rowid is the id) or the partial indexes: any of them finds the next
  // job without reading the table or sorting the backlog.
  it('a worker claims a crashed job and the next due job through an index, without sorting', async () => {
    const sent: CompiledQuery[] = [];
    const spy = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => void sent.push(e.query) });
    await claimJob(spy, 'sqlite', 'w', now, 300_000);
    expect(sent).toHaveLength(2);
    const plans = sent.map((q) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n'));
    for (const plan of plans) {
      expect(plan, plan).toMatch(/USING (COVERING )?INDEX jobs_(lease|due|ready)/);
      expect(plan, plan).not.toMatch(/^SCAN jobs\b|TEMP B-TREE/m);
    }
  });
});
