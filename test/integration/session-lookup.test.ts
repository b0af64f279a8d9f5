/**
 * Every signed-in request reads its session and user in one query (issue 13: fewer queries per page). The joined
 * lookup must answer exactly what the two separate lookups answered: the same user, nothing for a revoked or
 * expired session (OWASP ASVS 4.0.3 §3.3.1: a session ends on log-out and on expiry), and never another person.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrations.ts';
import { findLiveSession, findLiveSessionWithUser, insertSession, revokeSession } from '../../src/db/repositories/session.repository.ts';
import { findUserById, insertUser } from '../../src/db/repositories/user.repository.ts';
import { DIALECTS, freshMigratedDatabase } from '../support/dialects.ts';

const NOW = '2026-12-06T10:00:00.000Z';

async function person(db: Db, n: number, extra: { admin?: boolean; totp?: boolean } = {}) {
  const id = `00000000-0000-4000-8000-00000000000${n}`;
  await insertUser(db.db, {
    id,
    email: `p${n}@example.test`,
    password_hash: 'x',
    display_name: `Person ${n}`,
    locale: n === 1 ? 'fr' : 'de',
    email_verified_at: NOW,
    totp_secret: extra.totp ? 'sealed' : null,
    totp_enabled_at: extra.totp ? NOW : null,
    is_admin: extra.admin ? 1 : 0,
    created_at: NOW,
  });
  const session = `s${n}`.padEnd(64, '0');
  await insertSession(db.db, { id: session, user_id: id, stage: 'full', created_at: NOW, last_seen_at: NOW, expires_at: '2026-12-20T10:00:00.000Z', ip: '127.0.0.1', user_agent: 'test', revoked_at: null });
  return { id, session };
}

describe.each(DIALECTS)('session and user in one query (%s)', (dialect) => {
  let db: Db;
  beforeEach(async () => {
    db = openDatabase(await freshMigratedDatabase(dialect));
    await migrateToLatest(db.db, db.dialect);
  });
  afterEach(() => db.close());

  it('answers what the session and user lookups answered, each person their own', async () => {
    const a = await person(db, 1, { admin: true, totp: true });
    const b = await person(db, 2);
    for (const p of [a, b]) {
      const found = await findLiveSessionWithUser(db.db, p.session, NOW);
      expect(found?.session).toEqual(await findLiveSession(db.db, p.session, NOW));
      expect(found?.user).toEqual(await findUserById(db.db, p.id));
    }
    expect((await findLiveSessionWithUser(db.db, a.session, NOW))?.user.isAdmin).toBe(true);
    expect((await findLiveSessionWithUser(db.db, b.session, NOW))?.user.totpEnabled).toBe(false);
  });

  it('finds nothing for a revoked, an expired or an unknown session', async () => {
    const a = await person(db, 1);
    expect(await findLiveSessionWithUser(db.db, a.session, '2026-12-21T00:00:00.000Z')).toBeUndefined();
    expect(await findLiveSessionWithUser(db.db, 'f'.repeat(64), NOW)).toBeUndefined();
    await revokeSession(db.db, a.id, a.session, NOW);
    expect(await findLiveSessionWithUser(db.db, a.session, NOW)).toBeUndefined();
  });
});
