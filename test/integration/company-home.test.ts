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
import { sentCampaign, staff } from '../support/phishing.ts';
import { incidentFacts } from '../support/incident-facts.ts';

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
      facts: FactsSchema.parse(incidentFacts({ category: 'ransomware', awareAt: now.toISOString(), ongoing: true, personalData: 'yes', extortion: true })),
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

  // Issue 10: "Your team" on the home — staff, training coverage over 12 months (as the awareness measure counts it,
  // core/training/coverage.ts) and the last exercise's report rate, counts only (docs/privacy.md), each with a link.
  it('shows "your team": an empty staff list with a link to add people, then staff, training and the last exercise', async () => {
    const { b, companyId } = await ownerWithCompany(t);
    const base = `/en/companies/${companyId}`;
    const team = (html: string) => html.slice(html.indexOf('data-testid="home-team"'), html.indexOf('<details class="more">'));
    let home = await b.get(base);
    expect(team(home.body)).toContain('Your staff list is still empty.');
    expect(team(home.body)).toContain(`href="${base}/people"`);
    expect(team(home.body)).not.toContain('Last phishing exercise');

    const db = t.runtime.deps.db;
    const now = t.runtime.deps.clock.now();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    const people = staff(4);
    // An older exercise where three reported, and the latest where one did: the home shows the latest.
    const older = await sentCampaign(t, companyId, people, { name: 'Parcel', startsAt: new Date(daysAgo(40)) });
    const latest = await sentCampaign(t, companyId, people, { name: 'Invoice', startsAt: new Date(daysAgo(1)) });
    for (const r of older.recipients.slice(0, 3)) await db.updateTable('phishing_recipients').set({ reported_at: daysAgo(39) }).where('id', '=', r.id).execute();
    await db.updateTable('phishing_recipients').set({ reported_at: daysAgo(1) }).where('id', '=', latest.recipients[0]!.id).execute();
    // Training as the lessons leave it: one person finished two lessons this year, another only one 400 days ago.
    const learner = async (personId: string, completed: string[]) => {
      const id = crypto.randomUUID();
      await db.insertInto('training_learners').values({ id, company_id: companyId, person_id: personId, token_hash: crypto.randomUUID(), unsubscribe_hash: crypto.randomUUID(), invited_at: daysAgo(500), joined_at: daysAgo(500), revoked_at: null, unsubscribed_at: null }).execute();
      for (const [i, at] of completed.entries()) await db.insertInto('training_progress').values({ learner_id: id, lesson_id: ['passphrases', 'updates'][i]!, started_at: at, completed_at: at, perfect: 0 }).execute();
    };
    await learner(latest.recipients[0]!.personId, [daysAgo(10), daysAgo(5)]);
    await learner(latest.recipients[1]!.personId, [daysAgo(400)]);

    home = await b.get(base);
    const text = team(home.body);
    expect(text).toContain('On the staff list: 4');
    expect(text).toContain('Training: 1 of 4 finished at least one lesson in the last 12 months (25%).');
    expect(text).toContain(`href="${base}/training"`);
    expect(text).toContain('Last phishing exercise “Invoice”: 1 of 4 reported the mail (25%).');
    expect(text).toContain(`href="${base}/phishing/campaigns/${latest.campaignId}/results"`);
    // Only delivered mails count, in the total and the reports (core/phishing/results.ts): one mail that bounced
    // before delivery leaves 1 of 3. The home counts this in the database, not by reading every recipient.
    await db.updateTable('phishing_recipients').set({ sent_at: null, send_state: 'failed' }).where('id', '=', latest.recipients[3]!.id).execute();
    expect(team((await b.get(base)).body)).toContain('Last phishing exercise “Invoice”: 1 of 3 reported the mail (33%).');
    // The home's next step is unchanged by the team (decision 0004).
    expect(nextOf(home.body)).toBe('start_assessment');
  });
});
