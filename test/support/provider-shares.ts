/**
 * Test set-up for plans shared with IT providers: a verified IT provider organisation (made through the pages, then
 * verified as a platform administrator would), its staff in each role, and a company whose plan has open items.
 */
import { expect } from 'vitest';
import { Browser, linkFrom, type TestApp } from './app.ts';
import { logIn, mailTo, signUpAndVerify } from './flows.ts';
import { completeAssessment } from './organisations.ts';

export async function verifiedProvider(t: TestApp, opts: { name: string; email: string; ip: string; verified?: boolean; person?: string }): Promise<{ b: Browser; orgId: string }> {
  const b = new Browser(t.app, opts.ip);
  await signUpAndVerify(t, b, opts.email, opts.person ?? 'Provider Boss');
  await logIn(b, opts.email);
  await b.get('/en/orgs/new');
  const created = await b.post('/en/orgs', { name: opts.name, kind: 'it_provider', sectors: '' });
  expect(created.statusCode).toBe(303);
  const orgId = /\/orgs\/([0-9a-f-]{36})(?:\/profile\?welcome=1)?$/.exec(String(created.headers.location))![1]!;
  if (opts.verified !== false) {
    const admin = (await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', opts.email).executeTakeFirstOrThrow()).id;
    await t.runtime.deps.db.updateTable('organisations').set({ verified_at: new Date().toISOString(), verified_by: admin }).where('id', '=', orgId).execute();
  }
  return { b, orgId };
}

export async function joinStaff(t: TestApp, owner: Browser, orgId: string, orgName: string, email: string, role: 'org_admin' | 'org_viewer', ip: string, person = 'Tech Person'): Promise<Browser> {
  const b = new Browser(t.app, ip);
  await owner.get(`/en/orgs/${orgId}/staff`);
  expect((await owner.post(`/en/orgs/${orgId}/staff/invite`, { email, role })).statusCode).toBe(303);
  await signUpAndVerify(t, b, email, person);
  await logIn(b, email);
  const link = linkFrom(await mailTo(t, email, orgName), '/org-invitations/');
  await b.get(link);
  expect((await b.post(link, {})).statusCode).toBe(303);
  return b;
}

/** A finished self-assessment answering every question "no": every applicable control is an open plan item. */
export async function companyWithOpenPlan(t: TestApp, companyId: string): Promise<void> {
  await completeAssessment(t.runtime, companyId, 'no');
}

export function shareIdFrom(html: string): string {
  const m = /providers\/shares\/([0-9a-f-]{36})\/revoke/.exec(html);
  if (!m) throw new Error('no share on the page');
  return m[1]!;
}
