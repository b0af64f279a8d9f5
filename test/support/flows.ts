/** Shared user journeys for integration tests: sign up and verify, log in, create a company, invite and join. */
import { expect } from 'vitest';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { Browser, linkFrom, type TestApp } from './app.ts';

export const PASSWORD = 'correct-horse-battery-staple';

export async function mailTo(t: TestApp, email: string, subjectPart: string): Promise<string> {
  await t.drainJobs();
  const mails = await latestOutboxTo(t.runtime.deps.db, email);
  const mail = mails.find((m) => m.subject.includes(subjectPart));
  if (!mail) throw new Error(`No mail "${subjectPart}" to ${email}; have: ${mails.map((m) => m.subject).join(' | ')}`);
  expect(['logged', 'sent']).toContain(mail.status);
  return mail.text_body;
}

export async function signUpAndVerify(t: TestApp, b: Browser, email: string, name = 'Test Owner'): Promise<void> {
  await b.get('/en/signup');
  const res = await b.post('/en/signup', { displayName: name, email, password: PASSWORD });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('Check your');
  const link = linkFrom(await mailTo(t, email, 'onfirm'), '/verify-email');
  const verified = await b.get(link);
  expect(verified.statusCode).toBe(303);
  expect(verified.headers.location).toMatch(/^\/en\/login\?done=verified&hint=[^&]+$/);
}

export async function logIn(b: Browser, email: string, password = PASSWORD) {
  await b.get('/en/login');
  return b.post('/en/login', { email, password, next: '/en/account' });
}

export const PROFILE = {
  name: 'Boekhouding Peeters',
  enterpriseNumber: 'BE 0403.170.701',
  naceCode: '69.2',
  employees: '4',
  region: 'flanders',
  language: 'nl',
  website: 'yes',
  webshop: 'no',
  emailProvider: 'microsoft365',
  cardPayments: 'no',
  personalData: 'sensitive',
  remoteWork: 'yes',
  itProvider: 'yes',
};

export async function ownerWithCompany(t: TestApp, email = 'owner@example.be'): Promise<{ b: Browser; companyId: string }> {
  const b = new Browser(t.app);
  await signUpAndVerify(t, b, email);
  await logIn(b, email);
  await b.get('/en/companies/new');
  const res = await b.post('/en/companies', PROFILE);
  expect(res.statusCode).toBe(303);
  const companyId = /\/en\/companies\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1];
  expect(companyId).toBeTruthy();
  return { b, companyId: companyId! };
}

export async function inviteAndJoin(t: TestApp, owner: Browser, companyId: string, email: string, role = 'member'): Promise<Browser> {
  await owner.get(`/en/companies/${companyId}/members`);
  const invited = await owner.post(`/en/companies/${companyId}/invitations`, { email, role });
  expect(invited.statusCode).toBe(303);
  await t.drainJobs();
  const mail = (await latestOutboxTo(t.runtime.deps.db, email)).find((m) => m.text_body.includes('/invitations/'));
  expect(mail).toBeDefined();
  const link = linkFrom(mail!.text_body, '/invitations/');
  const m = new Browser(t.app);
  await signUpAndVerify(t, m, email, 'Colleague');
  await logIn(m, email);
  const page = await m.get(link);
  expect(page.statusCode).toBe(200);
  const accepted = await m.post(link, {});
  expect(accepted.statusCode).toBe(303);
  expect(accepted.headers.location).toBe(`/nl/companies/${companyId}?done=joined`);
  return m;
}


/** The TOTP key as the set-up page shows it (in blocks of four), without the spaces. */
export function totpSecretFrom(html: string): string | undefined {
  return /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/ /g, '');
}

/** Switches on two-step log-in for the signed-in browser; returns the TOTP secret. */
export async function enableTotp(b: Browser, at: Date = new Date()): Promise<string> {
  const { currentTotp } = await import('../../src/adapters/totp.ts');
  await b.get('/en/account/security');
  await b.post('/en/account/security/setup', {});
  const setup = await b.get('/en/account/security');
  const secret = totpSecretFrom(setup.body);
  expect(secret).toBeTruthy();
  const ok = await b.post('/en/account/security/confirm', { code: currentTotp(secret!, at) });
  expect(ok.statusCode).toBe(200);
  return secret!;
}
