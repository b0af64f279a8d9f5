/**
 * An organisation's figures from its pre-aggregated tables (migration 022) on SQLite and PostgreSQL (issue 11):
 * they equal what the live tables give; nothing is shown from fewer than 10 companies (threshold rule, OECD
 * glossary); a company that stops counting leaves at the organisation's refresh job; another organisation's members
 * never mix in; complementary suppression (ESSnet Handbook on SDC v1.2 ch. 4 §4.3) defeats the differencing
 * attempts on the tables with totals (answers per measure, incident mix); and, over time, shown figures change only
 * when at least 10 contributions changed, so subtracting two refreshes singles out no company.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentAssessment, markActionDone } from '../../src/app/assessments.ts';
import { changeMembership, organisationOverview } from '../../src/app/organisation-members.ts';
import { findCompany } from '../../src/db/repositories/company.repository.ts';
import { ORG_STATS_REFRESH_JOB, refreshAllOrganisationFigures, refreshOrganisationFigures } from '../../src/app/org-figures.ts';
import { createOrganisation } from '../../src/app/organisations.ts';
import { rsitClasses } from '../../src/app/statistics.ts';
import { FUNCTIONS } from '../../src/core/assessment/catalog.ts';
import { buildDashboard } from '../../src/core/organisations/dashboard.ts';
import { CONTROL_ANSWERS, type CountCell } from '../../src/core/organisations/org-figures.ts';
import { triage, type Category, type Facts } from '../../src/core/incidents/triage.ts';
import { MIN_CELL_COMPANIES } from '../../src/core/stats/cells.ts';
import { exposedCells, type Line } from '../../src/core/stats/suppression.ts';
import { listMemberFigures } from '../../src/db/repositories/organisation.repository.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, signUpAndVerify } from '../support/flows.ts';
import { completeAssessment, seedMembers } from '../support/organisations.ts';

const META = { ip: '127.0.0.1', userAgent: 'test' };

const FACTS: Omit<Facts, 'category' | 'awareAt'> = {
  ongoing: false,
  personalData: 'yes',
  specialCategoryData: false,
  dataEncrypted: false,
  gdprRole: 'controller',
  nis2: 'out_of_scope',
  moneyLost: true,
  cardDataExposed: false,
  extortion: false,
  insured: true,
  significantImpact: 'unknown',
  customerCardData: false,
  dataKinds: [],
  privilegedAccount: false,
  deviceStolen: false,
};

/** The audit an attacker would run: every hidden cell whose value the published cells and the totals fix. */
function derivable(cells: Map<string, number | null>, relations: [string, string[]][]): string[] {
  const keys = [...cells.keys()];
  const index = new Map(keys.map((k, i) => [k, i]));
  const lines: Line[] = relations.filter(([total]) => index.has(total)).map(([total, parts]) => ({ total: index.get(total)!, parts: parts.filter((p) => index.has(p)).map((p) => index.get(p)!) }));
  const hidden = new Set(keys.flatMap((k, i) => (cells.get(k) === null ? [i] : [])));
  return [...exposedCells(lines, hidden)].map((i) => keys[i]!);
}

describe.each(DIALECTS)('organisation figures on %s', (dialect) => {
  let t: TestApp;
  let staff: Browser;
  let orgA: string;
  let orgB: string;
  let orgSmall: string;
  let yesCompanies: string[];
  let partlyCompanies: string[];
  let noCompanies: string[];
  const db = () => t.runtime.deps.db;

  async function insertIncident(companyId: string, category: Category, opts: { awareAt?: string; consent?: number; status?: string } = {}) {
    const awareAt = opts.awareAt ?? new Date().toISOString();
    const tri = triage({ ...FACTS, category, awareAt } as Facts);
    await db()
      .insertInto('incidents')
      .values({
        id: randomUUID(), company_id: companyId, created_by: null, follow_token_hash: null, lang: 'en', category, facts: '{}', triage: JSON.stringify(tri), severity: tri.severity,
        status: opts.status ?? 'confirmed', details: '{}', aware_at: awareAt, created_at: awareAt, updated_at: awareAt, closed_at: null, lessons: null,
        stats_consent: opts.consent ?? 1, story_consent: 0, story: null, follow_token_expires_at: null,
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    staff = new Browser(t.app);
    await signUpAndVerify(t, staff, 'staff@federation.be');
    await logIn(staff, 'staff@federation.be');
    const user = toUser((await findUserRowByEmail(db(), 'staff@federation.be'))!);
    const make = async (name: string) => {
      const r = await createOrganisation(t.runtime.deps, user, { name, kind: 'federation', sectors: ['47'] }, META);
      if (!r.ok) throw new Error('organisation not created');
      return r.organisationId;
    };
    orgA = await make('Federation A');
    orgB = await make('Federation B');
    orgSmall = await make('Small federation');
    // Federation A: 11 members answer "yes" throughout, 10 "partly", 3 "no"; 4 more joined without counting.
    yesCompanies = await seedMembers(t.runtime, orgA, 11, { answer: 'yes', prefix: 'Yes' });
    partlyCompanies = await seedMembers(t.runtime, orgA, 10, { answer: 'partly', prefix: 'Partly' });
    noCompanies = await seedMembers(t.runtime, orgA, 3, { answer: 'no', prefix: 'No' });
    await seedMembers(t.runtime, orgA, 4, { answer: 'no', countsInFigures: false, prefix: 'Private' });
    // Federation B: 12 other companies, all "no": they must never show in A's figures.
    await seedMembers(t.runtime, orgB, 12, { answer: 'no', prefix: 'Other' });
    // The small federation: 9 counting, 3 not.
    await seedMembers(t.runtime, orgSmall, MIN_CELL_COMPANIES - 1, { answer: 'yes', prefix: 'Small' });
    await seedMembers(t.runtime, orgSmall, 3, { answer: 'yes', countsInFigures: false, prefix: 'Small private' });
    // Incidents: 10 phishing clicks, 10 ransomware, 2 invoice frauds; and three that must not count.
    for (const id of yesCompanies.slice(0, 10)) await insertIncident(id, 'phishing_click');
    for (const id of partlyCompanies) await insertIncident(id, 'ransomware');
    for (const id of noCompanies.slice(0, 2)) await insertIncident(id, 'invoice_fraud');
    await insertIncident(noCompanies[2]!, 'invoice_fraud', { consent: 0 });
    await insertIncident(noCompanies[2]!, 'malware', { status: 'false_positive' });
    await insertIncident(noCompanies[2]!, 'malware', { awareAt: '2020-01-15T10:00:00.000Z' });
    await t.drainJobs();
  }, 240_000);

  afterAll(async () => t?.close());

  it('the stored figures equal what the live tables give, for 24 counting members', async () => {
    const { dashboard, figures } = await organisationOverview(t.runtime.deps, orgA);
    const live = buildDashboard(
      (await listMemberFigures(db(), orgA)).map((m) => ({
        countsInFigures: m.countsInFigures,
        latest: m.latest && { overall: m.latest.scores.overall, byFunction: m.latest.scores.byFunction, openActions: m.latest.plan.map((p) => p.controlId) },
      })),
    );
    expect(dashboard.members).toBe(28);
    expect(dashboard.counting).toBe(24);
    for (const k of ['members', 'counting', 'assessedShare', 'medianScore', 'functionsAbove', 'minimum'] as const) expect(dashboard[k]).toEqual(live[k]);
    expect(figures.refreshedAt).not.toBeNull();

    // Answers per measure, recounted from the live answers of the counting members' latest assessments.
    const counting = new Set([...yesCompanies, ...partlyCompanies, ...noCompanies]);
    const rows = await db()
      .selectFrom('assessment_answers as aa')
      .innerJoin('assessments as a', 'a.id', 'aa.assessment_id')
      .select(['a.company_id', 'aa.control_id', 'aa.answer'])
      .where('a.completed_at', 'is not', null)
      .execute();
    const liveCounts = new Map<string, number>();
    for (const r of rows.filter((x) => counting.has(x.company_id))) liveCounts.set(`${r.control_id}:${r.answer}`, (liveCounts.get(`${r.control_id}:${r.answer}`) ?? 0) + 1);
    expect(figures.controls.length).toBe(t.runtime.content.assessment.controls.length);
    let visible = 0;
    for (const c of figures.controls) {
      expect(c.answered).toBe(24);
      // A shown count is the live count; "no" (3 companies) is never shown.
      for (const a of CONTROL_ANSWERS) if (c[a] !== null) expect(c[a]).toBe(liveCounts.get(`${c.controlId}:${a}`) ?? 0);
      if (c.gap !== null) expect(c.gap).toBe((liveCounts.get(`${c.controlId}:partly`) ?? 0) + (liveCounts.get(`${c.controlId}:no`) ?? 0));
      expect(c.no).toBeNull();
      visible += [c.yes, c.partly, c.gap].filter((v) => v !== null).length;
    }
    expect(visible).toBeGreaterThan(0);
    expect(figures.topGaps.length).toBeGreaterThan(0);
    // Maturity per function: the median of the live scores (same rounding as the live dashboard's median).
    for (const f of FUNCTIONS) {
      const scores = (await listMemberFigures(db(), orgA)).filter((m) => m.countsInFigures && m.latest?.scores.byFunction[f] !== null && m.latest).map((m) => m.latest!.scores.byFunction[f]!);
      expect(figures.maturity[f].companies).toBe(scores.length);
      const sorted = [...scores].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      expect(figures.maturity[f].value).toBe(sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2));
    }
    // Adoption over time: this quarter, 24 assessed companies and 11 × answers of 24 × answers "yes".
    const last = figures.adoption.at(-1)!;
    expect(last).toEqual({ quarter: last.quarter, assessed: 24, inPlace: Math.round((100 * 11) / 24) });
    expect(figures.adoption.slice(0, -1).every((a) => a.assessed === null && a.inPlace === null)).toBe(true);
    // Incidents: 22 that count (the refused, the false alarm and the old one left out), at 22 companies.
    expect(figures.incidents.total).toEqual({ key: 'incidents', value: 22, companies: 22 });
    // Duties: recounted from the stored triage of the counted incidents (mandatory ones only).
    const duties = new Map<string, Set<string>>();
    const incidents = await db().selectFrom('incidents').select(['company_id', 'triage', 'stats_consent', 'status', 'aware_at']).execute();
    for (const i of incidents.filter((x) => x.stats_consent === 1 && x.status !== 'false_positive' && x.aware_at > '2021' && counting.has(x.company_id!))) {
      for (const o of JSON.parse(i.triage).obligations as { id: string; mandatory: boolean }[]) if (o.mandatory) duties.set(o.id, new Set([...(duties.get(o.id) ?? []), i.company_id!]));
    }
    expect(duties.size).toBeGreaterThan(0);
    for (const d of figures.incidents.duties) {
      const n = duties.get(d.key)?.size ?? 0;
      expect(d.value).toBe(n >= MIN_CELL_COMPANIES ? n : null);
    }
    expect(figures.incidents.duties.map((d) => d.key).sort()).toEqual([...duties.keys()].sort());
  });

  it('the answers table resists differencing: "no" (3 companies) cannot be worked out from any total', async () => {
    const { figures } = await organisationOverview(t.runtime.deps, orgA);
    for (const c of figures.controls) {
      // The attempts: answered − yes − partly − unknown, and gap − partly (gap = partly + no). Each needs a hidden cell.
      const first = [c.answered, c.yes, c.partly, c.unknown];
      const second = [c.gap, c.partly];
      expect(first.some((v) => v === null)).toBe(true);
      expect(second.some((v) => v === null)).toBe(true);
      const cells = new Map<string, number | null>([['answered', c.answered], ...CONTROL_ANSWERS.map((a): [string, number | null] => [a, c[a]]), ['gap', c.gap]]);
      expect(derivable(cells, [['answered', [...CONTROL_ANSWERS]], ['gap', ['partly', 'no']]])).toEqual([]);
    }
    // The page shows the dash with the reason, the figures' time, and the charts with their tables.
    const page = await staff.get(`/en/orgs/${orgA}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('– (fewer than 10 companies)');
    expect(page.body).toContain('Figures of ');
    for (const id of ['org-maturity', 'org-gaps', 'org-adoption', 'org-incidents-rsit']) expect(page.body).toContain(`id="${id}-title"`);
    expect(page.body).not.toContain('Private');
  });

  it('the incident mix resists differencing: 2 invoice frauds cannot be worked out from the total or a class', async () => {
    const { figures } = await organisationOverview(t.runtime.deps, orgA);
    const byCat = new Map(figures.incidents.byCategory.map((c) => [c.key, c]));
    expect(byCat.get('invoice_fraud')!.value).toBeNull();
    // total − phishing − ransomware − (the other categories) would give the invoice frauds: one of them is hidden too.
    const others = figures.incidents.byCategory.filter((c) => c.key !== 'invoice_fraud');
    expect([figures.incidents.total, ...others].filter((c) => c.value === null).length).toBeGreaterThan(0);
    const cells = new Map<string, number | null>([
      ['incidents', figures.incidents.total.value],
      ...figures.incidents.byCategory.map((c): [string, number | null] => [`cat:${c.key}`, c.value]),
      ...figures.incidents.byRsitClass.map((c): [string, number | null] => [`rsit:${c.key}`, c.value]),
    ]);
    const classes = rsitClasses();
    const relations: [string, string[]][] = [
      ['incidents', figures.incidents.byCategory.map((c) => `cat:${c.key}`)],
      ...[...classes].map(([cls, cats]): [string, string[]] => [`rsit:${cls}`, cats.map((c) => `cat:${c}`)]),
    ];
    expect(derivable(cells, relations)).toEqual([]);
    // A hidden cell hides its companies too.
    const hidden: CountCell[] = [...figures.incidents.byCategory, ...figures.incidents.byRsitClass].filter((c) => c.value === null);
    expect(hidden.every((c) => c.companies === null)).toBe(true);
  });

  it(`with ${MIN_CELL_COMPANIES - 1} counting members every figure is hidden`, async () => {
    const { dashboard, figures } = await organisationOverview(t.runtime.deps, orgSmall);
    expect(dashboard.counting).toBe(MIN_CELL_COMPANIES - 1);
    expect(dashboard.members).toBe(MIN_CELL_COMPANIES + 2);
    expect(dashboard.assessedShare.value).toBeNull();
    expect(dashboard.medianScore.value).toBeNull();
    expect(dashboard.openActions).toEqual([]);
    for (const f of FUNCTIONS) expect(figures.maturity[f].value).toBeNull();
    expect(figures.controls.every((c) => [c.answered, c.yes, c.partly, c.no, c.unknown, c.gap].every((v) => v === null))).toBe(true);
    expect(figures.topGaps).toEqual([]);
    expect(figures.adoption.every((a) => a.inPlace === null && a.assessed === null)).toBe(true);
  });

  it('another organisation’s members never mix in, and the full refresh gives the same figures as the per-organisation one', async () => {
    const before = await organisationOverview(t.runtime.deps, orgA);
    await refreshAllOrganisationFigures(t.runtime.deps);
    const all = await organisationOverview(t.runtime.deps, orgA);
    expect({ ...all.figures, refreshedAt: null }).toEqual({ ...before.figures, refreshedAt: null });
    expect(all.dashboard).toEqual(before.dashboard);
    // B's 12 "no" companies are not in A's 24; B has its own figures.
    const b = await organisationOverview(t.runtime.deps, orgB);
    expect(b.dashboard.counting).toBe(12);
    expect(b.figures.controls.every((c) => c.answered === 12 && (c.no === null || c.no === 12) && c.yes === null)).toBe(true);
    expect(all.figures.controls.every((c) => c.answered === 24)).toBe(true);
  });

  /** Counts per "control:answer" in the latest finished assessment of each of the given companies (the live truth). */
  async function liveAnswerCounts(companies: ReadonlySet<string>): Promise<Map<string, number>> {
    const assessments = await db().selectFrom('assessments').select(['id', 'company_id', 'completed_at']).where('completed_at', 'is not', null).orderBy('completed_at').orderBy('id').execute();
    const latest = new Map(assessments.filter((a) => companies.has(a.company_id)).map((a) => [a.company_id, a.id]));
    const rows = await db().selectFrom('assessment_answers').select(['assessment_id', 'control_id', 'answer']).execute();
    const ids = new Set(latest.values());
    const out = new Map<string, number>();
    for (const r of rows.filter((x) => ids.has(x.assessment_id))) out.set(`${r.control_id}:${r.answer}`, (out.get(`${r.control_id}:${r.answer}`) ?? 0) + 1);
    return out;
  }

  // Disclosure by differencing between successive releases (Hundepool et al., Statistical Disclosure Control, Wiley
  // 2012, ch. 5 §5.2; docs/statistics.md "Organisation figures"): after figures are shown, fewer than 10 changed
  // contributions never change a shown figure, so subtracting two refreshes gives nothing.
  it('one company leaving and one switching counting off show no new figure and take the old ones down: the differencing attack of the docs fails', async () => {
    const owner = toUser((await findUserRowByEmail(db(), 'staff@federation.be'))!);
    const before = await organisationOverview(t.runtime.deps, orgA);
    expect(before.figures.waiting).toBe(false);
    // Shown before: answered (24) and gap (13) per control; without the rule, answered would drop to 22 and the median
    // and shares move, telling what the two known companies answered.
    expect(before.figures.controls.every((c) => c.answered === 24 && c.gap === 13)).toBe(true);
    expect(await changeMembership(t.runtime.deps, yesCompanies[0]!, orgA, owner, { kind: 'leave' }, META)).toBe(true);
    expect(await changeMembership(t.runtime.deps, yesCompanies[1]!, orgA, owner, { kind: 'figures', value: false }, META)).toBe(true);
    // One queued refresh for the two changes, due now (so a worker runs it at its next poll, within a minute).
    const queued = await db().selectFrom('jobs').select(['payload', 'run_at']).where('type', '=', ORG_STATS_REFRESH_JOB).where('status', '=', 'queued').execute();
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]!.payload)).toEqual({ organisationId: orgA });
    expect(queued[0]!.run_at <= new Date().toISOString()).toBe(true);
    await t.drainJobs();
    const after = await organisationOverview(t.runtime.deps, orgA);
    // The member counts are live: they reveal no answers.
    expect(after.dashboard.members).toBe(27);
    expect(after.dashboard.counting).toBe(22);
    // The attack: per control, (yes before) − (yes after) would be the two companies' "yes". No new count is shown,
    // and the two companies withdrew, so the snapshot they stand in is taken down too (issue 11: a company that
    // withdraws leaves every figure at the next refresh): every answer figure is hidden until 10 companies changed.
    for (const c of after.figures.controls) for (const k of ['answered', ...CONTROL_ANSWERS, 'gap'] as const) expect(c[k], `${c.controlId} ${k}`).toBeNull();
    expect(after.dashboard.medianScore.value).toBeNull();
    expect(after.figures.waiting).toBe(true);
    // The page says why, with the date of the figures, in each language.
    const page = await staff.get(`/en/orgs/${orgA}`);
    expect(page.body).toContain('id="figures-waiting"');
    expect(page.body).toContain('The figures wait until at least 10 companies have changed something');
    expect((await staff.get(`/fr/orgs/${orgA}`)).body).toContain('Les chiffres attendent qu’au moins 10 entreprises');
    await refreshOrganisationFigures(t.runtime.deps, orgA); // idempotent
    expect(await organisationOverview(t.runtime.deps, orgA)).toEqual(after);
  });

  it('one member editing its finished assessment (a plan action done) changes no shown figure', async () => {
    const catalog = t.runtime.content.assessment;
    const companyId = partlyCompanies[0]!;
    const company = (await findCompany(db(), companyId))!;
    const user = toUser((await findUserRowByEmail(db(), 'staff@federation.be'))!);
    const before = await organisationOverview(t.runtime.deps, orgA);
    const controlId = (await currentAssessment(t.runtime.deps, catalog, company, user)).result.plan[0]!.controlId;
    expect(await markActionDone(t.runtime.deps, catalog, company, user, controlId)).toBe(true);
    expect(await db().selectFrom('jobs').select('id').where('type', '=', ORG_STATS_REFRESH_JOB).where('status', '=', 'queued').execute()).toHaveLength(1);
    await t.drainJobs();
    const after = await organisationOverview(t.runtime.deps, orgA);
    // Before the rule, "yes" of that control rose by one and "partly" fell by one: the edit was readable.
    expect(after.figures).toEqual(before.figures);
    expect(after.dashboard).toEqual(before.dashboard);
    const pending = await db().selectFrom('stats_org_published').select('pending').where('organisation_id', '=', orgA).where('family', '=', 'answers').executeTakeFirstOrThrow();
    expect(Number(pending.pending)).toBe(3);
  });

  it('one member re-doing its assessment changes no shown figure', async () => {
    const before = await organisationOverview(t.runtime.deps, orgA);
    await completeAssessment(t.runtime, partlyCompanies[1]!, 'yes');
    await t.drainJobs();
    const after = await organisationOverview(t.runtime.deps, orgA);
    expect(after.figures).toEqual(before.figures);
    expect(after.dashboard).toEqual(before.dashboard);
  });

  it('10 changed contributions publish new figures (per family: the incident mix waits for its own 10)', async () => {
    const before = await organisationOverview(t.runtime.deps, orgA);
    // A new incident at a counting member: one change in the incident family.
    await insertIncident(partlyCompanies[5]!, 'ransomware');
    await refreshOrganisationFigures(t.runtime.deps, orgA);
    expect((await organisationOverview(t.runtime.deps, orgA)).figures.incidents).toEqual(before.figures.incidents);
    // So far 4 changes in the answers family (left, switched off, edited, re-done); 6 new members make 10.
    const newcomers = await seedMembers(t.runtime, orgA, 6, { answer: 'no', prefix: 'Newcomer' });
    await t.drainJobs();
    const after = await organisationOverview(t.runtime.deps, orgA);
    expect(after.figures.refreshedAt).toBe(before.figures.refreshedAt); // the oldest snapshot shown: the incidents'
    expect(after.dashboard.counting).toBe(28);
    const counting = new Set([...yesCompanies.slice(2), ...partlyCompanies, ...noCompanies, ...newcomers]);
    const live = await liveAnswerCounts(counting);
    for (const c of after.figures.controls) {
      expect(c.answered).toBe(28);
      for (const a of CONTROL_ANSWERS) if (c[a] !== null) expect(c[a]).toBe(live.get(`${c.controlId}:${a}`) ?? 0);
    }
    expect(after.figures.controls.every((c) => c.no === null)).toBe(true); // 3 + 6 "no": 9 companies, still hidden
    expect(after.figures.controls).not.toEqual(before.figures.controls);
    expect(after.figures.adoption.at(-1)!.assessed).toBe(28);
    // The incident mix is still the published one (3 changes: two members out, one new incident), so it waits.
    expect(after.figures.incidents).toEqual(before.figures.incidents);
    expect(after.figures.waiting).toBe(true);
  });

  it(`an organisation whose figures were all hidden (${MIN_CELL_COMPANIES - 1} counting) shows them at once when the tenth counts`, async () => {
    const before = await organisationOverview(t.runtime.deps, orgSmall);
    expect(before.dashboard.assessedShare.value).toBeNull();
    await seedMembers(t.runtime, orgSmall, 1, { answer: 'yes', prefix: 'Small tenth' });
    await t.drainJobs();
    const after = await organisationOverview(t.runtime.deps, orgSmall);
    expect(after.dashboard.assessedShare).toEqual({ value: 100, companies: MIN_CELL_COMPANIES });
    expect(after.figures.controls.every((c) => c.yes === MIN_CELL_COMPANIES)).toBe(true);
    expect(after.figures.waiting).toBe(false);
  });
});
