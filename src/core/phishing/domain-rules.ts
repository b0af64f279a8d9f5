/**
 * Who may receive a simulated phishing mail. Only staff of the company itself: an address in a domain the company
 * proved it controls (a DNS TXT record or a file on its website, see app/domains.ts), never an address at a public
 * mailbox service, where the domain proves nothing about who the person works for. This is the "allowed domains"
 * safeguard KnowBe4 and Microsoft use (docs/phishing.md, reviewed 2026-12-06). Pure: values in, values out.
 */
import { parse } from 'tldts';

export type DomainRefusal = 'invalid_email' | 'domain_not_verified' | 'public_mailbox_domain';

export interface PublicMailboxList {
  review: { date: string; sources: string[] };
  why: string;
  /** Exact registrable domains ("gmail.com") or a name under any public suffix ("gmx.*" = gmx.de, gmx.net, …). */
  domains: string[];
}

// A practical address shape (RFC 5322 §3.4.1 addr-spec without quoted local parts or address literals, which
// staff directories do not use); the mailbox server decides the rest.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$/;

/**
 * The address in the canonical form we store (trimmed, all lower-case), or null when it is not an address. The local
 * part is lower-cased too: RFC 5321 §2.4 lets a host treat it case-sensitively but says exploiting that "impedes
 * interoperability and is discouraged", and no mailbox service a small business uses does so. One form means one
 * person per mailbox on the staff list and lets mail-in find the person who forwarded a mail (it compares lower-case).
 */
export function normaliseEmail(input: string): string | null {
  const s = input.trim();
  if (s.length > 254) return null;
  const m = EMAIL.exec(s);
  if (!m) return null;
  return s.toLowerCase();
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function validatePublicMailboxList(input: unknown): PublicMailboxList {
  const o = input as Partial<PublicMailboxList> | null;
  if (!o || typeof o !== 'object') throw new Error('public-mailbox-domains.json: expected an object');
  if (!o.review || !/^\d{4}-\d{2}-\d{2}$/.test(String(o.review.date)) || !Array.isArray(o.review.sources) || o.review.sources.length === 0) {
    throw new Error('public-mailbox-domains.json: review.date (YYYY-MM-DD) and review.sources are required');
  }
  if (typeof o.why !== 'string' || !o.why.trim()) throw new Error('public-mailbox-domains.json: "why" is required');
  if (!Array.isArray(o.domains) || o.domains.length === 0) throw new Error('public-mailbox-domains.json: "domains" must be a non-empty list');
  for (const d of o.domains) {
    if (typeof d !== 'string' || !/^[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?$/.test(d)) throw new Error(`public-mailbox-domains.json: bad entry ${JSON.stringify(d)}`);
  }
  return { review: o.review, why: o.why, domains: o.domains };
}

/** True when the domain, or a domain it is a subdomain of, is a public mailbox service. */
export function isPublicMailboxDomain(domain: string, list: PublicMailboxList): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  const parsed = parse(d, { allowPrivateDomains: false });
  for (const entry of list.domains) {
    if (entry.endsWith('.*')) {
      // "gmx.*": the registrable domain's own label is "gmx", under whatever public suffix (gmx.de, gmx.co.uk).
      if (parsed.domainWithoutSuffix === entry.slice(0, -2)) return true;
    } else if (d === entry || d.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The verified company domain an address belongs to (its own or a parent: control of a zone covers its subdomains). */
export function verifiedDomainFor(domain: string, verifiedDomains: readonly string[]): string | null {
  const d = domain.toLowerCase();
  for (const v of verifiedDomains) {
    const vd = v.toLowerCase();
    if (d === vd || d.endsWith(`.${vd}`)) return vd;
  }
  return null;
}

/**
 * Why an address may not receive a simulation, or null when it may. The public-mailbox rule goes first: even a
 * "verified" gmail.com (impossible in practice) must never be a target.
 */
export function recipientRefusal(email: string, verifiedDomains: readonly string[], list: PublicMailboxList): DomainRefusal | null {
  const normalised = normaliseEmail(email);
  if (!normalised) return 'invalid_email';
  const domain = domainOf(normalised);
  if (isPublicMailboxDomain(domain, list)) return 'public_mailbox_domain';
  if (!verifiedDomainFor(domain, verifiedDomains)) return 'domain_not_verified';
  return null;
}
