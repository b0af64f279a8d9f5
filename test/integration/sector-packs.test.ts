/**
 * Sector packs end to end through the real app on both dialects: a federation drafts (viewers only read; other kinds
 * of organisation and outsiders get "not found"), an incomplete pack cannot be submitted, a platform administrator
 * approves or sends back (an unverified organisation cannot publish), owners get a mail, every step is audited, and a
 * member company answers the questions in its assessment and gets the advice — without any change to its Schild
 * scores (docs/decisions/0007-sector-pack-questions-outside-the-score.md). A new draft never replaces the live version
 * before it is approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/core/locale.ts';
import { currentAssessment } from '../../src/app/assessments.ts';
import { findCompany } from '../../src/db/repositories/company.repository.ts';
import { insertMember } from '../../src/db/repositories/organisation.repository.ts';
import { findUserById } from '../../src/db/repositories/user.repository.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, mailTo, ownerWithCompany, signUpAndVerify } from '../support/flows.ts';
import { seedMembers } from '../support/organisations.ts';
import { refreshFigures } from '../../src/app/statistics.ts';
import { latestPackVersion, upsertPackAnswers } from '../../src/db/repositories/sector-pack.repository.ts';
import { saveQuestion } from '../../src/app/sector-packs.ts';
import { findOrganisation } from '../../src/db/repositories/organisation.repository.ts';

const WORDS = { nl: 'Bewaar je klantenfiches', fr: 'Gardez-vous les fiches clients', de: 'Bewahren Sie Kundenkarten', en: 'Do you keep customer cards' } as const;
const ADVICE = { nl: 'Sluit de fichebak af', fr: 'Fermez le bac à fiches', de: 'Schließen Sie den Kasten ab', en: 'Lock the card box' } as const;

/** A full question form; `skip` leaves those languages empty. */
function questionForm(prefix: string, skip: readonly string[] = [], extra: Record<string, string> = {}): Record<string, string> {
  const f: Record<string, string> = { function: 'protect' };
  for (const l of LOCALES) {
    const on = !skip.includes(l);
    f[`question_${l}`] = on ? `${prefix}${WORDS[l]}?` : '';
    f[`explanation_${l}`] = '';
    f[`advice_${l}`] = on ? `${ADVICE[l]} (${prefix || 'v1'})` : '';
    f[`source_${l}`] = on ? `https://example.be/${l}/advice` : '';
  }
  return { ...f, ...extra };
}
const intro = (skip: readonly string[] = []) => Object.fromEntries(LOCALES.map((l) => [`intro_${l}`, skip.includes(l) ? '' : `Intro ${l}`]));

describe.each(DIALECTS)('sector packs on %s', (dialect) => {
  let t: TestApp;
  let fed: Browser;
  let viewer: Browser;
  let admin: Browser;
  let outsider: Browser;
  let member: { b: Browser; companyId: string };
  let orgId: string;
  let bankId: string;
  const db = () => t.runtime.deps.db;
  const pack = () => `/en/orgs/${orgId}/sector-pack`;
  const versions = () => db().selectFrom('sector_packs').select(['version', 'status']).where('organisation_id', '=', orgId).orderBy('version').execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    fed = new Browser(t.app, '198.51.100.20');
    await signUpAndVerify(t, fed, 'staff@bakers.be');
    await logIn(fed, 'staff@bakers.be');
    await fed.get('/en/orgs/new');
    orgId = /\/orgs\/([0-9a-f-]{36})$/.exec(String((await fed.post('/en/orgs', { name: 'Bakers Federation', kind: 'federation', sectors: '10' })).headers.location))![1]!;
    bankId = /\/orgs\/([0-9a-f-]{36})$/.exec(String((await fed.post('/en/orgs', { name: 'Small Bank', kind: 'bank', sectors: '' })).headers.location))![1]!;
    viewer = new Browser(t.app, '198.51.100.21');
    await fed.get(`/en/orgs/${orgId}/staff`);
    expect((await fed.post(`/en/orgs/${orgId}/staff/invite`, { email: 'viewer@bakers.be', role: 'org_viewer' })).statusCode).toBe(303);
    await signUpAndVerify(t, viewer, 'viewer@bakers.be');
    await logIn(viewer, 'viewer@bakers.be');
    const link = linkFrom(await mailTo(t, 'viewer@bakers.be', 'Bakers Federation'), '/org-invitations/');
    await viewer.get(link);
    expect((await viewer.post(link, {})).statusCode).toBe(303);
    admin = new Browser(t.app, '198.51.100.22');
    await signUpAndVerify(t, admin, 'admin@schild.test');
    await db().updateTable('users').set({ is_admin: 1 }).where('email', '=', 'admin@schild.test').execute();
    await logIn(admin, 'admin@schild.test');
    outsider = new Browser(t.app, '198.51.100.23');
    await signUpAndVerify(t, outsider, 'outsider@example.be');
    await logIn(outsider, 'outsider@example.be');
    member = await ownerWithCompany(t, 'owner@bakery.be');
    const userId = (await db().selectFrom('users').select('id').where('email', '=', 'owner@bakery.be').executeTakeFirstOrThrow()).id;
    // Not counting in the federation's figures: seeing its questions depends on membership only.
    await insertMember(db(), { organisationId: orgId, companyId: member.companyId, countsInFigures: false, joinedBy: userId, now: new Date().toISOString() });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('only federations have packs; outsiders and other organisations get "not found"; viewers read but cannot edit', async () => {
    expect((await fed.get(`/en/orgs/${bankId}/sector-pack`)).statusCode).toBe(404);
    expect((await fed.post(`/en/orgs/${bankId}/sector-pack`, intro())).statusCode).toBe(404);
    expect((await outsider.get(pack())).statusCode).toBe(404);
    expect((await outsider.post(pack(), intro())).statusCode).toBe(404);
    const read = await viewer.get(pack());
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('only the organisation’s owners and administrators can change it');
    expect(read.body).not.toContain('name="intro_nl"');
    expect((await viewer.post(pack(), intro())).statusCode).toBe(403);
    expect((await viewer.post(`${pack()}/question`, questionForm(''))).statusCode).toBe(403);
    expect((await viewer.post(`${pack()}/submit`, {})).statusCode).toBe(403);
    expect(await versions()).toEqual([]);
  });

  it('refuses HTML and non-https links with a translated message and stores nothing', async () => {
    await fed.get(`/fr/orgs/${orgId}/sector-pack/question`);
    const html = await fed.post(`/fr/orgs/${orgId}/sector-pack/question`, questionForm('', [], { advice_nl: '<script>x</script>' }));
    expect(html.statusCode, String(html.headers.location)).toBe(400);
    expect(html.body).toContain('sans code HTML');
    const http = await fed.post(`/fr/orgs/${orgId}/sector-pack/question`, questionForm('', [], { source_en: 'http://example.be' }));
    expect(http.statusCode).toBe(400);
    expect(http.body).toContain('https://');
    const arr = await fed.post(`${pack()}/question`, { ...questionForm(''), question_en: ['a', 'b'] });
    expect(arr.statusCode).toBe(400);
    expect(await versions()).toEqual([]);
  });

  it('saves an incomplete draft, but refuses to submit it and names what is missing per language', async () => {
    await fed.get(pack());
    expect((await fed.post(pack(), intro(['fr']))).statusCode).toBe(303);
    await fed.get(`${pack()}/question`);
    expect((await fed.post(`${pack()}/question`, questionForm('', ['de']))).statusCode).toBe(303);
    expect(await versions()).toEqual([{ version: 1, status: 'draft' }]);
    await fed.get(pack());
    const refused = await fed.post(`${pack()}/submit`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('the introduction in French');
    expect(refused.body).toContain('question 1: the question in German');
    expect(refused.body).toContain('question 1: the advice in German');
    expect(await versions()).toEqual([{ version: 1, status: 'draft' }]);
  });

  it('submits a complete draft, which is then frozen until the decision (audited)', async () => {
    expect((await fed.post(pack(), intro())).statusCode).toBe(303);
    const page = await fed.get(`${pack()}/question?q=q1`);
    expect(page.statusCode).toBe(200);
    expect((await fed.post(`${pack()}/question`, { id: 'q1', ...questionForm('') })).statusCode).toBe(303);
    await fed.get(pack());
    expect((await fed.post(`${pack()}/submit`, {})).statusCode).toBe(303);
    expect(await versions()).toEqual([{ version: 1, status: 'submitted' }]);
    const frozen = await fed.post(pack(), intro(['nl']));
    expect(frozen.statusCode).toBe(409);
    expect(frozen.body).toContain('waiting for review');
    const types = (await db().selectFrom('audit_events').select('type').where('organisation_id', '=', orgId).execute()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['sector_pack.edited', 'sector_pack.submitted']));
    // The organisation's owners see their staff's pack actions in the organisation's log (not only the platform's).
    const log = (await fed.get(`/en/orgs/${orgId}/staff`)).body;
    expect(log).toContain('submitted the sector pack for review');
    expect(log).toContain('changed the draft sector pack');
  });

  it('a platform administrator reads all four languages; an unverified organisation cannot publish; sending back needs a note and mails the owners', async () => {
    expect((await fed.get('/en/admin/sector-packs')).statusCode).toBe(404);
    const list = await admin.get('/en/admin/sector-packs');
    expect(list.body).toContain('Bakers Federation');
    const review = await admin.get(`/en/admin/sector-packs/${orgId}`);
    for (const l of LOCALES) {
      expect(review.body).toContain(WORDS[l]);
      expect(review.body).toContain(ADVICE[l]);
    }
    expect(review.body).toContain('not verified yet');
    const unverified = await admin.post(`/en/admin/sector-packs/${orgId}/approve`, { version: '1' });
    expect(unverified.statusCode).toBe(400);
    expect(unverified.body).toContain('verify it first');
    expect(await versions()).toEqual([{ version: 1, status: 'submitted' }]);
    expect((await admin.post(`/en/admin/sector-packs/${orgId}/return`, { version: '1', note: '' })).statusCode).toBe(400);
    expect((await admin.post(`/en/admin/sector-packs/${orgId}/return`, { version: '1', note: 'Shorter advice, please.' })).statusCode).toBe(303);
    expect(await versions()).toEqual([{ version: 1, status: 'returned' }]);
    expect(await mailTo(t, 'staff@bakers.be', 'needs changes')).toContain('Shorter advice, please.');
    expect((await fed.get(pack())).body).toContain('Shorter advice, please.');
  });

  it('after verification an approved pack is published, the owners are told, and it is audited', async () => {
    await fed.get(pack());
    expect((await fed.post(`${pack()}/submit`, {})).statusCode).toBe(303);
    await admin.get('/en/admin/organisations');
    expect((await admin.post('/en/admin/organisations/verify', { id: orgId })).statusCode).toBe(303);
    await admin.get(`/en/admin/sector-packs/${orgId}`);
    expect((await admin.post(`/en/admin/sector-packs/${orgId}/approve`, { version: '1' })).statusCode).toBe(303);
    expect(await versions()).toEqual([{ version: 1, status: 'published' }]);
    expect(await mailTo(t, 'staff@bakers.be', 'is published')).toContain('version 1');
    const types = (await db().selectFrom('audit_events').select('type').where('organisation_id', '=', orgId).execute()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['sector_pack.returned', 'sector_pack.approved']));
    expect((await fed.get(pack())).body).toContain('Members now see version 1');
  });

  it('a member answers the questions as an extra part; answers are stored per assessment; scores and method stay the same', async () => {
    const deps = t.runtime.deps;
    const catalog = t.runtime.content.assessment;
    const company = (await findCompany(db(), member.companyId))!;
    const userId = (await db().selectFrom('users').select('id').where('email', '=', 'owner@bakery.be').executeTakeFirstOrThrow()).id;
    const user = (await findUserById(db(), userId))!;
    const base = `/en/companies/${member.companyId}`;
    const theme = await member.b.get(`${base}/assessment/accounts`);
    const ids = [...theme.body.matchAll(/name="a_([a-z0-9-]+)" value="yes"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(1);
    expect((await member.b.post(`${base}/assessment/accounts`, { [`a_${ids[0]}`]: 'no', [`a_${ids[1]}`]: 'yes', go: 'stay' })).statusCode).toBe(303);
    const before = (await currentAssessment(deps, catalog, company, user)).result;
    expect(before.answeredCount).toBe(2);
    const overview = await member.b.get(`${base}/assessment`);
    expect(overview.body).toContain('Questions from Bakers Federation');
    const part = await member.b.get(`${base}/assessment/pack/${orgId}`);
    expect(part.statusCode).toBe(200);
    expect(part.body).toContain(WORDS.en);
    expect(part.body).toContain('Intro en');
    const saved = await member.b.post(`${base}/assessment/pack/${orgId}`, { a_q1: 'partly', a_q99: 'no', go: 'result' });
    expect(saved.statusCode).toBe(303);
    const rows = await db().selectFrom('assessment_pack_answers').selectAll().execute();
    expect(rows.map((r) => [r.organisation_id, r.question_id, r.answer, Number(r.pack_version)])).toEqual([[orgId, 'q1', 'partly', 1]]);
    const current = await currentAssessment(deps, catalog, company, user);
    expect(rows[0]!.assessment_id).toBe(current.record.id);
    expect(current.result).toEqual(before);
    // A forged answer changes nothing.
    expect((await member.b.post(`${base}/assessment/pack/${orgId}`, { a_q1: 'maybe' })).statusCode).toBe(303);
    expect((await db().selectFrom('assessment_pack_answers').select('answer').executeTakeFirstOrThrow()).answer).toBe('partly');
  });

  it('the result page shows the federation’s advice in the reader’s language, with its source link', async () => {
    const en = await member.b.get(`/en/companies/${member.companyId}/results`);
    expect(en.body).toContain('Advice from Bakers Federation');
    expect(en.body).toContain(`${ADVICE.en} (v1)`);
    expect(en.body).toContain('https://example.be/en/advice');
    const fr = await member.b.get(`/fr/companies/${member.companyId}/results`);
    expect(fr.body).toContain('Conseils de Bakers Federation');
    expect(fr.body).toContain(`${ADVICE.fr} (v1)`);
    expect(fr.body).toContain('https://example.be/fr/advice');
    expect(fr.body).not.toContain(ADVICE.en);
  });

  it('a new draft after publication does not replace the live version until it is approved', async () => {
    await fed.get(`${pack()}/question?q=q1`);
    expect((await fed.post(`${pack()}/question`, { id: 'q1', ...questionForm('New: ') })).statusCode).toBe(303);
    expect(await versions()).toEqual([
      { version: 1, status: 'published' },
      { version: 2, status: 'draft' },
    ]);
    const base = `/en/companies/${member.companyId}`;
    let part = await member.b.get(`${base}/assessment/pack/${orgId}`);
    expect(part.body).toContain(WORDS.en);
    expect(part.body).not.toContain(`New: ${WORDS.en}`);
    await fed.get(pack());
    expect((await fed.post(`${pack()}/submit`, {})).statusCode).toBe(303);
    part = await member.b.get(`${base}/assessment/pack/${orgId}`);
    expect(part.body).not.toContain(`New: ${WORDS.en}`);
    await admin.get(`/en/admin/sector-packs/${orgId}`);
    expect((await admin.post(`/en/admin/sector-packs/${orgId}/approve`, { version: '2' })).statusCode).toBe(303);
    part = await member.b.get(`${base}/assessment/pack/${orgId}`);
    expect(part.body).toContain(`New: ${WORDS.en}`);
    // The question kept its id, so the answer given to version 1 still counts.
    expect(part.body).toMatch(/name="a_q1" value="partly" checked/);
    // The published version 1 was never changed.
    const v1 = await db().selectFrom('sector_packs').select('content').where('organisation_id', '=', orgId).where('version', '=', 1).executeTakeFirstOrThrow();
    expect(v1.content).not.toContain('New: ');
  });

  it('a new assessment round starts with the pack answers of the last one (like the Schild answers)', async () => {
    const base = `/en/companies/${member.companyId}`;
    await member.b.get(`${base}/assessment`);
    expect((await member.b.post(`${base}/assessment/finish`, {})).statusCode).toBe(303);
    expect((await member.b.post(`${base}/assessment/new`, {})).statusCode).toBe(303);
    const rounds = await db().selectFrom('assessments').select('id').where('company_id', '=', member.companyId).execute();
    expect(rounds).toHaveLength(2);
    const answers = await db().selectFrom('assessment_pack_answers').select(['assessment_id', 'answer']).where('organisation_id', '=', orgId).execute();
    expect(answers.map((a) => a.answer)).toEqual(['partly', 'partly']);
    expect(new Set(answers.map((a) => a.assessment_id))).toEqual(new Set(rounds.map((r) => r.id)));
    expect((await member.b.get(`${base}/assessment/pack/${orgId}`)).body).toMatch(/name="a_q1" value="partly" checked/);
  });

  it('the federation sees, per question, the share of counting members answering yes, only from 10 companies, after a refresh', async () => {
    const answer = async (ids: string[], a: 'yes' | 'no') => {
      for (const companyId of ids) {
        const assessmentId = (await db().selectFrom('assessments').select('id').where('company_id', '=', companyId).executeTakeFirstOrThrow()).id;
        await upsertPackAnswers(db(), { assessmentId, organisationId: orgId, packVersion: 2, userId: (await db().selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id, now: new Date().toISOString(), entries: [{ questionId: 'q1', answer: a }] });
      }
    };
    await answer(await seedMembers(t.runtime, orgId, 6, { prefix: 'Yes' }), 'yes');
    await answer(await seedMembers(t.runtime, orgId, 3, { prefix: 'No' }), 'no');
    // Companies that do not count in the federation's figures are left out, whatever they answer.
    await answer(await seedMembers(t.runtime, orgId, 3, { prefix: 'Private', countsInFigures: false }), 'yes');
    let page = await viewer.get(pack());
    expect(page.body).toContain('appear after the next update');
    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
    page = await viewer.get(pack());
    expect(page.body).toContain('hidden: fewer than 10 companies');
    expect(page.body).not.toContain('of 9 companies');
    await answer(await seedMembers(t.runtime, orgId, 1, { prefix: 'Tenth' }), 'no');
    page = await viewer.get(pack());
    expect(page.body).toContain('hidden: fewer than 10 companies');
    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
    page = await viewer.get(pack());
    expect(page.body).toContain('60% of 10 companies');
    // No company is named on the federation's pages.
    for (const name of ['Yes 1', 'No 1', 'Private 1', 'Tenth 1']) expect(page.body).not.toContain(name);
  });

  it('a company that is not a member gets no part, and an outsider cannot reach the company routes', async () => {
    const other = await ownerWithCompany(t, 'other@example.be');
    const res = await other.b.get(`/en/companies/${other.companyId}/assessment/pack/${orgId}`);
    expect(res.statusCode).toBe(303);
    expect((await other.b.get(`/en/companies/${other.companyId}/assessment`)).body).not.toContain('Questions from Bakers Federation');
    expect((await outsider.get(`/en/companies/${member.companyId}/assessment/pack/${orgId}`)).statusCode).toBe(404);
  });

  it('two first edits after publication at the same moment land in one new draft: no 500 from the unique version', async () => {
    const before = await versions();
    const next = before.at(-1)!.version + 1;
    expect(before.at(-1)!.status).toBe('published');
    // Called side by side in one process, as two web requests of two staff members would be: each reads the
    // published version before either writes.
    const o = (await findOrganisation(db(), orgId))!;
    const editor = (await findUserById(db(), (await db().selectFrom('organisation_staff').select('user_id').where('organisation_id', '=', orgId).where('role', '=', 'org_owner').executeTakeFirstOrThrow()).user_id))!;
    const live = (await latestPackVersion(db(), orgId))!.content.questions.find((q) => q.id === 'q1')!;
    const results = await Promise.all(['Race A', 'Race B', 'Race C'].map((w) => saveQuestion(t.runtime.deps, o, editor, 'q1', { ...live, text: { ...live.text, en: { ...live.text.en, question: w } } }, { ip: '127.0.0.1', userAgent: 'test' })));
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(await versions()).toEqual([...before, { version: next, status: 'draft' }]);
  });
});
