import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPublicMailboxDomain, normaliseEmail, recipientRefusal, validatePublicMailboxList } from './domain-rules.ts';

const list = validatePublicMailboxList(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../content/phishing/public-mailbox-domains.json'), 'utf8')));

describe('recipient domain rules (allowed-domains safeguard, docs/phishing.md)', () => {
  it('accepts an address in a verified company domain, and in its subdomains', () => {
    expect(recipientRefusal('an@bakkerij.be', ['bakkerij.be'], list)).toBeNull();
    expect(recipientRefusal('an@Winkel.Bakkerij.BE', ['bakkerij.be'], list)).toBeNull();
  });
  it('refuses a domain the company did not verify, and a look-alike ending', () => {
    expect(recipientRefusal('an@other.be', ['bakkerij.be'], list)).toBe('domain_not_verified');
    expect(recipientRefusal('an@notbakkerij.be', ['bakkerij.be'], list)).toBe('domain_not_verified');
    expect(recipientRefusal('an@bakkerij.be', [], list)).toBe('domain_not_verified');
  });
  it('refuses public mailbox domains even when listed as verified, including subdomains and gmx.* under any suffix', () => {
    expect(recipientRefusal('an@gmail.com', ['gmail.com'], list)).toBe('public_mailbox_domain');
    expect(isPublicMailboxDomain('telenet.be', list)).toBe(true);
    expect(isPublicMailboxDomain('mail.skynet.be', list)).toBe(true);
    expect(isPublicMailboxDomain('gmx.de', list)).toBe(true);
    expect(isPublicMailboxDomain('gmx.co.uk', list)).toBe(true);
    expect(isPublicMailboxDomain('gmx.example.be', list)).toBe(false);
    expect(isPublicMailboxDomain('notgmail.com', list)).toBe(false);
  });
  it('refuses what is not an address', () => {
    expect(recipientRefusal('not an address', ['bakkerij.be'], list)).toBe('invalid_email');
    // Stored lower-case as a whole (RFC 5321 §2.4 discourages case-sensitive local parts): mail-in finds people that way.
    expect(normaliseEmail(' An.Peeters@Bakkerij.BE ')).toBe('an.peeters@bakkerij.be');
    expect(normaliseEmail('a@b')).toBeNull();
  });
  it('the list names its review date and sources', () => {
    expect(list.review.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.review.sources.length).toBeGreaterThan(0);
    expect(() => validatePublicMailboxList({ ...list, review: { date: 'soon', sources: [] } })).toThrow();
  });
});
