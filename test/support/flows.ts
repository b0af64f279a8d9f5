/** Shared user journeys for integration tests: sign up and verify, log in, create a company, invite and join. */
import { expect } from 'vitest';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { Browser, linkFrom, type TestApp } from './app.ts';
import type { ScanLab } from './scan/lab.ts';

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

/**
 * A new company that watches good.test on the scanner lab: the domain added and its ownership proved by DNS TXT, its
 * first monitoring scan queued (not run). Returns the owner's browser, the company, the domains page and the domain id.
 */
export async function ownerWatchingGoodTest(t: TestApp, lab: Pick<ScanLab, 'setRecord'>, email: string): Promise<{ b: Browser; companyId: string; base: string; id: string }> {
  const { b, companyId } = await ownerWithCompany(t, email);
  const base = `/en/companies/${companyId}/domains`;
  await b.get(base);
  await b.post(base, { domain: 'good.test' });
  const page = await b.get(base);
  const token = /schild-verification=([A-Za-z0-9_-]+)/.exec(page.body)![1]!;
  const id = /domains\/([0-9a-f-]{36})\/verify/.exec(page.body)![1]!;
  lab.setRecord('good.test', { name: '_schild-verification', type: 'TXT', data: `schild-verification=${token}` });
  expect((await b.post(`${base}/${id}/verify`, {})).headers.location).toBe(`${base}?done=verified`);
  return { b, companyId, base, id };
}

/** Wall-clock time in Brussels as the incident wizard's awareAt answer wants it ("2026-11-20T09:00"). */
export function brusselsWallClock(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d).replace(' ', 'T');
}

/**
 * The owner reports a ransomware incident with personal data, under NIS2 as an important entity, aware of it now: its
 * deadline reminders are queued for the owner and every admin. The earliest reminder is made due now; returns its job.
 */
export async function incidentWithReminderDue(t: TestApp, b: Browser, companyId: string): Promise<number> {
  const q = { category: 'ransomware', awareAt: '', ongoing: 'yes', personalData: 'yes', specialCategoryData: 'no', dataEncrypted: 'no', gdprRole: 'controller', nis2: 'important', moneyLost: 'no', cardDataExposed: 'no', extortion: 'yes', insured: 'yes' };
  q.awareAt = brusselsWallClock(new Date());
  await b.get(`/en/incident/report?${new URLSearchParams(q).toString()}`);
  expect((await b.post(`/en/companies/${companyId}/incidents`, q)).statusCode).toBe(303);
  const db = t.runtime.deps.db;
  const first = await db.selectFrom('jobs').select('id').where('type', '=', 'incident-reminder').orderBy('run_at').limit(1).executeTakeFirstOrThrow();
  await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', first.id).execute();
  return first.id;
}

