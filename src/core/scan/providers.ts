/**
 * Who runs the domain's mail, DNS and website, guessed from the snapshot: MX hosts and SPF includes for mail, NS
 * hosts for DNS, response headers for the web host. The report uses it to name who must make a fix (`who`) and to
 * pick provider-specific steps (`details.providerHint`), which none of the anchors do (external-scan.md §6.1).
 *
 * Matching is on whole labels (`one.com` matches `mx1.one.com`, not `someone.com`). Rules are data; add a provider
 * by adding a row.
 */
import { isSpfRecord, parseSpf } from './spf.ts';
import type { Who } from './check.ts';
import type { HttpHop, Snapshot } from './snapshot.ts';

export const PROVIDER_IDS = [
  'microsoft365',
  'google',
  'combell',
  'one_com',
  'ovh',
  'hostinger',
  'cloudflare',
  'route53',
  'aws',
  'gandi',
  'versio',
  'transip',
  'vimexx',
  'godaddy',
  'vercel',
  'netlify',
  'wix',
  'shopify',
  'squarespace',
  'github_pages',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface Providers {
  mail?: ProviderId;
  dns?: ProviderId;
  web?: ProviderId;
}

interface NameRule {
  provider: ProviderId;
  /** Domain suffixes, matched on label boundaries. */
  suffixes?: string[];
  /** For names a suffix cannot express (Route 53's ns-123.awsdns-45.org). */
  pattern?: RegExp;
}

/** MX exchanges. Microsoft's DNSSEC-signed MX hosts live under mx.microsoft. */
export const MAIL_MX_RULES: readonly NameRule[] = [
  { provider: 'microsoft365', suffixes: ['mail.protection.outlook.com', 'mx.microsoft'] },
  { provider: 'google', suffixes: ['google.com', 'googlemail.com'] },
  { provider: 'combell', suffixes: ['mailprotect.be', 'combell.com', 'combell.net'] },
  { provider: 'one_com', suffixes: ['one.com'] },
  { provider: 'ovh', suffixes: ['ovh.net', 'ovh.com'] },
  { provider: 'hostinger', suffixes: ['hostinger.com'] },
  { provider: 'cloudflare', suffixes: ['mx.cloudflare.net'] },
  { provider: 'gandi', suffixes: ['gandi.net'] },
  { provider: 'versio', suffixes: ['versio.nl', 'versio.eu', 'versio.be'] },
  { provider: 'transip', suffixes: ['transip.email', 'transip.nl', 'transip.net'] },
  { provider: 'vimexx', suffixes: ['vimexx.nl', 'vimexx.be'] },
  { provider: 'godaddy', suffixes: ['secureserver.net'] },
];

/** SPF include:/redirect= targets, used when the MX points elsewhere (e.g. a filtering gateway in front of M365). */
export const MAIL_SPF_RULES: readonly NameRule[] = [
  { provider: 'microsoft365', suffixes: ['spf.protection.outlook.com'] },
  { provider: 'google', suffixes: ['_spf.google.com'] },
  { provider: 'combell', suffixes: ['mailprotect.be', 'combell.com'] },
  { provider: 'one_com', suffixes: ['one.com'] },
  { provider: 'ovh', suffixes: ['mx.ovh.com', 'ovh.net'] },
  { provider: 'hostinger', suffixes: ['hostinger.com'] },
  { provider: 'gandi', suffixes: ['gandi.net'] },
  { provider: 'versio', suffixes: ['versio.nl', 'versio.eu'] },
  { provider: 'transip', suffixes: ['transip.email', 'transip.nl'] },
  { provider: 'vimexx', suffixes: ['vimexx.nl'] },
  { provider: 'godaddy', suffixes: ['secureserver.net'] },
];

export const DNS_NS_RULES: readonly NameRule[] = [
  { provider: 'cloudflare', suffixes: ['ns.cloudflare.com'] },
  { provider: 'route53', pattern: /^ns-\d+\.awsdns-\d+\.(com|net|org|co\.uk)$/ },
  { provider: 'combell', suffixes: ['combell.net', 'combell.com'] },
  { provider: 'one_com', suffixes: ['one.com'] },
  { provider: 'ovh', suffixes: ['ovh.net', 'ovh.ca'] },
  { provider: 'hostinger', suffixes: ['dns-parking.com', 'hostinger.com'] },
  { provider: 'gandi', suffixes: ['gandi.net'] },
  { provider: 'versio', suffixes: ['versio.nl', 'versio.eu', 'versio.be'] },
  { provider: 'transip', suffixes: ['transip.net', 'transip.nl', 'transip.eu'] },
  { provider: 'vimexx', suffixes: ['vimexx.nl', 'vimexx.be'] },
  { provider: 'godaddy', suffixes: ['domaincontrol.com'] },
  { provider: 'microsoft365', suffixes: ['bdm.microsoftonline.com'] },
  { provider: 'google', suffixes: ['googledomains.com'] },
];

/** Response-header fingerprints of web hosts and CDNs; first match wins. */
export const WEB_HEADER_RULES: readonly { provider: ProviderId; header: string; pattern?: RegExp }[] = [
  { provider: 'cloudflare', header: 'cf-ray' },
  { provider: 'cloudflare', header: 'server', pattern: /^cloudflare/i },
  { provider: 'aws', header: 'x-amz-cf-id' },
  { provider: 'aws', header: 'server', pattern: /^(AmazonS3|CloudFront)/i },
  { provider: 'vercel', header: 'x-vercel-id' },
  { provider: 'netlify', header: 'x-nf-request-id' },
  { provider: 'wix', header: 'x-wix-request-id' },
  { provider: 'shopify', header: 'x-shopid' },
  { provider: 'squarespace', header: 'server', pattern: /^Squarespace/i },
  { provider: 'github_pages', header: 'server', pattern: /^GitHub\.com$/i },
  { provider: 'hostinger', header: 'platform', pattern: /^hostinger$/i },
];

function matchesSuffix(name: string, suffix: string): boolean {
  return name === suffix || name.endsWith(`.${suffix}`);
}

function matchName(name: string, rules: readonly NameRule[]): ProviderId | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  return rules.find((r) => r.suffixes?.some((s) => matchesSuffix(n, s)) || r.pattern?.test(n))?.provider;
}

function firstMatch(names: string[], rules: readonly NameRule[]): ProviderId | undefined {
  for (const name of names) {
    const hit = matchName(name, rules);
    if (hit) return hit;
  }
  return undefined;
}

function spfTargets(snap: Snapshot): string[] {
  if (snap.mail.apexTxt.status !== 'ok') return [];
  const record = snap.mail.apexTxt.records.find(isSpfRecord);
  if (!record) return [];
  return parseSpf(record).terms.flatMap((t) =>
    (t.type === 'mechanism' && t.mechanism === 'include') || (t.type === 'modifier' && t.name === 'redirect') ? [t.target ?? ''] : [],
  );
}

function webHost(hops: HttpHop[]): ProviderId | undefined {
  for (const hop of [...hops].reverse()) {
    const rule = WEB_HEADER_RULES.find((r) => {
      const value = hop.headers[r.header];
      return value !== undefined && (!r.pattern || r.pattern.test(value));
    });
    if (rule) return rule.provider;
  }
  return undefined;
}

export function detectProviders(snap: Snapshot): Providers {
  const mxHosts =
    snap.mail.mx.status === 'ok' ? [...snap.mail.mx.records].sort((a, b) => a.preference - b.preference).map((r) => r.exchange) : [];
  const mail = firstMatch(mxHosts, MAIL_MX_RULES) ?? firstMatch(spfTargets(snap), MAIL_SPF_RULES);
  const dns = snap.dns.ns.status === 'ok' ? firstMatch(snap.dns.ns.records, DNS_NS_RULES) : undefined;
  const web = webHost([...snap.web.https.hops, ...snap.web.http.hops]);
  return { ...(mail ? { mail } : {}), ...(dns ? { dns } : {}), ...(web ? { web } : {}) };
}

/**
 * Which party a check's fix belongs to. DNS records are changed where the zone is hosted, mail-server settings at
 * the mail provider, headers and certificates at the web host. When no provider is recognised the fix goes to the
 * IT provider, who can tell; `owner` is for decisions only the company can take (who receives security reports).
 */
export type ResponsibleRole = 'dns' | 'mail' | 'web' | 'owner';

export function responsible(role: ResponsibleRole, providers: Providers): { who: Who; providerHint?: ProviderId } {
  switch (role) {
    case 'dns':
      return providers.dns ? { who: 'dns_provider', providerHint: providers.dns } : { who: 'it_provider' };
    case 'mail':
      return providers.mail ? { who: 'mail_provider', providerHint: providers.mail } : { who: 'it_provider' };
    case 'web':
      return providers.web ? { who: 'web_host', providerHint: providers.web } : { who: 'it_provider' };
    case 'owner':
      return { who: 'owner' };
  }
}
