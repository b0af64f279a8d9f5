/**
 * Public analyst dashboards (issue 11) on SQLite and PostgreSQL: after a refresh the page and GET /api/v1/statistics
 * show the numbers the live tables give; a group of 9 companies shows "–" / null (threshold rule, 10 companies;
 * docs/statistics.md); a withdrawn consent leaves the figures at the next refresh, not before; bad filters answer
 * 400 (page, unfiltered view) and 422 invalid_filter (API), never 500, and change nothing.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../src/app/statistics.ts';
import { seedSynthetic } from '../../src/app/synthetic.ts';
import { FUNCTIONS } from '../../src/core/assessment/catalog.ts';
import type { AssessmentResult } from '../../src/core/assessment/engine.ts';
import type { SyntheticCompany } from '../../src/core/stats/synthetic.ts';
import { insertSyntheticCompanies } from '../../src/db/repositories/synthetic.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

describe.each(DIALECTS)('public statistics dashboard on %s', (dialect) => {
  let t: TestApp;
  let controlA: string;
  let controlB: string;
  const ids: string[] = [];

  /** A company of division 69 (section N), 4 staff, Flanders; answers two controls; one ransomware incident. */
  function crafted(i: number): SyntheticCompany {
    const at = t.clock.now().toISOString();
    const overall = 10 * i;
    const scores = { overall, byFunction: Object.fromEntries(FUNCTIONS.map((f) => [f, overall])) };
    const profile = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365' as const, cardPayments: false, personalData: 'basic' as const, remoteWork: false, itProvider: false };
    const id = randomUUID();
    ids.push(id);
    return {
      id, name: `Crafted ${i}`, naceCode: '69.2', employees: 4, region: 'flanders', language: 'nl', profile, createdAt: at,
      assessment: { id: randomUUID(), completedAt: at, answers: { [controlA]: i % 3 === 0 ? 'no' : 'yes', [controlB]: 'no' }, result: { algorithmVersion: 'test', scores } as unknown as AssessmentResult },
      incidents: [{ id: randomUUID(), category: 'ransomware', awareAt: at, status: 'confirmed', statsConsent: true }],
    };
  }
  const triage = JSON.stringify({ obligations: [{ id: 'nis2_notification' }, { id: 'police_complaint' }] });
  const insert = (n: number, from: number) =>
    t.runtime.deps.db.transaction().execute((trx) => insertSyntheticCompanies(trx, Array.from({ length: n }, (_, k) => crafted(from + k)), () => ({ facts: '{}', triage, severity: 'high' })));
  const refresh = () => refreshFigures(t.runtime.deps, t.runtime.content.nace);
  const api = async (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/statistics${query}` });

  beforeAll(async () => {
    t = await createTestApp(dialect, { SYNTHETIC_DATA: '1' });
    [controlA, controlB] = t.runtime.content.assessment.controls.map((c) => c.id) as [string, string];
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows "–" and null for a group of 9 companies, and the numbers from 10 on', async () => {
    await insert(9, 1);
    await refresh();
    const nine = (await api('?naceDivision=69')).json();
    expect(nine.filter).toMatchObject({ naceSection: 'N', naceDivision: '69' });
    expect(nine.companies).toBeNull();
    expect(nine.maturity.overall).toBeNull();
    expect(nine.incidents.total).toBeNull();
    const page = await t.app.inject({ method: 'GET', url: '/en/statistics?naceSection=N&naceDivision=69' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<span data-testid="companies">Companies counted: –</span>');
    expect(page.body).toContain('fewer than 10 companies');

    await insert(1, 10);
    await refresh();
    const ten = (await api('?naceSection=N&naceDivision=69&sizeBand=1-9&region=flanders')).json();
    expect(ten.companies).toBe(10);
    expect(ten.maturity.overall).toMatchObject({ median: 55, companies: 10 });
    // The live tables: answers of the counted companies' latest finished assessments, incidents and their duties.
    const live = await sql<{ answer: string; n: number }>`select aa.answer, count(*) as n from assessment_answers aa join assessments a on a.id = aa.assessment_id
      join companies c on c.id = a.company_id where c.stats_consent = 1 and aa.control_id = ${controlB} group by aa.answer`.execute(t.runtime.deps.db);
    const b = ten.controls.find((c: { id: string }) => c.id === controlB);
    expect(b.answered).toBe(10);
    expect(b.counts.no).toBe(Number(live.rows.find((r) => r.answer === 'no')!.n));
    expect(b.shares.no).toBe(100);
    expect(ten.gaps[0]).toBe(controlB);
    // Control A: 7 yes and 3 no; the 3 are hidden, and so is the 7 (else 10 − 7 gives the 3 away).
    const a = ten.controls.find((c: { id: string }) => c.id === controlA);
    expect(a.answered).toBe(10);
    expect(a.counts.no).toBeNull();
    expect(a.counts.yes).toBeNull();
    expect(ten.incidents.total).toBe(10);
    expect(ten.incidents.byCategory.find((x: { category: string }) => x.category === 'ransomware').incidents).toBe(10);
    expect(ten.incidents.byRsit.find((x: { class: string }) => x.class === 'malicious-code').incidents).toBe(10);
    expect(ten.duties.find((x: { duty: string }) => x.duty === 'nis2_notification')).toEqual({ duty: 'nis2_notification', incidents: 10, companies: 10 });
    // No company answered yes: an empty cell is shown as hidden too (it rests on fewer than 10 companies).
    expect(ten.adoption.find((x: { controlId: string }) => x.controlId === controlB).quarters.at(-1)).toMatchObject({ answered: 10, shareYes: null });

    for (const [lang, text] of [['en', 'Companies counted: 10'], ['fr', 'Entreprises comptées\u00a0: 10'], ['nl', 'Bedrijven die meetellen: 10'], ['de', 'Mitgezählte Unternehmen: 10']] as const) {
      const p = await t.app.inject({ method: 'GET', url: `/${lang}/statistics?naceSection=N&naceDivision=69` });
      expect(p.statusCode).toBe(200);
      expect(p.body).toContain(text);
      expect(p.body).toMatch(/<svg[^>]+aria-labelledby="maturity-title"/);
    }
  });

  it('a withdrawn consent leaves the figures at the next refresh, not before', async () => {
    await t.runtime.deps.db.updateTable('companies').set({ stats_consent: 0 }).where('id', '=', ids[0]!).execute();
    expect((await api('?naceDivision=69')).json().companies).toBe(10);
    await refresh();
    const after = (await api('?naceDivision=69')).json();
    expect(after.companies).toBeNull();
    expect(after.duties.find((x: { duty: string }) => x.duty === 'nis2_notification').incidents).toBeNull();
    await t.runtime.deps.db.updateTable('companies').set({ stats_consent: 1 }).where('id', '=', ids[0]!).execute();
    await refresh();
  });

  it('answers bad filters with 422 invalid_filter (API) and 400 with the unfiltered view (page), never 500', async () => {
    for (const q of ['?naceSection=ZZ', '?naceSection=A&naceDivision=69', '?sizeBand=huge', '?region=mars', '?quarter=1999-Q1', '?naceDivision=6']) {
      const r = await api(q);
      expect(r.statusCode, q).toBe(422);
      expect(r.json().error.code).toBe('invalid_filter');
      expect(r.json().error.issues.length).toBeGreaterThan(0);
    }
    const page = await t.app.inject({ method: 'GET', url: '/fr/statistics?region=mars&sizeBand=huge' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choisissez une région dans la liste.');
    expect(page.body).toContain('Nous ne connaissons pas ce choix.');
    expect(page.body).toContain('data-testid="maturity"');
    const repeated = await t.app.inject({ method: 'GET', url: '/en/statistics?region=flanders&region=wallonia' });
    expect(repeated.statusCode).toBe(400);
  });

  it('agrees with the live tables on synthetic data (national view)', async () => {
    await seedSynthetic(t.runtime.deps, t.runtime.content, { companies: 400, seed: 5, asOf: new Date(t.clock.now().getTime() - 86_400_000) });
    await refresh();
    const all = (await api('')).json();
    const counted = await t.runtime.deps.db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).where('stats_consent', '=', 1).executeTakeFirstOrThrow();
    expect(all.companies).toBe(Number(counted.n));
    const q = all.filter.quarter as string;
    const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
    const start = new Date(Date.UTC(y, (n - 1) * 3, 1)).toISOString();
    const live = await sql<{ n: number }>`select count(*) as n from incidents i join companies c on c.id = i.company_id
      where c.stats_consent = 1 and i.stats_consent = 1 and i.status <> 'false_positive' and i.aware_at >= ${start}`.execute(t.runtime.deps.db);
    if (all.incidents.total !== null) expect(all.incidents.total).toBe(Number(live.rows[0]!.n));
    const shown = all.controls.filter((c: { answered: number | null }) => c.answered !== null);
    expect(shown.length).toBeGreaterThan(0);
  }, 120_000);
});
