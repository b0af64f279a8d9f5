/** Secrets in URLs stay out of request logs (OWASP ASVS 4.0.3 §7.1.1, §8.3.1). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactUrl } from './log-redaction.ts';

const SECRET = 'Zq9_secretTOKENvalue-0123456789';

describe('redactUrl', () => {
  it.each([
    [`/nl/verify-email?token=${SECRET}`, `/nl/verify-email?token=${REDACTED}`],
    [`/fr/reset-password?lang=fr&token=${SECRET}`, `/fr/reset-password?lang=fr&token=${REDACTED}`],
    [`/de/invitations/${SECRET}`, `/de/invitations/${REDACTED}`],
    [`/en/incidents/follow/${SECRET}/ticks?done=x`, `/en/incidents/follow/${REDACTED}/ticks?done=x`],
    [`/en/login?next=%2Fnl%2Finvitations%2F${SECRET}`, `/en/login?next=${REDACTED}`],
    [`/en/login?next=/nl/incidents/follow/${SECRET}`, `/en/login?next=${REDACTED}`],
    [`/en/reset-password?token[]=${SECRET}`, `/en/reset-password?token[]=${REDACTED}`],
    [`/en/reset-password?TOKEN=${SECRET}`, `/en/reset-password?TOKEN=${REDACTED}`],
    [`/learn/${SECRET}`, `/learn/${REDACTED}`],
    [`/learn/unsubscribe/${SECRET}`, `/learn/unsubscribe/${REDACTED}`],
    [`/nl/learn/unsubscribe/${SECRET}`, `/nl/learn/unsubscribe/${REDACTED}`],
    [`/api/v1/training/unsubscribe/${SECRET}`, `/api/v1/training/unsubscribe/${REDACTED}`],
    // Simulated phishing links: the token, and anything a recipient could put in a query (docs/phishing.md).
    [`/p/${SECRET}`, `/p/${REDACTED}`],
    [`/p/${SECRET}/learn?submitted=1`, `/p/${REDACTED}/learn`],
    [`/p/${SECRET}?password=${SECRET}`, `/p/${REDACTED}`],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('leaves ordinary URLs as they are', () => {
    for (const url of ['/nl/learn/lessons/passphrases/quiz', '/nl/learn', '/nl/companies/0f8b?tab=members', '/api/v1/companies', '/en/login?next=%2Fen%2Faccount', '/%ff?x=%zz']) expect(redactUrl(url)).toBe(url);
  });

  it('fuzz: never throws, and a secret put in any of the secret places never survives', () => {
    const place = fc.constantFrom(
      (s: string) => `/nl/invitations/${s}`,
      (s: string) => `/nl/incidents/follow/${s}?a=b`,
      (s: string) => `/nl/verify-email?x=1&token=${s}`,
      (s: string) => `/nl/login?next=${encodeURIComponent(`/nl/invitations/${s}`)}`,
    );
    fc.assert(
      fc.property(place, fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/), fc.string({ maxLength: 200 }), (at, secret, noise) => {
        expect(redactUrl(at(secret))).not.toContain(secret);
        expect(() => redactUrl(noise)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
