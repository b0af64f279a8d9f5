/**
 * Micro-training end to end on both engines: magic-link join (no password, revocable, rotatable, rate-limited),
 * quiz scored on the server, the narrow learner cookie, owner coverage with the small-group rule (≥ 5 people),
 * and nudges sent once per month / once per lesson with RFC 8058 one-click unsubscribe.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNudges } from '../../src/app/training.ts';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, logIn, ownerWithCompany } from '../support/flows.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

async function addPerson(t: TestApp, companyId: string, email: string, language: string, pseudonym: string, name: string | null = null): Promise<string> {
  const id = randomUUID();
  await t.runtime.deps.db
    .insertInto('people')
    .values({ id, company_id: companyId, email, display_name: name, language, group_name: '', pseudonym, created_at: new Date().toISOString() })
    .execute();
  return id;
}

/** Opens the magic link as a person would: the welcome page (GET), then its one button (POST). */
async function join(b: Browser, link: string) {
  const welcome = await b.get(link);
  if (welcome.statusCode !== 200) return welcome;
  return b.post(link, {});
}

async function inviteLink(t: TestApp, email: string): Promise<string> {
  await t.drainJobs();
  const mail = (await latestOutboxTo(t.runtime.deps.db, email))[0];
  expect(mail).toBeDefined();
  return linkFrom(mail!.text_body, '/learn/');
}

describe.each(DIALECTS)('training on %s', (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let owner: Browser;
  let companyId: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'Schild <no-reply@schild.test>' });
    ({ b: owner, companyId } = await ownerWithCompany(t));
    people.an = await addPerson(t, companyId, 'an@example.be', 'nl', 'P-01', 'An Peeters');
    people.bea = await addPerson(t, companyId, 'bea@example.be', 'fr', 'P-02', 'Béa Dubois');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('an invited person joins by magic link in their language, without a password, and the quiz is scored on the server', async () => {
    await owner.get(`/en/companies/${companyId}/training`);
    const sent = await owner.post(`/en/companies/${companyId}/training/invitations`, { people: [people.an!, people.bea!] });
    expect(sent.statusCode).toBe(303);
    const frMail = (await latestOutboxTo(t.runtime.deps.db, 'bea@example.be'))[0]!;
    expect(frMail.subject).toContain('vous invite');
    const link = await inviteLink(t, 'an@example.be');
    expect(link).toMatch(/^\/learn\/[A-Za-z0-9_-]{30,}$/);

    const an = new Browser(t.app);
    // A GET (what a mail system's link scanner does) shows the welcome page in An's language and changes nothing.
    const welcome = await an.get(link);
    expect(welcome.statusCode).toBe(200);
    expect(welcome.body).toContain('Welkom bij je lessen');
    expect([...an.cookies.keys()]).not.toContain('schild_learner');
    const before = await t.runtime.deps.db.selectFrom('training_learners').select('joined_at').where('person_id', '=', people.an!).executeTakeFirstOrThrow();
    expect(before.joined_at).toBeNull();
    const opened = await an.post(link, {});
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/nl/learn');
    const overview = await an.get('/nl/learn');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Sterke wachtzinnen');
    expect(overview.body).toContain('Nog geen badges');

    expect((await an.get('/en/learn/lessons/passphrases')).statusCode).toBe(200);
    await an.get('/en/learn/lessons/passphrases/quiz');
    // Hostile or missing answers count as "no answer": a page, never a 500.
    const wrong = await an.post('/en/learn/lessons/passphrases/quiz', { q0: '1', q1: '7', q2: 'x' });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.body).toContain('1 out of 3 right');
    expect(wrong.body).toContain('New badge: First lesson');
    let stats = await an.get('/en/learn');
    expect(/data-testid="points">(\d+)</.exec(stats.body)?.[1]).toBe('10');
    const right = await an.post('/en/learn/lessons/passphrases/quiz', { q0: '1', q1: '1', q2: '2' });
    expect(right.body).toContain('3 out of 3 right');
    stats = await an.get('/en/learn');
    expect(/data-testid="points">(\d+)</.exec(stats.body)?.[1]).toBe('15');
    // Team figures stay hidden with fewer than 5 learners: nobody's progress can be worked out.
    expect(stats.body).toContain('once at least 5 colleagues');
  });

  it('the learner cookie opens only the /learn pages, not the company or an account', async () => {
    const b = new Browser(t.app);
    const link = (await latestOutboxTo(t.runtime.deps.db, 'bea@example.be'))[0]!;
    await join(b, linkFrom(link.text_body, '/learn/'));
    expect((await b.get('/fr/learn')).statusCode).toBe(200);
    const company = await b.get(`/en/companies/${companyId}/training`);
    expect(company.statusCode).toBe(303);
    expect(company.headers.location).toMatch(/^\/en\/login/);
    expect((await b.get('/en/account')).headers.location).toMatch(/^\/en\/login/);
    // Without the cookie the pages explain how to get in, with no 500.
    const stranger = await new Browser(t.app).get('/en/learn');
    expect(stranger.statusCode).toBe(401);
    expect(stranger.body).toContain('personal link');
  });

  it('sending again rotates the link (old link and its session stop working); withdrawing ends it', async () => {
    const b = new Browser(t.app);
    const first = await inviteLink(t, 'bea@example.be');
    await join(b, first);
    expect((await b.get('/fr/learn')).statusCode).toBe(200);
    await owner.get(`/en/companies/${companyId}/training`);
    await owner.post(`/en/companies/${companyId}/training/invitations`, { people: people.bea! });
    const second = await inviteLink(t, 'bea@example.be');
    expect(second).not.toBe(first);
    expect((await new Browser(t.app).get(first)).statusCode).toBe(404);
    expect((await b.get('/fr/learn')).statusCode).toBe(401);
    const c = new Browser(t.app);
    expect((await join(c, second)).statusCode).toBe(303);
    await owner.get(`/en/companies/${companyId}/training`);
    expect((await owner.post(`/en/companies/${companyId}/training/revoke`, { person: people.bea! })).statusCode).toBe(303);
    expect((await c.get('/fr/learn')).statusCode).toBe(401);
    expect((await new Browser(t.app).get(second)).statusCode).toBe(404);
  });

  it('refuses an empty selection with a message and limits how often invitations go out', async () => {
    await owner.get(`/en/companies/${companyId}/training`);
    const none = await owner.post(`/en/companies/${companyId}/training/invitations`, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose at least one person');
    const bogus = await owner.post(`/en/companies/${companyId}/training/invitations`, { people: 'not-a-uuid' });
    expect(bogus.statusCode).toBe(400);
    let last = 0;
    for (let i = 0; i < 4 && last !== 429; i++) last = (await owner.post(`/en/companies/${companyId}/training/invitations`, { people: people.an! })).statusCode;
    // 3 invitations an hour per person (docs/training.md): the 4th mail to An within the hour is refused.
    expect(last).toBe(429);
  });

  it('members cannot see the owner page; coverage shows per-person codes only from 5 people (small-cell rule)', async () => {
    const member = await inviteAndJoin(t, owner, companyId, 'member@example.be', 'member');
    expect((await member.get(`/en/companies/${companyId}/training`)).statusCode).toBe(403);
    let page = await owner.get(`/en/companies/${companyId}/training`);
    expect(page.body).toContain('data-testid="per-person-hidden"');
    for (let i = 3; i <= 6; i++) await addPerson(t, companyId, `p${i}@example.be`, 'en', `P-0${i}`, `Secret Name ${i}`);
    const all = (await t.runtime.deps.db.selectFrom('people').select('id').where('company_id', '=', companyId).execute()).map((r) => r.id);
    t.clock.advance(2 * 3_600_000); // past the invitation rate limit
    await owner.get(`/en/companies/${companyId}/training`);
    expect((await owner.post(`/en/companies/${companyId}/training/invitations`, { people: all })).statusCode).toBe(303);
    page = await owner.get(`/en/companies/${companyId}/training`);
    const table = /<table data-testid="per-person">[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '';
    expect(table).toContain('P-01');
    expect(table).not.toContain('Secret Name');
    expect(table).not.toContain('@example.be');
    expect(/data-testid="invited">(\d+)</.exec(page.body)?.[1]).toBe('6');
  });

  it('nudges: one tip a month even when two runs race, a reminder once per unfinished lesson, unsubscribe stops both', async () => {
    const deps = t.runtime.deps;
    const first = await Promise.all([runNudges(deps), runNudges(deps)]);
    const learners = await deps.db.selectFrom('training_learners').select('id').where('revoked_at', 'is', null).execute();
    expect(first[0].tips + first[1].tips).toBe(learners.length);
    expect((await runNudges(deps)).tips).toBe(0);
    await t.drainJobs();
    const tip = smtp.messages.find((m) => m.to.includes('an@example.be') && m.subject.startsWith('Tip van de maand'));
    expect(tip).toBeDefined();
    // RFC 8058 §3.1: an HTTPS List-Unsubscribe URI and List-Unsubscribe-Post: List-Unsubscribe=One-Click.
    expect(tip!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const oneClick = /<([^>]+)>/.exec(tip!.headers['list-unsubscribe'] ?? '')?.[1];
    expect(oneClick).toMatch(/\/api\/v1\/training\/unsubscribe\/[A-Za-z0-9_-]+$/);

    // An opened a lesson and did not finish it: one reminder after 3 days, never a second one.
    const an = new Browser(t.app);
    await join(an, await inviteLinkFresh(t, owner, companyId, people.an!));
    await an.get('/nl/learn/lessons/passphrases');
    // Only one lesson exists before the content is merged: make it "opened, not finished" again for this check.
    await deps.db.updateTable('training_progress').set({ completed_at: null }).execute();
    t.clock.advance(4 * 24 * 3_600_000);
    expect((await runNudges(deps)).reminders).toBeGreaterThanOrEqual(1);
    expect((await runNudges(deps)).reminders).toBe(0);

    // Unsubscribe without signing in: the link shows a form; the POST stops all nudges.
    const unsubLink = linkFrom(tip!.text, '/learn/unsubscribe/');
    const anon = new Browser(t.app);
    const redirected = await anon.get(unsubLink);
    expect(redirected.headers.location).toMatch(/^\/nl\/learn\/unsubscribe\//);
    const form = await anon.get(String(redirected.headers.location));
    expect(form.body).toContain('Afmelden');
    expect((await anon.post(String(redirected.headers.location), {})).statusCode).toBe(200);
    const unsubbed = await deps.db.selectFrom('training_learners').select('unsubscribed_at').where('person_id', '=', people.an!).executeTakeFirstOrThrow();
    expect(unsubbed.unsubscribed_at).not.toBeNull();
    t.clock.advance(40 * 24 * 3_600_000); // next month
    await runNudges(deps);
    await t.drainJobs();
    const tipsToAn = smtp.messages.filter((m) => m.to.includes('an@example.be') && m.subject.startsWith('Tip van de maand'));
    expect(tipsToAn).toHaveLength(1);

    // The one-click POST (what a mail provider sends) needs no form token nor session.
    const res = await t.app.inject({ method: 'POST', url: new URL(oneClick!).pathname, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/training/unsubscribe/unknown-token-unknown-token', payload: {} })).statusCode).toBe(404);
  });

  it('the scheduler job plans exactly one next run, and the coverage API answers owners, not members', async () => {
    const deps = t.runtime.deps;
    const { ensureNudgeSchedule, TRAINING_NUDGES_JOB } = await import('../../src/app/training.ts');
    const queued = async () => (await deps.db.selectFrom('jobs').select('run_at').where('type', '=', TRAINING_NUDGES_JOB).where('status', '=', 'queued').execute()).map((r) => r.run_at);
    await ensureNudgeSchedule(deps);
    await ensureNudgeSchedule(deps); // a second worker starting: still one planned run
    expect(await queued()).toHaveLength(1);
    await t.drainJobs(); // runs it; it plans the next one an hour later
    const next = await queued();
    expect(next).toHaveLength(1);
    expect(new Date(next[0]!).getTime()).toBeGreaterThan(deps.clock.now().getTime() + 59 * 60_000);

    const { insertApiToken } = await import('../../src/db/repositories/token.repository.ts');
    const { sha256 } = await import('../../src/adapters/crypto.ts');
    const userId = async (email: string) => (await deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const ownerToken = `sch_${'o'.repeat(43)}`;
    const memberToken = `sch_${'m'.repeat(43)}`;
    const now = deps.clock.now().toISOString();
    await insertApiToken(deps.db, { id: randomUUID(), userId: await userId('owner@example.be'), name: 'o', tokenHash: sha256(ownerToken), scopes: ['companies:read'], now });
    await insertApiToken(deps.db, { id: randomUUID(), userId: await userId('member@example.be'), name: 'm', tokenHash: sha256(memberToken), scopes: ['companies:read'], now });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/companies/${companyId}/training`, headers: { authorization: `Bearer ${ownerToken}` } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { invited: number; perPerson: { pseudonym: string; lessons: number }[] | null; perLesson: { lessonId: string; done: number }[] };
    expect(body.invited).toBe(6);
    expect(body.perPerson?.map((p) => p.pseudonym)).toContain('P-01');
    expect(JSON.stringify(body)).not.toContain('@example.be');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/companies/${companyId}/training`, headers: { authorization: `Bearer ${memberToken}` } })).statusCode).toBe(403);
  });

  it('feeds pr-awareness: coverage and report rate shown beside the question and used when the owner left it open (CIS 14.1)', async () => {
    const deps = t.runtime.deps;
    // One simulated campaign in the last 12 months: 2 mails sent, 1 reported.
    const campaignId = randomUUID();
    const now = deps.clock.now().toISOString();
    await deps.db
      .insertInto('phishing_campaigns')
      .values({ id: campaignId, company_id: companyId, name: 'c', template_id: 'parcel-delivery', domain: 'example.be', starts_at: now, window_start: '09:00', window_end: '17:00', weekdays_only: 1, rate_per_minute: 10, status: 'sent', created_by: 'x', created_at: now, sent_at: now, purge_after: now, purged_at: null })
      .execute();
    for (const [i, reported] of [[1, now], [2, null]] as const) {
      await deps.db
        .insertInto('phishing_recipients')
        .values({ id: randomUUID(), campaign_id: campaignId, person_id: null, group_name: '', language: 'nl', token_hash: `h${i}-${randomUUID()}`, send_state: 'sent', claimed_by: null, claimed_at: null, message_id: null, sent_at: now, opened_at: null, clicked_at: null, submitted_at: null, reported_at: reported })
        .execute();
    }
    const { awarenessFor, findLesson, submitQuiz } = await import('../../src/app/training.ts');
    const { findLearnerByPerson } = await import('../../src/db/repositories/training.repository.ts');
    // An finishes the lesson she had left open.
    await submitQuiz(deps, (await findLearnerByPerson(deps.db, people.an!))!, findLesson('passphrases')!, [1, 1, 2]);
    const e = await awarenessFor(deps, companyId);
    // 1 of 6 people finished a lesson (An): some training and a campaign → partly.
    expect(e).toEqual({ observed: 'partly', coveragePercent: 17, reportRatePercent: 50 });
    await logIn(owner, 'owner@example.be'); // the clock moved on by weeks in the test before: log in again
    const page = await owner.get(`/en/companies/${companyId}/assessment/people`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Measured in Schild: 17% of your people');
    expect(page.body).toContain('50% of phishing tests were reported');
    const { currentAssessment } = await import('../../src/app/assessments.ts');
    const user = (await deps.db.selectFrom('users').select('id').where('email', '=', 'owner@example.be').executeTakeFirstOrThrow()).id;
    const { findUserById } = await import('../../src/db/repositories/user.repository.ts');
    const { findCompany } = await import('../../src/db/repositories/company.repository.ts');
    const current = await currentAssessment(deps, t.runtime.content.assessment, (await findCompany(deps.db, companyId))!, (await findUserById(deps.db, user))!);
    // Left open by the owner, so the measurement answers it for the score.
    expect(current.stored.answers['pr-awareness']).toBeUndefined();
    expect(current.result.open).not.toContain('pr-awareness');
  });
});

/** Sends An a fresh invitation (rotating the link) and returns it. */
async function inviteLinkFresh(t: TestApp, owner: Browser, companyId: string, personId: string): Promise<string> {
  t.clock.advance(2 * 3_600_000);
  await owner.get(`/en/companies/${companyId}/training`);
  const res = await owner.post(`/en/companies/${companyId}/training/invitations`, { people: personId });
  expect(res.statusCode).toBe(303);
  await t.drainJobs();
  const mails = await latestOutboxTo(t.runtime.deps.db, 'an@example.be');
  const mail = mails.find((m) => m.text_body.includes('/learn/') && !m.text_body.includes('/learn/unsubscribe/') && m.subject.includes('nodigt'));
  return linkFrom(mail!.text_body, '/learn/');
}
