/**
 * Figures foundation (issue 11) on SQLite and PostgreSQL: synthetic companies, the refresh of the pre-aggregated
 * tables, the statistics consent (a withdrawal leaves every figure at the next refresh), "compare with similar
 * companies" (shown only for a group of at least 10 companies: the threshold rule) and the periodic refresh job.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishAssessment, currentAssessment, saveAnswers } from '../../src/app/assessments.ts';
import { ensureStatsRefreshPlanned, PEER_MEMO_MS, refreshFigures, rsitClasses, STATS_REFRESH_JOB } from '../../src/app/statistics.ts';
import { seedSynthetic } from '../../src/app/synthetic.ts';
import { loadConfig } from '../../src/config.ts';
import { FUNCTIONS } from '../../src/core/assessment/catalog.ts';
import type { AssessmentResult } from '../../src/core/assessment/engine.ts';
import { SIZE_BANDS } from '../../src/core/stats/cells.ts';
import { quarterEnds, quarterOf, sectionsByDivision } from '../../src/core/stats/dimensions.ts';
import type { SyntheticCompany } from '../../src/core/stats/synthetic.ts';
import { findCompany } from '../../src/db/repositories/company.repository.ts';
import { findUserById } from '../../src/db/repositories/user.repository.ts';
import { listAggregateCells, refreshStatistics } from '../../src/db/repositories/stats.repository.ts';
import { insertSyntheticCompanies } from '../../src/db/repositories/synthetic.repository.ts';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany, PROFILE } from '../support/flows.ts';

/** A company of section N (division 69, like the owner's 69.2) with 4 staff in Flanders and a given overall score. */
function crafted(overall: number): SyntheticCompany {
  const scores = { overall, byFunction: Object.fromEntries(FUNCTIONS.map((f) => [f, overall])) };
  const profile = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365' as const, cardPayments: false, personalData: 'basic' as const, remoteWork: false, itProvider: false };
  const at = new Date().toISOString();
  return {
    id: randomUUID(), name: `Crafted ${overall}`, naceCode: '69.2', employees: 4, region: 'flanders', language: 'nl', profile, createdAt: at,
    assessment: { id: randomUUID(), completedAt: at, answers: { 'pr-backup': 'yes' }, result: { algorithmVersion: 'test', scores } as unknown as AssessmentResult },
    incidents: [],
  };
}

const sum = (xs: { value: number }[]) => xs.reduce((s, x) => s + x.value, 0);

describe.each(DIALECTS)('figures on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let companyId: string;
  const quickScan = () =>
    t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang: 'en', profile: { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'basic', remoteWork: false, itProvider: false }, answers: {} } });
  const counted = async () => (await t.runtime.deps.db.selectFrom('stats_companies').select('company_id').execute()).map((r) => r.company_id);

  beforeAll(async () => {
    t = await createTestApp(dialect, { SYNTHETIC_DATA: '1' });
    ({ b: owner, companyId } = await ownerWithCompany(t));
    const deps = t.runtime.deps;
    const catalog = t.runtime.content.assessment;
    const company = (await findCompany(deps.db, companyId))!;
    const membership = await deps.db.selectFrom('memberships').select('user_id').where('company_id', '=', companyId).executeTakeFirstOrThrow();
    const user = (await findUserById(deps.db, membership.user_id))!;
    const c = await currentAssessment(deps, catalog, company, user);
    await saveAnswers(deps, catalog, company, user, c.record.id, c.result.applicableControls.map((controlId, i) => ({ controlId, answer: i % 2 ? 'yes' : 'no', note: undefined })));
    await finishAssessment(deps, catalog, company, user);
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows no comparison on the result page before 10 similar companies exist, in English and Dutch', async () => {
    for (const [lang, text] of [['en', 'No comparison yet: fewer than 10 similar companies'], ['nl', 'Nog geen vergelijking: minder dan 10 gelijkaardige bedrijven']] as const) {
      const page = await owner.get(`/${lang}/companies/${companyId}/results`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(text);
    }
    expect((await quickScan()).json().peers).toBeNull();
  });

  it('gives peers null for 9 companies and the median and quartiles from 10 on (threshold rule, issue 11)', async () => {
    expect(PROFILE.naceCode).toBe('69.2'); // the owner's company is in section N with 4 staff, like the crafted ones
    await t.runtime.deps.db.transaction().execute((trx) => insertSyntheticCompanies(trx, [10, 20, 30, 40, 60, 70, 80, 90].map(crafted), () => ({ facts: '{}', triage: '{}', severity: 'low' })));
    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
    // 8 crafted companies and the owner's: 9.
    expect((await t.runtime.deps.db.selectFrom('stats_peer_groups').select('companies').where('nace_section', '=', 'N').where('size_band', '=', '1-9').executeTakeFirstOrThrow()).companies).toBe(9);
    expect((await quickScan()).json().peers).toBeNull();

    await t.runtime.deps.db.transaction().execute((trx) => insertSyntheticCompanies(trx, [crafted(100)], () => ({ facts: '{}', triage: '{}', severity: 'low' })));
    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
    const peers = (await quickScan()).json().peers;
    const own = (await t.runtime.deps.db.selectFrom('stats_companies').select('score_overall').where('company_id', '=', companyId).executeTakeFirstOrThrow()).score_overall!;
    const scores = [10, 20, 30, 40, 60, 70, 80, 90, 100, own].sort((a, b) => a - b);
    expect(peers).toMatchObject({ sector: 'N', sizeBand: '1-9', companies: 10 });
    expect(peers.median.overall).toBe(Math.round(((scores[4]! + scores[5]!) / 2) * 10) / 10);
    expect(peers.p25.overall).toBeLessThanOrEqual(peers.median.overall);
    expect(peers.p75.overall).toBeGreaterThanOrEqual(peers.median.overall);
    expect(Object.keys(peers.median.byFunction).sort()).toEqual([...FUNCTIONS].sort());

    for (const [lang, heading] of [['en', 'Middle of the group'], ['nl', 'Midden van de groep']] as const) {
      const page = await owner.get(`/${lang}/companies/${companyId}/results`);
      expect(page.body).toContain(heading);
      expect(page.body).toContain('data-testid="peers"');
      expect(page.body).toMatch(/<svg[^>]+aria-labelledby="peers-title"/);
    }
  });

  it('the quick scan keeps a peer group up to a minute per process, and drops it at once when this process refreshes (issue 13)', async () => {
    const setCompanies = (n: number) => t.runtime.deps.db.updateTable('stats_peer_groups').set({ companies: n }).where('nace_section', '=', 'N').where('size_band', '=', '1-9').execute();
    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
    // Changes to the table made elsewhere (as a refresh by a worker makes them): the first is read …
    await setCompanies(11);
    expect((await quickScan()).json().peers.companies).toBe(11);
    // … the next is not, within the minute …
    await setCompanies(12);
    expect((await quickScan()).json().peers.companies).toBe(11);
    expect(PEER_MEMO_MS).toBe(60_000);
    // … and a refresh in this process drops what was kept: the recomputed group is read.
    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
    expect((await quickScan()).json().peers.companies).toBe(10);
  });

  it('a withdrawn consent changes nothing until the next refresh, then leaves every figure (issue 11)', async () => {
    const q = quarterOf(t.clock.now().toISOString());
    const cellsBefore = await listAggregateCells(t.runtime.deps.db, q);
    const ownCell = () => (cellsBefore.find((c) => c.measure === 'companies' && c.naceSection === 'N' && c.sizeBand === '1-9' && c.region === 'flanders')?.value ?? 0);
    expect(ownCell()).toBe(10);

    const home = await owner.get(`/en/companies/${companyId}`);
    expect(home.body).toContain('Your company counts in the anonymous figures.');
    const res = await owner.post(`/en/companies/${companyId}/settings/statistics`, { consent: 'no' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/companies/${companyId}?done=stats_consent_off`);
    expect((await owner.get(`/fr/companies/${companyId}`)).body).toContain('Votre entreprise ne compte pas dans les chiffres anonymes.');
    const audit = await t.runtime.deps.db.selectFrom('audit_events').select('detail').where('company_id', '=', companyId).where('type', '=', 'company.stats_consent_changed').execute();
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([{ consent: false }]);
    // Bad input changes nothing.
    await owner.post(`/en/companies/${companyId}/settings/statistics`, { consent: 'maybe' });
    expect((await t.runtime.deps.db.selectFrom('companies').select('stats_consent').where('id', '=', companyId).executeTakeFirstOrThrow()).stats_consent).toBe(0);

    // Until the refresh, the figures stay as they were.
    expect(await listAggregateCells(t.runtime.deps.db, q)).toEqual(cellsBefore);
    expect(await counted()).toContain(companyId);
    expect((await quickScan()).json().peers.companies).toBe(10);

    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
    expect(await counted()).not.toContain(companyId);
    const after = await listAggregateCells(t.runtime.deps.db, q);
    expect(after.find((c) => c.measure === 'companies' && c.naceSection === 'N' && c.sizeBand === '1-9' && c.region === 'flanders')?.value).toBe(9);
    expect(sum(after.filter((c) => c.measure === 'assessed'))).toBe(sum(cellsBefore.filter((c) => c.measure === 'assessed')) - 1);
    // The owner's answers (half of its controls "yes") no longer count in any control cell.
    expect(sum(after.filter((c) => c.measure.startsWith('control:')))).toBe(9);
    expect((await quickScan()).json().peers).toBeNull();

    await owner.post(`/en/companies/${companyId}/settings/statistics`, { consent: 'yes' });
    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
    expect(await counted()).toContain(companyId);
  });

  it('seeds synthetic companies, and the cells agree with the live tables', async () => {
    const deps = t.runtime.deps;
    const seeded = await seedSynthetic(deps, t.runtime.content, { companies: 300, seed: 11, asOf: new Date('2026-10-15T00:00:00Z') });
    expect(seeded).toEqual({ ok: true, companies: 300 });
    const outcome = (await refreshFigures(deps, t.runtime.content.nace))!;
    const companies = await deps.db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).where('stats_consent', '=', 1).executeTakeFirstOrThrow();
    expect(outcome.companies).toBe(Number(companies.n));
    expect(outcome.companies).toBe(300 + 9 + 1);

    const cells = await listAggregateCells(deps.db);
    const q = quarterOf(t.clock.now().toISOString());
    expect(sum(cells.filter((c) => c.quarter === q && c.measure === 'companies'))).toBe(outcome.companies);
    for (const c of cells) {
      expect(SIZE_BANDS).toContain(c.sizeBand);
      expect(c.contributors).toBeGreaterThan(0);
      expect(c.contributors).toBeLessThanOrEqual(c.value);
    }
    const eligible = await sql<{ category: string; n: number }>`select i.category, count(*) as n from incidents i join companies c on c.id = i.company_id
      where c.stats_consent = 1 and i.stats_consent = 1 and i.status <> 'false_positive' group by i.category`.execute(deps.db);
    const total = eligible.rows.reduce((s, r) => s + Number(r.n), 0);
    expect(total).toBeGreaterThan(20);
    expect(sum(cells.filter((c) => c.measure === 'incidents'))).toBe(total);
    expect(sum(cells.filter((c) => c.measure.startsWith('incident:category:')))).toBe(total);
    for (const [cls, categories] of rsitClasses()) {
      const expected = eligible.rows.filter((r) => categories.includes(r.category)).reduce((s, r) => s + Number(r.n), 0);
      expect(sum(cells.filter((c) => c.measure === `incident:rsit:${cls}`)), cls).toBe(expected);
    }
    expect(cells.some((c) => c.quarter !== q && c.measure === 'incidents')).toBe(true);
    // Past quarters: a company counts once it had joined before the quarter ended.
    for (const [past, ends] of quarterEnds(q, 4).slice(1)) {
      const joined = await deps.db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).where('stats_consent', '=', 1).where('created_at', '<', ends).executeTakeFirstOrThrow();
      expect(sum(cells.filter((c) => c.quarter === past && c.measure === 'companies')), past).toBe(Number(joined.n));
      expect(Number(joined.n)).toBeLessThan(outcome.companies);
    }

    // Where the deployment does not allow synthetic data, none of it is counted.
    const real = await deps.db.transaction().execute((trx) =>
      refreshStatistics(trx, { dialect: deps.dialect, now: new Date().toISOString(), quarter: q, includeSynthetic: false, sections: sectionsByDivision(t.runtime.content.nace), rsitClasses: rsitClasses() }),
    );
    expect(real!.companies).toBe(1);
    expect(await counted()).toEqual([companyId]);
  }, 120_000);

  it('asks at joining, ticked by default; an unticked box keeps the new company out of the figures', async () => {
    const form = await owner.get('/en/companies/new');
    expect(form.body).toMatch(/<input type="checkbox" name="statsConsent" value="yes" checked/);
    expect(form.body).toContain('My company may count in the anonymous figures');
    const res = await owner.post('/en/companies', { ...PROFILE, name: 'Zonder cijfers', statsConsentAsked: 'yes' });
    expect(res.statusCode).toBe(303);
    const id = /\/en\/companies\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    const row = await t.runtime.deps.db.selectFrom('companies').select(['stats_consent', 'stats_consent_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.stats_consent).toBe(0);
    expect(row.stats_consent_at).not.toBeNull();
    const ticked = await owner.post('/en/companies', { ...PROFILE, name: 'Met cijfers', statsConsentAsked: 'yes', statsConsent: 'yes' });
    const id2 = /\/en\/companies\/([0-9a-f-]{36})/.exec(String(ticked.headers.location))![1]!;
    expect((await t.runtime.deps.db.selectFrom('companies').select('stats_consent').where('id', '=', id2).executeTakeFirstOrThrow()).stats_consent).toBe(1);
    await t.runtime.deps.db.deleteFrom('companies').where('id', 'in', [id, id2]).execute();
  });

  it('refuses synthetic data where the deployment does not allow it, and always in production', async () => {
    const deps = { ...t.runtime.deps, config: { ...t.config, syntheticData: false } };
    expect(await seedSynthetic(deps, t.runtime.content, { companies: 5, seed: 1 })).toEqual({ ok: false, error: 'not_allowed' });
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: t.config.dataDir, SESSION_SECRET: t.config.sessionSecret, SYNTHETIC_DATA: '1' })).toThrow(/SYNTHETIC_DATA/);
  });

  it('plans one chain of refresh jobs, however many workers start', async () => {
    const deps = t.runtime.deps;
    const jobs = () => deps.db.selectFrom('jobs').select(['status', 'payload', 'run_at']).where('type', '=', STATS_REFRESH_JOB).execute();
    await Promise.all([ensureStatsRefreshPlanned(deps), ensureStatsRefreshPlanned(deps)]);
    await ensureStatsRefreshPlanned(deps);
    expect(await jobs()).toHaveLength(1);
    await t.drainJobs();
    const after = await jobs();
    expect(after.map((j) => j.status).sort()).toEqual(['done', 'queued']);
    const next = after.find((j) => j.status === 'queued')!;
    expect(new Date(next.run_at).getTime()).toBeGreaterThan(t.clock.now().getTime() + 5 * 3_600_000);
    // A stray job for a time that is no longer the planned one refreshes but does not start a second chain.
    await deps.db.insertInto('jobs').values({ type: STATS_REFRESH_JOB, payload: JSON.stringify({ dueAt: '2000-01-01T00:00:00.000Z' }), status: 'queued', attempts: 0, max_attempts: 3, run_at: new Date(0).toISOString(), locked_at: null, locked_by: null, last_error: null, created_at: new Date().toISOString(), finished_at: null }).execute();
    await t.drainJobs();
    expect((await jobs()).filter((j) => j.status === 'queued')).toHaveLength(1);
  });
});

describe('schild seed-synthetic and schild stats refresh (CLI, SQLite)', () => {
  const run = promisify(execFile);
  const BIN = path.resolve(import.meta.dirname, '../../bin/schild.mjs');
  const { BASE_URL: _vite, ...parentEnv } = process.env; // vitest sets BASE_URL for Vite; not ours
  const cli = async (args: string[], env: Record<string, string>) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...parentEnv, LOG_LEVEL: 'warn', ...env } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('refuses in production, refuses without SYNTHETIC_DATA, and seeds and counts with it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-synth-'));
    const prod = await cli(['seed-synthetic', '--companies', '5'], { NODE_ENV: 'production', DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40) });
    expect(prod.code).toBe(2);
    expect(prod.stderr).toContain('refused in production');
    const off = await cli(['seed-synthetic', '--companies', '5'], { NODE_ENV: 'test', DATA_DIR: dir });
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('SYNTHETIC_DATA=1');
    const bad = await cli(['seed-synthetic', '--companies', 'many'], { NODE_ENV: 'test', DATA_DIR: dir, SYNTHETIC_DATA: '1' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: schild seed-synthetic');
    const ok = await cli(['seed-synthetic', '--companies', '40', '--seed', '9'], { NODE_ENV: 'test', DATA_DIR: dir, SYNTHETIC_DATA: '1' });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('[40/40]');
    expect(ok.stdout).toContain('40 synthetic companies written');
    const refreshed = await cli(['stats', 'refresh'], { NODE_ENV: 'test', DATA_DIR: dir, SYNTHETIC_DATA: '1' });
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(refreshed.stdout).toMatch(/Statistics refreshed in [\d.]+ s: 40 companies counted/);
    // The same database without SYNTHETIC_DATA counts none of them.
    const without = await cli(['stats', 'refresh'], { NODE_ENV: 'test', DATA_DIR: dir });
    expect(without.stdout).toMatch(/: 0 companies counted/);
  }, 120_000);
});
