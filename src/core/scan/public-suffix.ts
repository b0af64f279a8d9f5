/**
 * Public suffixes (`be`, `co.uk`, `ac.be`, `github.io`) from the Public Suffix List (publicsuffix.org) through tldts,
 * which ships the list and is updated with it; never a built-in list. The private section is included because
 * browsers use it for cookie scope (RFC 6265 §5.3 step 5) and it marks where separate owners begin.
 */
import { parse } from 'tldts';

const OPTIONS = { allowPrivateDomains: true } as const;

/** The public suffix of a host name; an unknown TLD is one label (the list's default rule "*"). */
export function publicSuffixOf(host: string): string {
  return parse(host, OPTIONS).publicSuffix ?? host.split('.').at(-1) ?? host;
}

/** True when the name itself is a public suffix, so nobody can register under it as "their" domain. */
export function isPublicSuffix(name: string): boolean {
  const parsed = parse(name, OPTIONS);
  return parsed.publicSuffix === name && parsed.domain === null;
}

