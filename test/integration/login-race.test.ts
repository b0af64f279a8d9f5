/**
 * The attack: many password guesses sent at once, so that each one is checked before any failure is counted.
 * Each attempt must reserve its place under the limit before the password is checked (OWASP ASVS 4.0.3 §2.2.1,
 * anti-automation; NIST SP 800-63B §5.2.2, rate limiting), per account and per address.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { PASSWORD, signUpAndVerify } from '../support/flows.ts';

async function auditCount(t: TestApp, type: string): Promise<number> {
  const r = await t.runtime.deps.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', type).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(DIALECTS)('parallel log-in attempts on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('30 guesses at once on one account: at most 5 passwords are checked, the rest are refused', async () => {
    const victim = new Browser(t.app);
    await signUpAndVerify(t, victim, 'victim@example.be');
    // Different addresses, so only the account limit (5 per 15 minutes) applies.
    const attackers = Array.from({ length: 30 }, (_, i) => new Browser(t.app, `203.0.113.${i + 1}`));
    for (const a of attackers) await a.get('/en/login');
    const answers = await Promise.all(attackers.map((a, i) => a.post('/en/login', { email: 'victim@example.be', password: `guess-number-${i}`, next: '/en/account' })));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(25);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    expect(await auditCount(t, 'user.login_failed')).toBeLessThanOrEqual(5);
    // The right password, sent now, is refused too: the account is locked for the window.
    expect((await attackers[0]!.post('/en/login', { email: 'victim@example.be', password: PASSWORD })).statusCode).toBe(429);
  });

  it('60 guesses at once from one address over many accounts: at most 20 are checked', async () => {
    const attacker = new Browser(t.app, '198.51.100.66');
    await attacker.get('/en/login');
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => attacker.post('/en/login', { email: `user${i}@example.be`, password: 'guess-password-1' })));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(20);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(40);
  });

  it('a successful log-in does not use up the address limit of an office that shares one address', async () => {
    const office = '192.0.2.10';
    for (let i = 0; i < 3; i++) await signUpAndVerify(t, new Browser(t.app), `staff${i}@example.be`);
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 3; i++) {
        const b = new Browser(t.app, office);
        await b.get('/en/login');
        expect((await b.post('/en/login', { email: `staff${i}@example.be`, password: PASSWORD })).statusCode).toBe(303);
      }
    }
  });
});
