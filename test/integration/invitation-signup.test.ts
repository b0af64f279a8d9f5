/**
 * Issue 9, "invitations that land": a colleague invited by e-mail who has no account signs up from the invitation,
 * confirms the address, and ends up in the company, not in an empty account. Someone who signed up without the
 * link finds the invitation on the account page. An invitation is for the invited address only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, mailTo, ownerWithCompany, PASSWORD, PROFILE, signUpAndVerify } from '../support/flows.ts';

const membership = (t: TestApp, email: string) =>
  t.runtime.deps.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.company_id', 'memberships.role'])
    .where('users.email', '=', email)
    .execute();

describe.each(DIALECTS)('signing up from an invitation on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  async function invite(owner: Browser, companyId: string, email: string, role = 'member'): Promise<string> {
    await owner.get(`/en/companies/${companyId}/members`);
    expect((await owner.post(`/en/companies/${companyId}/invitations`, { email, role })).statusCode).toBe(303);
    await t.drainJobs();
    const mail = (await latestOutboxTo(t.runtime.deps.db, email)).find((m) => m.text_body.includes('/invitations/'));
    return linkFrom(mail!.text_body, '/invitations/');
  }

  it('starts from the mail, signs up with the invited address filled in, confirms it, and lands in the company home', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    const link = await invite(owner, companyId, 'an@example.be');
    expect(link).toMatch(/^\/nl\/invitations\//);

    const an = new Browser(t.app);
    const page = await an.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(PROFILE.name);
    // The sign-up form is right there, with the invited address, and comes back to this page afterwards.
    expect(page.body).toMatch(/<form method="post" action="\/nl\/signup"/);
    expect(page.body).toContain('value="an@example.be"');
    expect(page.body).toContain(`name="next" value="${link}"`);

    const signedUp = await an.post('/nl/signup', { displayName: 'An Collega', email: 'an@example.be', password: PASSWORD, next: link });
    expect(signedUp.statusCode).toBe(200);
    // The "check your mail" page can send the link again, still leading back to the invitation.
    expect(signedUp.body).toContain('action="/nl/verify-email/resend"');
    expect(signedUp.body).toContain(`name="next" value="${link}"`);

    const verifyLink = linkFrom(await mailTo(t, 'an@example.be', 'evestig'), '/verify-email');
    expect(new URL(`http://x${verifyLink}`).searchParams.get('next')).toBe(link);
    const verified = await an.get(verifyLink);
    expect(verified.statusCode).toBe(303);
    const loginUrl = String(verified.headers.location);
    expect(new URL(`http://x${loginUrl}`).searchParams.get('next')).toBe(link);
    // The log-in page has the address filled in, and the address is not readable in the URL.
    expect(loginUrl).not.toContain('an@example.be');
    expect(loginUrl).not.toContain(encodeURIComponent('an@example.be'));
    const loginPage = await an.get(loginUrl);
    expect(loginPage.body).toMatch(/id="f-email"[^>]*value="an@example.be"/);
    expect(loginPage.body).toContain(`name="next" value="${link}"`);

    const loggedIn = await an.post('/nl/login', { email: 'an@example.be', password: PASSWORD, next: link });
    expect(loggedIn.headers.location).toBe(link);
    const again = await an.get(link);
    expect(again.body).toContain(`action="${link}"`);
    expect(again.body).not.toContain('action="/nl/signup"');
    const accepted = await an.post(link, {});
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/nl/companies/${companyId}?done=joined`);
    const home = await an.get(String(accepted.headers.location));
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(PROFILE.name);
    expect(await membership(t, 'an@example.be')).toEqual([{ company_id: companyId, role: 'member' }]);
  });

  it('someone who signed up without the link finds the invitation on the account page and joins from there', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    await invite(owner, companyId, 'bo@example.be', 'admin');
    const bo = new Browser(t.app);
    await signUpAndVerify(t, bo, 'bo@example.be', 'Bo');
    await logIn(bo, 'bo@example.be');
    const account = await bo.get('/en/account');
    expect(account.body).toContain('data-testid="pending-invitations"');
    expect(account.body).toContain(PROFILE.name);
    const id = /action="\/en\/invitations\/accept"[\s\S]*?name="id" value="([0-9a-f-]{36})"/.exec(account.body)?.[1];
    expect(id).toBeTruthy();

    // Someone else who learns the id cannot use it: the invitation is for bo@example.be only.
    const eve = new Browser(t.app);
    await signUpAndVerify(t, eve, 'eve@example.be', 'Eve');
    await logIn(eve, 'eve@example.be');
    await eve.get('/en/account');
    expect((await eve.post('/en/invitations/accept', { id: id! })).headers.location).toBe('/en/account?done=invitation_gone');
    expect(await membership(t, 'eve@example.be')).toEqual([]);

    const joined = await bo.post('/en/invitations/accept', { id: id! });
    expect(joined.headers.location).toBe(`/en/companies/${companyId}?done=joined`);
    expect(await membership(t, 'bo@example.be')).toEqual([{ company_id: companyId, role: 'admin' }]);
    // Used once: the account page no longer offers it, and a second try changes nothing.
    expect((await bo.get('/en/account')).body).not.toContain('data-testid="pending-invitations"');
    expect((await bo.post('/en/invitations/accept', { id: id! })).headers.location).toBe('/en/account?done=invitation_gone');
  });

  it('bad input on accepting changes nothing and never answers 500', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    await invite(owner, companyId, 'cy@example.be');
    const cy = new Browser(t.app);
    await signUpAndVerify(t, cy, 'cy@example.be', 'Cy');
    await logIn(cy, 'cy@example.be');
    await cy.get('/en/account');
    for (const body of <Record<string, string | string[]>[]>[{}, { id: 'not-a-uuid' }, { id: ['a', 'b'] }, { id: '00000000-0000-4000-8000-000000000000' }]) {
      const res = await cy.post('/en/invitations/accept', body);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/en/account?done=invitation_gone');
    }
    expect(await membership(t, 'cy@example.be')).toEqual([]);
    // Logged out, accepting sends to log-in.
    const anonymous = new Browser(t.app);
    await anonymous.get('/en/login');
    expect((await anonymous.post('/en/invitations/accept', { id: '00000000-0000-4000-8000-000000000000' })).headers.location).toMatch(/^\/en\/login/);
  });

  it('the invitation page says what the role means, and a signed-in wrong account is told to log out', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    const link = await invite(owner, companyId, 'dee@example.be', 'admin');
    const anonymous = await new Browser(t.app).get(link);
    expect(anonymous.body).toContain('Werkt mee aan alles voor het bedrijf');
    const other = new Browser(t.app);
    await signUpAndVerify(t, other, 'other@example.be', 'Other');
    await logIn(other, 'other@example.be');
    const page = await other.get(link);
    expect(page.body).toContain('dee@example.be');
    expect(page.body).toMatch(/<form method="post" action="\/nl\/logout"/);
    expect(page.body).not.toContain(`action="${link}"`);
  });
});

describe.each(DIALECTS)('roles explained where they are chosen on %s', (dialect) => {
  it('the invitation form offers each role with its meaning, and the member list explains the roles', async () => {
    const t = await createTestApp(dialect);
    try {
      const { b: owner, companyId } = await ownerWithCompany(t);
      const page = await owner.get(`/fr/companies/${companyId}/members`);
      for (const role of ['owner', 'admin', 'member']) {
        expect(page.body).toMatch(new RegExp(`type="radio" name="role" value="${role}"[^>]*aria-describedby="role-${role}-meaning"`));
      }
      expect(page.body).toContain('Peut tout faire\u00a0:');
      expect(page.body).toContain('<details class="roles-explained">');
      // Bad role: a translated message, nothing sent.
      const bad = await owner.post(`/fr/companies/${companyId}/invitations`, { email: 'x@example.be', role: 'boss' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('error-summary');
      expect(await latestOutboxTo(t.runtime.deps.db, 'x@example.be')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
