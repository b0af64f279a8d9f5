/**
 * Signed-in pages sent again while nothing they show has changed (src/http/session-page-cache.ts, decision 0012),
 * over a real loopback connection on both engines (inject() does not pass the server's front path). The account page
 * is the route that opts in. A stored page must never outlive what backs it: a change to anything the page shows,
 * a sign-out, a revoked session, the last-seen time that is due, another visitor, or another cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, ownerWithCompany, signUpAndVerify } from '../support/flows.ts';

describe.each(DIALECTS)('stored signed-in pages on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let owner: Browser;
  let companyId: string;
  const db = () => t.runtime.deps.db;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t, 'stored-owner@example.be'));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const cookieOf = (b: Browser) => `schild_csrf=${b.cookies.get('schild_csrf')}; schild_session=${b.cookies.get('schild_session')}`;
  const account = async (b: Browser, extra = '', path = '/en/account') => {
    const res = await fetch(`${base}${path}`, { headers: { cookie: cookieOf(b) + extra }, redirect: 'manual' });
    return { status: res.status, body: await res.text(), headers: res.headers };
  };
  const served = () => t.app.frontCache.servedSignedIn;
  /** Views the page twice: the first may be rendered, the second must come from the stored copy. */
  async function stored(b: Browser) {
    await account(b);
    const before = served();
    const again = await account(b);
    expect(served()).toBe(before + 1);
    expect(again.status).toBe(200);
    return again;
  }

  it('sends the page again from the stored copy, with the same bytes and headers', async () => {
    const first = await account(owner);
    const before = served();
    const second = await account(owner);
    expect(served()).toBe(before + 1);
    expect(second.status).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.body).toContain('Test Owner');
    expect(second.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(second.headers.get('set-cookie')).toBeNull();
  });

  it('shows every change to what the page lists at once', async () => {
    const changes: [string, () => Promise<unknown>, string][] = [
      ['the user’s name', () => db().updateTable('users').set({ display_name: 'Renamed Owner' }).where('email', '=', 'stored-owner@example.be').execute(), 'Renamed Owner'],
      ['a company’s name', () => db().updateTable('companies').set({ name: 'Bakkerij Hernoemd' }).where('id', '=', companyId).execute(), 'Bakkerij Hernoemd'],
    ];
    for (const [what, change, shows] of changes) {
      await stored(owner);
      const before = served();
      await change();
      const after = await account(owner);
      expect(served(), what).toBe(before);
      expect(after.body, what).toContain(shows);
      // And the new page is stored in turn.
      expect((await stored(owner)).body, what).toContain(shows);
    }
  });

  it('shows an invitation to the user’s address, and a company they were removed from is gone', async () => {
    const other = new Browser(t.app);
    await signUpAndVerify(t, other, 'stored-other@example.be', 'Other Person');
    await logIn(other, 'stored-other@example.be');
    expect((await stored(other)).body).not.toContain('Bakkerij Hernoemd');
    await owner.get(`/en/companies/${companyId}/members`);
    expect((await owner.post(`/en/companies/${companyId}/invitations`, { email: 'stored-other@example.be', role: 'member' })).statusCode).toBe(303);
    const invited = await account(other);
    expect(invited.body).toContain('Bakkerij Hernoemd');
    // A membership the database removes disappears from the stored page of its user.
    const otherId = (await db().selectFrom('users').select('id').where('email', '=', 'stored-other@example.be').executeTakeFirstOrThrow()).id;
    await db().insertInto('memberships').values({ company_id: companyId, user_id: otherId, role: 'member', created_at: new Date().toISOString() }).execute();
    expect((await stored(other)).body).toContain(`/en/companies/${companyId}`);
    await db().deleteFrom('memberships').where('user_id', '=', otherId).execute();
    expect((await account(other)).body).not.toContain(`/en/companies/${companyId}"`);
  });

  it('never sends one visitor’s page to another, nor to a request with another cookie or a query', async () => {
    const mine = await stored(owner);
    const other = new Browser(t.app);
    await signUpAndVerify(t, other, 'stored-third@example.be', 'Third Person');
    await logIn(other, 'stored-third@example.be');
    const before = served();
    const theirs = await account(other);
    expect(theirs.body).toContain('Third Person');
    expect(theirs.body).not.toBe(mine.body);
    // Another cookie beside the two (a quick-scan draft, say) or a query: the normal way.
    expect((await account(owner, '; schild_qs=abc')).status).toBe(200);
    expect((await account(owner, '', '/en/account?done=session_revoked')).status).toBe(200);
    expect(served()).toBe(before);
  });

  it('a signed-out or revoked session gets the normal answer, never the stored page', async () => {
    const gone = new Browser(t.app);
    await logIn(gone, 'stored-owner@example.be');
    await stored(gone);
    const cookie = cookieOf(gone);
    const before = served();
    expect((await gone.post('/en/logout', {})).statusCode).toBe(303);
    const after = await fetch(`${base}/en/account`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toContain('/en/login');
    expect(served()).toBe(before);

    // Revoked from another of the user's sessions.
    const revoked = new Browser(t.app);
    await logIn(revoked, 'stored-owner@example.be');
    await stored(revoked);
    await db().updateTable('sessions').set({ revoked_at: new Date().toISOString() }).where('revoked_at', 'is', null).where('id', '!=', 'none').execute();
    expect((await account(revoked)).status).toBe(303);
    expect(served()).toBe(before + 1);
  });

  it('lets the normal path write the last-seen time when it is due, then stores again', async () => {
    const b = new Browser(t.app);
    await logIn(b, 'stored-owner@example.be');
    await stored(b);
    const seen = async () => (await db().selectFrom('sessions').select('last_seen_at').where('revoked_at', 'is', null).orderBy('last_seen_at', 'desc').executeTakeFirstOrThrow()).last_seen_at;
    const before = await seen();
    t.clock.advance(61_000);
    const count = served();
    expect((await account(b)).status).toBe(200);
    expect(served()).toBe(count);
    expect(await seen()).not.toBe(before);
    await stored(b);
  });
});
