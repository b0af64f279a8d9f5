/**
 * Migration 029's triggers (decision 0012): a user's view version moves with every change to what their account page
 * shows, and only for the users it concerns, on both engines. A stored account page is sent again only while the
 * version it was rendered at is current, so a trigger that misses a change would show a stale page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { databaseErrorCode } from '../../src/http/db-errors.ts';
import { transact } from '../../src/db/transaction.ts';
import { ownerWithCompany, signUpAndVerify } from '../support/flows.ts';

describe.each(DIALECTS)('user view versions on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  let ownerId: string;
  let otherId: string;
  const OTHER = 'versions-other@example.be';
  const db = () => t.runtime.deps.db;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ companyId } = await ownerWithCompany(t, 'versions-owner@example.be'));
    await signUpAndVerify(t, new Browser(t.app), OTHER, 'Other');
    const users = await db().selectFrom('users').select(['id', 'email']).execute();
    ownerId = users.find((u) => u.email === 'versions-owner@example.be')!.id;
    otherId = users.find((u) => u.email === OTHER)!.id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const version = async (userId: string) => Number((await db().selectFrom('user_versions').select('version').where('user_id', '=', userId).executeTakeFirst())?.version ?? 0);
  /** How much each user's version moved during `change`. */
  async function moved(change: () => Promise<unknown>): Promise<{ owner: number; other: number }> {
    const [o, x] = [await version(ownerId), await version(otherId)];
    await change();
    return { owner: (await version(ownerId)) - o, other: (await version(otherId)) - x };
  }
  const now = () => new Date().toISOString();

  // Two transactions that change two users in opposite orders wait on each other's rows (the users' and their view
  // versions'); PostgreSQL aborts one
  // with SQLSTATE 40P01 (manual §13.3.4, "Deadlocks"), which the application must retry. It is a clear, retryable
  // "unavailable" (503 with Retry-After and a translated message), never a 500.
  it.runIf(dialect === 'postgres')('a deadlock (two users and their view versions, changed in opposite orders) is a retryable "unavailable", not a 500 (SQLSTATE 40P01)', async () => {
    let release!: () => void;
    const bothHoldOne = new Promise<void>((r) => (release = r));
    let holding = 0;
    const hold = async () => {
      if (++holding === 2) release();
      await bothHoldOne;
    };
    const rename = (first: string, second: string) =>
      db()
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('users').set({ display_name: 'Deadlock' }).where('id', '=', first).execute();
          await hold();
          await trx.updateTable('users').set({ display_name: 'Deadlock' }).where('id', '=', second).execute();
        });
    const outcomes = await Promise.allSettled([rename(ownerId, otherId), rename(otherId, ownerId)]);
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect((failed[0]!.reason as { code?: string }).code).toBe('40P01');
    expect(databaseErrorCode(failed[0]!.reason)).toBe('unavailable');
  });

  // transact() (src/db/transaction.ts) runs the aborted one again in a new transaction: both changes land, and no
  // request sees the 503 (PostgreSQL manual §13.3.4: applications should be prepared to retry).
  it.runIf(dialect === 'postgres')('through transact(), the same deadlock is run again and both transactions commit', async () => {
    let release!: () => void;
    const bothHoldOne = new Promise<void>((r) => (release = r));
    let holding = 0;
    let runs = 0;
    const rename = (first: string, second: string, name: string) =>
      transact(db(), async (trx) => {
        runs++;
        await trx.updateTable('users').set({ display_name: name }).where('id', '=', first).execute();
        if (++holding === 2) release();
        await bothHoldOne;
        await trx.updateTable('users').set({ display_name: name }).where('id', '=', second).execute();
        return name;
      });
    expect(await Promise.all([rename(ownerId, otherId, 'Deadlock A'), rename(otherId, ownerId, 'Deadlock B')])).toEqual(['Deadlock A', 'Deadlock B']);
    expect(runs).toBe(3); // two, and the one PostgreSQL aborted, once more
    const names = await db().selectFrom('users').select('display_name').where('id', 'in', [ownerId, otherId]).execute();
    // Both users carry the name of the transaction that committed last, whole: no mix of the two.
    expect(new Set(names.map((n) => n.display_name)).size).toBe(1);
  });

  it('users: a change to the user moves only that user', async () => {
    expect(await moved(() => db().updateTable('users').set({ display_name: 'Renamed' }).where('id', '=', ownerId).execute())).toEqual({ owner: 1, other: 0 });
  });

  it('memberships: joining, a new role and leaving move the member', async () => {
    expect(await moved(() => db().insertInto('memberships').values({ company_id: companyId, user_id: otherId, role: 'member', created_at: now() }).execute())).toEqual({ owner: 0, other: 1 });
    expect(await moved(() => db().updateTable('memberships').set({ role: 'admin' }).where('user_id', '=', otherId).execute())).toEqual({ owner: 0, other: 1 });
    // A renamed company moves every member.
    expect(await moved(() => db().updateTable('companies').set({ name: 'Renamed company' }).where('id', '=', companyId).execute())).toEqual({ owner: 1, other: 1 });
    expect(await moved(() => db().deleteFrom('memberships').where('user_id', '=', otherId).execute())).toEqual({ owner: 0, other: 1 });
  });

  it('invitations: sent, renamed company, revoked and deleted move the invited address only', async () => {
    const invitation = { id: crypto.randomUUID(), company_id: companyId, email: OTHER, role: 'member', token_hash: crypto.randomUUID(), invited_by: ownerId, expires_at: '2099-01-01T00:00:00.000Z', created_at: now() };
    expect(await moved(() => db().insertInto('invitations').values(invitation).execute())).toEqual({ owner: 0, other: 1 });
    // The invited person sees the company's name in the invitation; the owner is a member.
    expect(await moved(() => db().updateTable('companies').set({ name: 'Renamed again' }).where('id', '=', companyId).execute())).toEqual({ owner: 1, other: 1 });
    expect(await moved(() => db().updateTable('invitations').set({ revoked_at: now() }).where('id', '=', invitation.id).execute())).toEqual({ owner: 0, other: 1 });
    expect(await moved(() => db().deleteFrom('invitations').where('id', '=', invitation.id).execute())).toEqual({ owner: 0, other: 1 });
    // An invitation to an address nobody has yet moves nobody.
    expect(await moved(() => db().insertInto('invitations').values({ ...invitation, id: crypto.randomUUID(), token_hash: crypto.randomUUID(), email: 'nobody-yet@example.be' }).execute())).toEqual({ owner: 0, other: 0 });
  });

  it('organisations: staff added, organisation renamed, staff removed move the staff member', async () => {
    const orgId = crypto.randomUUID();
    expect(await moved(() => db().insertInto('organisations').values({ id: orgId, name: 'Federation', kind: 'federation', sectors: '[]', verified_at: null, verified_by: null, created_by: ownerId, created_at: now() }).execute())).toEqual({ owner: 0, other: 0 });
    expect(await moved(() => db().insertInto('organisation_staff').values({ organisation_id: orgId, user_id: otherId, role: 'org_owner', created_at: now() }).execute())).toEqual({ owner: 0, other: 1 });
    expect(await moved(() => db().updateTable('organisations').set({ name: 'Federation renamed' }).where('id', '=', orgId).execute())).toEqual({ owner: 0, other: 1 });
    expect(await moved(() => db().updateTable('organisation_staff').set({ role: 'org_viewer' }).where('organisation_id', '=', orgId).execute())).toEqual({ owner: 0, other: 1 });
    expect(await moved(() => db().deleteFrom('organisation_staff').where('organisation_id', '=', orgId).execute())).toEqual({ owner: 0, other: 1 });
  });

  it('one statement over many rows moves each user it concerns', async () => {
    // Two companies' memberships for both users, then one statement that changes all four rows. SQLite counts per row,
    // PostgreSQL once per statement (a statement trigger): either way each user moves and nobody else does.
    const second = crypto.randomUUID();
    const company = await db().selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirstOrThrow();
    await db().insertInto('companies').values({ ...company, id: second, name: 'Second company' }).execute();
    const rows = [companyId, second].flatMap((c) => [otherId].map((u) => ({ company_id: c, user_id: u, role: 'member', created_at: now() })));
    await db().insertInto('memberships').values(rows).execute();
    const all = await moved(() => db().updateTable('memberships').set({ role: 'admin' }).where('user_id', '=', otherId).execute());
    expect(all.other).toBeGreaterThanOrEqual(1);
    expect(all.owner).toBe(0);
    const both = await moved(() => db().updateTable('companies').set({ language: 'fr' }).where('id', 'in', [companyId, second]).execute());
    expect(both.owner).toBeGreaterThanOrEqual(1);
    expect(both.other).toBeGreaterThanOrEqual(1);
    if (dialect === 'postgres') expect(both).toEqual({ owner: 1, other: 1 });
    await db().deleteFrom('memberships').where('user_id', '=', otherId).execute();
  });

  it('a write elsewhere moves nobody', async () => {
    expect(await moved(() => db().insertInto('rate_limits').values({ key: `versions-${dialect}`, window_start: now(), count: 1 }).execute())).toEqual({ owner: 0, other: 0 });
  });
});
