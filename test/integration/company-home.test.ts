/**
 * Issue 9: the company home answers "where was I, what next?" — one next step, the score, this week's actions, open
 * incidents with their next deadline and the domains, each linking to its page. Opening it changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIncident } from '../../src/app/incidents.ts';
import { FactsSchema } from '../../src/core/incidents/triage.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';

describe.each(DIALECTS)('company home on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  const nextOf = (html: string) => /data-next="([a-z_]+)"/.exec(html)?.[1];

  it('leads a new company from the first question to this week\'s actions, and puts a legal deadline first', async () => {
    const { b, companyId } = await ownerWithCompany(t);
    const base = `/nl/companies/${companyId}`;
    let home = await b.get(base);
    expect(home.statusCode).toBe(200);
    expect(nextOf(home.body)).toBe('start_assessment');
    expect(home.body).toContain('Ontdek waar je staat');
    expect(home.body).toContain(`href="${base}/assessment"`);
    expect(home.body).toContain('Nog geen score');
    expect(home.body).toContain('Geen open incidenten.');
    expect(home.body).toContain('Nog geen domein toegevoegd.');
    // Opening the home creates no assessment.
    expect(await t.runtime.deps.db.selectFrom('assessments').selectAll().execute()).toHaveLength(0);

    // Answer the first theme: the home offers to continue in the first theme that still has open questions.
    const overview = await b.get(`${base}/assessment`);
    const themes = [...overview.body.matchAll(new RegExp(`href="${base}/assessment/([a-z]+)"`, 'g'))].map((m) => m[1]!);
    const page = await b.get(`${base}/assessment/${themes[0]}`);
    const ids = [...page.body.matchAll(/name="a_([a-z0-9-]+)" value="no"/g)].map((m) => m[1]!);
    const form: Record<string, string> = {};
    for (const id of ids) form[`a_${id}`] = 'no';
    await b.post(`${base}/assessment/${themes[0]}`, form);
    home = await b.get(base);
    expect(nextOf(home.body)).toBe('continue_assessment');
    expect(home.body).toContain(`href="${base}/assessment/${themes[1]}"`);
    expect(home.body).toMatch(/\d+ op 100/);

    // A ransomware attack on personal data: the GDPR notification (72 h) comes first on the home.
    const owner = toUser((await findUserRowByEmail(t.runtime.deps.db, 'owner@example.be'))!);
    const now = t.runtime.deps.clock.now();
    const { id } = await createIncident(t.runtime.deps, {
      facts: FactsSchema.parse({
        category: 'ransomware',
        awareAt: now.toISOString(),
        ongoing: true,
        personalData: 'yes',
        specialCategoryData: false,
        dataEncrypted: false,
        gdprRole: 'controller',
        nis2: 'out_of_scope',
        moneyLost: false,
        cardDataExposed: false,
        extortion: true,
        insured: false,
      }),
      lang: 'nl',
      companyId,
      user: owner,
    });
    home = await b.get(base);
    expect(nextOf(home.body)).toBe('incident_deadline');
    expect(home.body).toContain(`href="${base}/incidents/${id}"`);
    expect(home.body).toContain('Volgende termijn');
  });

  it('is shown to every member, in the page language; the profile is one tap away', async () => {
    const { b, companyId } = await ownerWithCompany(t);
    const home = await b.get(`/fr/companies/${companyId}`);
    expect(home.body).toContain('Votre prochaine étape');
    expect(home.body).toMatch(/<details class="more"><summary>[^<]+<\/summary>/);
    expect(home.body).toContain('0403.170.701');
  });
});
