/**
 * Effectiveness of measures (issue 11) on SQLite and PostgreSQL: crafted companies with known answers and incidents
 * give exact counts and rates; a group of 9 companies hides the control (threshold rule, at least 10 companies,
 * docs/statistics.md); a withdrawn statistics consent leaves the figures at the next refresh; the 365-day windows
 * (assessment at least 365 days old; incident within 365 days after it) hold at their exact edges.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rsitClasses } from '../../src/app/statistics.ts';
import type { Answer, AssessmentResult } from '../../src/core/assessment/engine.ts';
import { quarterOf, sectionsByDivision } from '../../src/core/stats/dimensions.ts';
import { newcombeDifference, wilson } from '../../src/core/stats/effectiveness.ts';
import type { SyntheticCompany, SyntheticIncident } from '../../src/core/stats/synthetic.ts';
import { listEffectivenessCounts, refreshEffectiveness } from '../../src/db/repositories/stats-effectiveness.repository.ts';
import { refreshStatistics } from '../../src/db/repositories/stats.repository.ts';
import { insertSyntheticCompanies } from '../../src/db/repositories/synthetic.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-06T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** Finished 400 days before NOW: old enough to have a whole following year. */
const DONE = NOW - 400 * DAY;

const C1 = 'pr-backup';
const C2 = 'pr-invoice-check';

function incident(awareAt: number, extra: Partial<SyntheticIncident> = {}): SyntheticIncident {
  return { id: randomUUID(), category: 'phishing_click', awareAt: iso(awareAt), status: 'closed', statsConsent: true, ...extra };
}

function company(answers: Record<string, Answer>, incidents: SyntheticIncident[] = [], completedAt = DONE): SyntheticCompany {
  const profile = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365' as const, cardPayments: false, personalData: 'basic' as const, remoteWork: false, itProvider: false };
  const result = { algorithmVersion: 'test', scores: { overall: 50, byFunction: {} } } as unknown as AssessmentResult;
  return {
    id: randomUUID(), name: 'Crafted', naceCode: '69.2', employees: 4, region: 'flanders', language: 'nl', profile, createdAt: iso(completedAt - DAY),
    assessment: { id: randomUUID(), completedAt: iso(completedAt), answers, result }, incidents,
  };
}

const noCoding = () => ({ facts: '{}', triage: '{}', severity: 'low' });

describe.each(DIALECTS)('effectiveness of measures on %s', (dialect) => {
  let t: TestApp;
  let withdrawn: string;
  const deps = () => t.runtime.deps;
  const refreshAt = (now: number) =>
    deps().db.transaction().execute(async (trx) => {
      const nowIso = iso(now);
      await refreshStatistics(trx, { dialect, now: nowIso, quarter: quarterOf(nowIso), includeSynthetic: true, sections: sectionsByDivision(t.runtime.content.nace), rsitClasses: rsitClasses() });
      await refreshEffectiveness(trx, { dialect, now: nowIso });
    });
  const counts = async (id: string) => (await listEffectivenessCounts(deps().db)).find((c) => c.controlId === id);

  beforeAll(async () => {
    t = await createTestApp(dialect, { SYNTHETIC_DATA: '1' });
    const batch: SyntheticCompany[] = [];
    // C1 "yes": 12 companies, 3 with an incident 100 days after the assessment.
    for (let i = 0; i < 12; i++) batch.push(company({ [C1]: 'yes', [C2]: 'yes' }, i < 3 ? [incident(DONE + 100 * DAY)] : []));
    // C1 "no"/"partly": 15 companies, 6 with an incident (one of them with two: still one company).
    for (let i = 0; i < 15; i++) {
      const hits = i < 6 ? [incident(DONE + 30 * DAY), ...(i === 0 ? [incident(DONE + 60 * DAY)] : [])] : [];
      batch.push(company({ [C1]: i % 2 ? 'no' : 'partly', [C2]: i < 9 ? 'no' : 'unknown' }, hits));
    }
    // Not counted as an incident: a false alarm, one without statistics consent, one after the year, one at the very
    // moment the assessment was finished, one before it.
    batch.push(company({ [C1]: 'no' }, [incident(DONE + 10 * DAY, { status: 'false_positive' })]));
    batch.push(company({ [C1]: 'no' }, [incident(DONE + 10 * DAY, { statsConsent: false })]));
    batch.push(company({ [C1]: 'no' }, [incident(DONE + 365 * DAY + 1)]));
    batch.push(company({ [C1]: 'no' }, [incident(DONE)]));
    batch.push(company({ [C1]: 'no' }, [incident(DONE - DAY)]));
    // Counted: exactly 365 days after (the last moment of the year).
    const edge = company({ [C1]: 'no' }, [incident(DONE + 365 * DAY)]);
    batch.push(edge);
    // "I don't know" and "not applicable" count in neither group.
    batch.push(company({ [C1]: 'unknown' }, [incident(DONE + 5 * DAY)]));
    batch.push(company({ [C1]: 'na' }));
    // Too recent: finished 364 days before NOW, no whole year after it yet.
    batch.push(company({ [C1]: 'yes' }, [incident(NOW - 10 * DAY)], NOW - 364 * DAY));
    await deps().db.transaction().execute((trx) => insertSyntheticCompanies(trx, batch, noCoding));
    withdrawn = batch[0]!.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('counts companies with and without each measure and those with an incident in the year after (exact counts)', async () => {
    await refreshAt(NOW);
    // without: 15 + 5 "no" companies with uncounted incidents + the edge one = 21; with an incident: 6 + the edge = 7.
    expect(await counts(C1)).toEqual({ controlId: C1, nWith: 12, eventsWith: 3, nWithout: 21, eventsWithout: 7 });
    // C2: 12 "yes" (3 incidents), 9 "no" (6 incidents); the 6 "unknown" count in neither group.
    expect(await counts(C2)).toEqual({ controlId: C2, nWith: 12, eventsWith: 3, nWithout: 9, eventsWithout: 6 });
  });

  it('serves exact rates, Wilson and Newcombe intervals, and hides a control with a group of 9 (threshold rule)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/statistics/measures' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.followUpDays).toBe(365);
    expect(body.refreshedAt).toBe(iso(NOW));
    const c1 = body.controls.find((c: { controlId: string }) => c.controlId === C1);
    expect(c1.with).toEqual({ companies: 12, withIncident: 3, rate: 0.25, ci95: wilson(3, 12) });
    expect(c1.without).toEqual({ companies: 21, withIncident: 7, rate: 7 / 21, ci95: wilson(7, 21) });
    expect(c1.difference).toEqual(newcombeDifference(3, 12, 7, 21));
    expect(body.controls.find((c: { controlId: string }) => c.controlId === C2)).toEqual({ controlId: C2, with: null, without: null, difference: null });

    const page = await t.app.inject({ method: 'GET', url: '/nl/statistics/measures' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Let op: dit is een verband, geen bewijs');
    expect(page.body).toMatch(/<svg[^>]+aria-labelledby="measures-title"/);
    expect(page.body).toMatch(/<td data-label="Deel">25\s?%<\/td>/);
    expect(page.body).toContain('<li>Controleer elke wijziging van rekeningnummer telefonisch</li>');
    const fr = await t.app.inject({ method: 'GET', url: '/fr/statistics/measures' });
    expect(fr.body).toContain('Attention\u00a0: c’est un lien, pas une preuve');
  });

  it('a withdrawn statistics consent leaves the figures at the next refresh, not before', async () => {
    await deps().db.updateTable('companies').set({ stats_consent: 0 }).where('id', '=', withdrawn).execute();
    expect(await counts(C1)).toMatchObject({ nWith: 12, eventsWith: 3 });
    await refreshAt(NOW);
    expect(await counts(C1)).toMatchObject({ nWith: 11, eventsWith: 2 });
  });

  it('takes an assessment finished exactly 365 days before the refresh, not one finished a millisecond later', async () => {
    // The "too recent" company (finished NOW − 364 days, one incident 10 days before NOW) is old enough from NOW + 1 day on.
    const edgeNow = NOW + DAY;
    await refreshAt(edgeNow - 1);
    expect(await counts(C1)).toMatchObject({ nWith: 11, eventsWith: 2 });
    await refreshAt(edgeNow);
    expect(await counts(C1)).toMatchObject({ nWith: 12, eventsWith: 3 });
  });
});
