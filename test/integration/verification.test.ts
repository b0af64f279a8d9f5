/**
 * Confirming the e-mail address without losing the way (issue 9): `next=` survives sign-up, the confirmation mail
 * and log-in; the log-in page fills in the address just confirmed (sealed in the URL, so the address is never in
 * a URL or log); a new link can be asked for from the "check your mail" page and the log-in page, within limits
 * that apply to unknown addresses too, so the answer does not tell whether an account exists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESEND_LIMITS } from '../../src/app/accounts.ts';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, mailTo, PASSWORD } from '../support/flows.ts';

describe.each(DIALECTS)('e-mail confirmation on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  const verifyMails = async (email: string) => {
    await t.drainJobs();
    return (await latestOutboxTo(t.runtime.deps.db, email)).filter((m) => m.text_body.includes('/verify-email'));
  };

  it('keeps next= from the sign-up page through the mail and log-in', async () => {
    const b = new Browser(t.app);
    const signup = await b.get('/en/signup?next=%2Fen%2Fcompanies%2Fnew');
    expect(signup.body).toContain('name="next" value="/en/companies/new"');
    await b.post('/en/signup', { displayName: 'Ann', email: 'ann@example.be', password: PASSWORD, next: '/en/companies/new' });
    const link = linkFrom(await mailTo(t, 'ann@example.be', 'onfirm'), '/verify-email');
    const verified = await b.get(link);
    const login = String(verified.headers.location);
    expect(new URL(`http://x${login}`).searchParams.get('next')).toBe('/en/companies/new');
    const page = await b.get(login);
    expect(page.body).toContain('name="next" value="/en/companies/new"');
    expect((await b.post('/en/login', { email: 'ann@example.be', password: PASSWORD, next: '/en/companies/new' })).headers.location).toBe('/en/companies/new');
  });

  // CWE-601: a next= to another site is dropped at every step, never put in the mail or the redirect.
  it('drops a next= that leaves the site', async () => {
    const b = new Browser(t.app);
    const signup = await b.get('/en/signup?next=%2F%2Fevil.example%2F');
    expect(signup.body).not.toContain('name="next"');
    await b.post('/en/signup', { displayName: 'Bob', email: 'bob@example.be', password: PASSWORD, next: 'https://evil.example/' });
    const link = linkFrom(await mailTo(t, 'bob@example.be', 'onfirm'), '/verify-email');
    expect(link).not.toContain('next=');
    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    const verified = await b.get(`/en/verify-email?token=${token}&next=%2F%2Fevil.example`);
    expect(verified.statusCode).toBe(303);
    expect(String(verified.headers.location)).not.toContain('evil');
  });

  it('fills in the confirmed address on the log-in page, for an hour, and ignores a tampered hint', async () => {
    const b = new Browser(t.app);
    await b.get('/en/signup');
    await b.post('/en/signup', { displayName: 'Cas', email: 'cas@example.be', password: PASSWORD });
    const verified = await b.get(linkFrom(await mailTo(t, 'cas@example.be', 'onfirm'), '/verify-email'));
    const login = String(verified.headers.location);
    expect(login).not.toContain('cas');
    expect((await b.get(login)).body).toMatch(/id="f-email"[^>]*value="cas@example.be"/);
    const hint = new URL(`http://x${login}`).searchParams.get('hint')!;
    // Change the third-last character to a different one: comparing it with itself (not with the last character)
    // keeps the tampered hint different from the real one every time (it was equal once in 64 runs).
    const swapped = hint.at(-3) === 'A' ? 'B' : 'A';
    const tampered = `${hint.slice(0, -3)}${swapped}${hint.slice(-2)}`;
    expect(tampered).not.toBe(hint);
    for (const bad of [tampered, 'v1.x.y.z', 'nonsense', '']) {
      const res = await b.get(`/en/login?done=verified&hint=${encodeURIComponent(bad)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('value="cas@example.be"');
    }
    t.clock.advance(61 * 60_000);
    expect((await b.get(login)).body).not.toContain('value="cas@example.be"');
  });

  it('sends a new link from the "check your mail" page, keeping next=, and limits how often', async () => {
    const b = new Browser(t.app);
    await b.get('/en/signup');
    const check = await b.post('/en/signup', { displayName: 'Dina', email: 'dina@example.be', password: PASSWORD, next: '/en/account/security' });
    expect(check.body).toContain('action="/en/verify-email/resend"');
    expect(check.body).toMatch(/id="f-email"[^>]*value="dina@example.be"/);
    expect(await verifyMails('dina@example.be')).toHaveLength(1);
    for (let i = 0; i < RESEND_LIMITS.perEmail.max; i++) {
      const res = await b.post('/en/verify-email/resend', { email: 'dina@example.be', next: '/en/account/security' });
      expect(res.statusCode).toBe(200);
    }
    const mails = await verifyMails('dina@example.be');
    expect(mails).toHaveLength(1 + RESEND_LIMITS.perEmail.max);
    expect(linkFrom(mails[0]!.text_body, '/verify-email')).toContain(`next=${encodeURIComponent('/en/account/security')}`);
    // OWASP ASVS 4.0.3 §11.1.4: the next one is refused with a clear message, and no mail goes out.
    const limited = await b.post('/en/verify-email/resend', { email: 'dina@example.be' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Wait an hour');
    expect(await verifyMails('dina@example.be')).toHaveLength(1 + RESEND_LIMITS.perEmail.max);
    // An unknown address is limited the same way, so the answer says nothing about accounts.
    for (let i = 0; i < RESEND_LIMITS.perEmail.max; i++) expect((await b.post('/en/verify-email/resend', { email: 'nobody@example.be' })).statusCode).toBe(200);
    expect((await b.post('/en/verify-email/resend', { email: 'nobody@example.be' })).statusCode).toBe(429);
  });

  it('bad input on the resend form gets a translated message and sends nothing', async () => {
    const b = new Browser(t.app);
    await b.get('/fr/login');
    for (const body of <Record<string, string | string[]>[]>[{}, { email: 'pas-une-adresse' }, { email: ['a@example.be', 'b@example.be'] }, { email: 'x'.repeat(300) }]) {
      const res = await b.post('/fr/verify-email/resend', body);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('error-summary');
    }
    expect(await t.runtime.deps.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('the log-in page of an unconfirmed account offers a new link that keeps next=', async () => {
    const b = new Browser(t.app);
    await b.get('/en/signup');
    await b.post('/en/signup', { displayName: 'Eli', email: 'eli@example.be', password: PASSWORD });
    await b.get('/en/login?next=%2Fen%2Faccount%2Fsessions');
    const refused = await b.post('/en/login', { email: 'eli@example.be', password: PASSWORD, next: '/en/account/sessions' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toMatch(/action="\/en\/verify-email\/resend"[\s\S]*name="next" value="\/en\/account\/sessions"/);
    expect((await b.post('/en/verify-email/resend', { email: 'eli@example.be', next: '/en/account/sessions' })).statusCode).toBe(200);
    const mails = await verifyMails('eli@example.be');
    expect(linkFrom(mails[0]!.text_body, '/verify-email')).toContain(`next=${encodeURIComponent('/en/account/sessions')}`);
    const verified = await b.get(linkFrom(mails[0]!.text_body, '/verify-email'));
    await b.get(String(verified.headers.location));
    expect((await logIn(b, 'eli@example.be')).statusCode).toBe(303);
  });
});
