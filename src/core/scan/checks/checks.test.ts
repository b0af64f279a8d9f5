import { describe, expect, it } from 'vitest';
import type { CheckOutcome, CheckStatus, Severity } from '../check.ts';
import { ALL_CHECKS, type CheckId } from '../registry.ts';
import {
  ED25519_RAW,
  MX_HOST,
  NOW,
  RSA_1024_SPKI,
  RSA_2048_SPKI,
  certificate,
  finalHop,
  goodSnapshot,
  inDays,
  snapshotWith,
} from '../snapshot.fixture.ts';
import type { Snapshot } from '../snapshot.ts';

const RSA_512_SPKI =
  'MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAL1LD/xI5RRqJJ6kKgXlFJ4NuGW4AyQrx0XbDWO1hSAhgZkK5PuHhHue+gbZbq1CFaVOguOb5bZukulIi4tUlj0CAwEAAQ==';

function run(id: CheckId, snap: Snapshot): CheckOutcome {
  const check = ALL_CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check(snap, { now: NOW });
}

interface Case {
  name: string;
  change: (s: Snapshot) => void;
  status: CheckStatus;
  key: string;
  severity?: Severity;
  params?: Record<string, string | number>;
}

const CASES: Partial<Record<CheckId, Case[]>> = {
  'dns.dnssec': [
    {
      name: 'unsigned',
      change: (s) => void ((s.dns.dnssec.ds = { status: 'nodata' }), (s.dns.dnssec.dnskey = { status: 'nodata' })),
      status: 'fail',
      key: 'dns.dnssec.unsigned',
    },
    { name: 'bogus', change: (s) => void (s.dns.dnssec.bogus = true), status: 'fail', key: 'dns.dnssec.bogus', severity: 'critical' },
    { name: 'signed without DS', change: (s) => void (s.dns.dnssec.ds = { status: 'nodata' }), status: 'warn', key: 'dns.dnssec.no_ds' },
    {
      name: 'resolver timeout',
      change: (s) => void (s.dns.dnssec.ds = { status: 'error', reason: 'timeout' }),
      status: 'error',
      key: 'scan.could_not_test',
      params: { reason: 'timeout' },
    },
  ],
  'dns.caa': [
    { name: 'no CAA', change: (s) => void (s.dns.caa = { status: 'nodata' }), status: 'warn', key: 'dns.caa.missing' },
    {
      name: 'unknown critical tag',
      change: (s) =>
        void (s.dns.caa = {
          status: 'ok',
          records: [
            { flags: 128, tag: 'tbs', value: 'x' },
            { flags: 0, tag: 'issue', value: 'pki.goog' },
          ],
        }),
      status: 'warn',
      key: 'dns.caa.unknown_critical_tag',
    },
  ],
  'dns.ns': [
    {
      name: 'one name server',
      change: (s) =>
        void ((s.dns.ns = { status: 'ok', records: ['ns1.dnshost.test'] }), (s.dns.nameServers = s.dns.nameServers.slice(0, 1))),
      status: 'fail',
      key: 'dns.ns.too_few',
      params: { count: 1 },
    },
    {
      name: 'one not answering',
      change: (s) => void ((s.dns.nameServers[1] ?? { answered: true }).answered = false),
      status: 'fail',
      key: 'dns.ns.not_answering',
    },
    {
      name: 'both in one /24',
      change: (s) => void ((s.dns.nameServers[1] ?? { addresses: [] }).addresses = ['192.0.2.54']),
      status: 'warn',
      key: 'dns.ns.single_network',
      severity: 'low',
    },
  ],
  'mail.mx': [
    { name: 'no MX', change: (s) => void (s.mail.mx = { status: 'nodata' }), status: 'info', key: 'mail.mx.none' },
    {
      name: 'null MX',
      change: (s) => void (s.mail.mx = { status: 'ok', records: [{ preference: 0, exchange: '' }] }),
      status: 'pass',
      key: 'mail.mx.null',
    },
    {
      name: 'null MX mixed',
      change: (s) =>
        void (s.mail.mx = {
          status: 'ok',
          records: [
            { preference: 0, exchange: '' },
            { preference: 10, exchange: MX_HOST },
          ],
        }),
      status: 'fail',
      key: 'mail.mx.null_mixed',
    },
    {
      name: 'IP literal',
      change: (s) => void (s.mail.mx = { status: 'ok', records: [{ preference: 10, exchange: '192.0.2.25' }] }),
      status: 'fail',
      key: 'mail.mx.ip_literal',
    },
    {
      name: 'exchange without address',
      change: (s) => void (s.mail.smtp = [{ host: MX_HOST, status: 'no_address' }]),
      status: 'fail',
      key: 'mail.mx.unresolvable',
      severity: 'high',
    },
  ],
  'mail.spf': [
    {
      name: 'no record',
      change: (s) => void (s.mail.apexTxt = { status: 'ok', records: ['MS=ms1'] }),
      status: 'fail',
      key: 'mail.spf.missing',
      severity: 'high',
    },
    {
      name: 'two records',
      change: (s) => void (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 -all', 'v=spf1 mx -all'] }),
      status: 'fail',
      key: 'mail.spf.multiple_records',
    },
    {
      name: '~all',
      change: (s) => void (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 include:spf.protection.outlook.com ~all'] }),
      status: 'warn',
      key: 'mail.spf.softfail_all',
      severity: 'low',
    },
    {
      name: '?all',
      change: (s) => void (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 ip4:192.0.2.1 ?all'] }),
      status: 'fail',
      key: 'mail.spf.neutral_all',
    },
    {
      name: '+all',
      change: (s) => void (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 +all'] }),
      status: 'fail',
      key: 'mail.spf.pass_all',
      severity: 'critical',
    },
    {
      name: 'no all',
      change: (s) => void (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 ip4:192.0.2.1'] }),
      status: 'fail',
      key: 'mail.spf.no_all',
    },
    {
      name: 'syntax error',
      change: (s) => void (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 ip4:192.0.2.300 -all'] }),
      status: 'fail',
      key: 'mail.spf.syntax_error',
    },
    {
      name: 'ptr',
      change: (s) => void (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 ptr -all'] }),
      status: 'warn',
      key: 'mail.spf.ptr_used',
    },
    {
      name: 'TXT timeout',
      change: (s) => void (s.mail.apexTxt = { status: 'error', reason: 'timeout' }),
      status: 'error',
      key: 'scan.could_not_test',
    },
  ],
  'mail.dmarc': [
    {
      name: 'missing',
      change: (s) => void (s.mail.dmarcTxt = { status: 'nxdomain' }),
      status: 'fail',
      key: 'mail.dmarc.missing',
      severity: 'critical',
    },
    {
      name: 'published at the apex',
      change: (s) =>
        void (
          (s.mail.dmarcTxt = { status: 'nxdomain' }),
          (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 -all', 'v=DMARC1; p=reject'] })
        ),
      status: 'fail',
      key: 'mail.dmarc.wrong_location',
    },
    {
      name: 'p=none',
      change: (s) => void (s.mail.dmarcTxt = { status: 'ok', records: ['v=DMARC1; p=none; rua=mailto:d@example.be'] }),
      status: 'warn',
      key: 'mail.dmarc.policy_none',
      severity: 'high',
    },
    {
      name: 'two records',
      change: (s) => void (s.mail.dmarcTxt = { status: 'ok', records: ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] }),
      status: 'fail',
      key: 'mail.dmarc.multiple_records',
    },
    {
      name: 'no rua',
      change: (s) => void (s.mail.dmarcTxt = { status: 'ok', records: ['v=DMARC1; p=quarantine'] }),
      status: 'warn',
      key: 'mail.dmarc.no_rua',
      severity: 'low',
    },
    {
      name: 'pct=50',
      change: (s) => void (s.mail.dmarcTxt = { status: 'ok', records: ['v=DMARC1; p=reject; pct=50; rua=mailto:d@example.be'] }),
      status: 'warn',
      key: 'mail.dmarc.partial_pct',
    },
    {
      name: 'invalid p',
      change: (s) => void (s.mail.dmarcTxt = { status: 'ok', records: ['v=DMARC1; p=block; rua=mailto:d@example.be'] }),
      status: 'fail',
      key: 'mail.dmarc.invalid_tag',
    },
    {
      name: 'no p',
      change: (s) => void (s.mail.dmarcTxt = { status: 'ok', records: ['v=DMARC1; rua=mailto:d@example.be'] }),
      status: 'fail',
      key: 'mail.dmarc.no_policy',
    },
  ],
  'mail.dkim': [
    {
      name: '1024-bit key',
      change: (s) => void (s.mail.dkim.selectors.selector1 = { status: 'ok', records: [`v=DKIM1; k=rsa; p=${RSA_1024_SPKI}`] }),
      status: 'warn',
      key: 'mail.dkim.key_short',
      params: { selector: 'selector1', bits: 1024 },
    },
    {
      name: '512-bit key',
      change: (s) => void (s.mail.dkim.selectors.selector1 = { status: 'ok', records: [`p=${RSA_512_SPKI}`] }),
      status: 'fail',
      key: 'mail.dkim.key_too_weak',
      params: { selector: 'selector1', bits: 512 },
    },
    {
      name: 'no selector found',
      change: (s) => void ((s.mail.dkim.selectors.selector1 = { status: 'nxdomain' }), (s.mail.dkim.domainkey = { status: 'nxdomain' })),
      status: 'warn',
      key: 'mail.dkim.not_found',
    },
    {
      name: '_domainkey exists, selector unknown',
      change: (s) => void (s.mail.dkim.selectors.selector1 = { status: 'nxdomain' }),
      status: 'info',
      key: 'mail.dkim.selector_unknown',
    },
    {
      name: 'non-sending domain',
      change: (s) =>
        void ((s.mail.dkim.selectors.selector1 = { status: 'nxdomain' }), (s.mail.apexTxt = { status: 'ok', records: ['v=spf1 -all'] })),
      status: 'skipped',
      key: 'mail.dkim.not_sending',
    },
    {
      name: 'record without p=',
      change: (s) => void (s.mail.dkim.selectors.selector1 = { status: 'ok', records: ['v=DKIM1; k=rsa'] }),
      status: 'fail',
      key: 'mail.dkim.invalid_record',
    },
    {
      name: 'testing flag',
      change: (s) => void (s.mail.dkim.selectors.selector1 = { status: 'ok', records: [`v=DKIM1; t=y; p=${RSA_2048_SPKI}`] }),
      status: 'warn',
      key: 'mail.dkim.testing',
    },
    {
      name: 'all probes timed out',
      change: (s) => void (s.mail.dkim.selectors = { selector1: { status: 'error', reason: 'timeout' } }),
      status: 'error',
      key: 'scan.could_not_test',
    },
  ],
  'mail.starttls': [
    {
      name: 'STARTTLS not offered',
      change: (s) => void (s.mail.smtp = [{ host: MX_HOST, status: 'ok', starttls: false }]),
      status: 'fail',
      key: 'mail.starttls.not_offered',
      params: { host: MX_HOST },
    },
    {
      name: 'port 25 blocked',
      change: (s) => void (s.mail.smtp = [{ host: MX_HOST, status: 'blocked' }]),
      status: 'error',
      key: 'scan.could_not_test',
    },
    {
      name: 'timeout',
      change: (s) => void (s.mail.smtp = [{ host: MX_HOST, status: 'timeout' }]),
      status: 'error',
      key: 'scan.could_not_test',
    },
    {
      name: 'TLS 1.0',
      change: (s) =>
        void (s.mail.smtp = [
          {
            host: MX_HOST,
            status: 'ok',
            starttls: true,
            tls: { status: 'ok', version: 'TLSv1', certificate: certificate(['*.mail.protection.outlook.com']) },
          },
        ]),
      status: 'fail',
      key: 'mail.starttls.old_tls',
    },
    {
      name: 'expired certificate',
      change: (s) =>
        void (s.mail.smtp = [
          {
            host: MX_HOST,
            status: 'ok',
            starttls: true,
            tls: {
              status: 'ok',
              version: 'TLSv1.2',
              certificate: certificate(['*.mail.protection.outlook.com'], {
                notAfter: inDays(-2),
                chainTrusted: false,
                chainError: 'CERT_HAS_EXPIRED',
              }),
            },
          },
        ]),
      status: 'fail',
      key: 'mail.starttls.cert.expired',
    },
    {
      name: 'handshake failed',
      change: (s) => void (s.mail.smtp = [{ host: MX_HOST, status: 'ok', starttls: true, tls: { status: 'failed' } }]),
      status: 'fail',
      key: 'mail.starttls.handshake_failed',
    },
    { name: 'no MX', change: (s) => void (s.mail.mx = { status: 'nodata' }), status: 'skipped', key: 'mail.no_mail' },
  ],
  'mail.mta_sts': [
    { name: 'no record', change: (s) => void (s.mail.mtaStsTxt = { status: 'nxdomain' }), status: 'warn', key: 'mail.mta_sts.missing' },
    {
      name: 'invalid id',
      change: (s) => void (s.mail.mtaStsTxt = { status: 'ok', records: ['v=STSv1; id=not-valid!'] }),
      status: 'fail',
      key: 'mail.mta_sts.invalid_txt',
    },
    {
      name: 'testing mode',
      change: (s) =>
        void (s.mail.mtaStsPolicy = {
          ...okPolicy(s),
          body: 'version: STSv1\nmode: testing\nmx: *.mail.protection.outlook.com\nmax_age: 604800\n',
        }),
      status: 'warn',
      key: 'mail.mta_sts.testing',
    },
    {
      name: 'MX not listed (enforce)',
      change: (s) =>
        void (s.mail.mtaStsPolicy = { ...okPolicy(s), body: 'version: STSv1\nmode: enforce\nmx: mail.example.be\nmax_age: 604800\n' }),
      status: 'fail',
      key: 'mail.mta_sts.mx_not_covered',
      severity: 'high',
    },
    {
      name: 'policy 404',
      change: (s) => void (s.mail.mtaStsPolicy = { ...okPolicy(s), httpStatus: 404 }),
      status: 'fail',
      key: 'mail.mta_sts.policy_unreachable',
    },
    {
      name: 'policy without mode',
      change: (s) =>
        void (s.mail.mtaStsPolicy = { ...okPolicy(s), body: 'version: STSv1\nmx: *.mail.protection.outlook.com\nmax_age: 604800\n' }),
      status: 'fail',
      key: 'mail.mta_sts.policy_invalid',
      params: { field: 'mode' },
    },
    {
      name: 'policy fetch timed out',
      change: (s) => void (s.mail.mtaStsPolicy = { status: 'timeout', url: 'https://mta-sts.example.be/.well-known/mta-sts.txt' }),
      status: 'error',
      key: 'scan.could_not_test',
    },
  ],
  'mail.tlsrpt': [
    { name: 'no record', change: (s) => void (s.mail.tlsRptTxt = { status: 'nxdomain' }), status: 'info', key: 'mail.tlsrpt.missing' },
    {
      name: 'rua not a URI',
      change: (s) => void (s.mail.tlsRptTxt = { status: 'ok', records: ['v=TLSRPTv1; rua=tlsrpt@example.be'] }),
      status: 'fail',
      key: 'mail.tlsrpt.invalid',
    },
  ],
  'mail.null_mx': [
    { name: 'no MX at all', change: (s) => void (s.mail.mx = { status: 'nodata' }), status: 'warn', key: 'mail.null_mx.recommended' },
    {
      name: 'null MX mixed',
      change: (s) =>
        void (s.mail.mx = {
          status: 'ok',
          records: [
            { preference: 0, exchange: '' },
            { preference: 5, exchange: MX_HOST },
          ],
        }),
      status: 'fail',
      key: 'mail.null_mx.mixed',
    },
  ],
  'web.https': [
    {
      name: 'no HTTPS, HTTP works',
      change: (s) => void (s.web.https = { status: 'refused', hops: [] }),
      status: 'fail',
      key: 'web.https.unavailable',
    },
    {
      name: 'blocked by a WAF',
      change: (s) => void (s.web.https = { status: 'blocked', hops: [] }),
      status: 'error',
      key: 'scan.could_not_test',
      params: { reason: 'blocked' },
    },
    {
      name: 'no website',
      change: (s) => void ((s.web.https = { status: 'no_address', hops: [] }), (s.web.http = { status: 'no_address', hops: [] })),
      status: 'skipped',
      key: 'web.no_website',
    },
  ],
  'web.redirect': [
    {
      name: 'HTTP stays on HTTP',
      change: (s) => void (s.web.http = { status: 'ok', hops: [{ url: 'http://example.be/', status: 200, headers: {}, setCookies: [] }] }),
      status: 'fail',
      key: 'web.redirect.not_https',
    },
    {
      name: 'http → https → http → https downgrade',
      change: (s) =>
        void (s.web.http = {
          status: 'ok',
          hops: ['http://example.be/', 'https://example.be/', 'http://www.example.be/', 'https://www.example.be/'].map((url, i, all) => ({
            url,
            status: i < all.length - 1 ? 301 : 200,
            headers: {},
            setCookies: [],
          })),
        }),
      status: 'fail',
      key: 'web.redirect.downgrade',
      params: { url: 'http://www.example.be/' },
    },
    {
      name: 'first redirect to another host',
      change: (s) =>
        void (s.web.http = {
          status: 'ok',
          hops: ['http://example.be/', 'https://www.example.be/'].map((url, i) => ({
            url,
            status: i === 0 ? 301 : 200,
            headers: {},
            setCookies: [],
          })),
        }),
      status: 'warn',
      key: 'web.redirect.not_same_host_first',
    },
    {
      name: 'port 80 closed',
      change: (s) => void (s.web.http = { status: 'refused', hops: [] }),
      status: 'info',
      key: 'web.redirect.no_http',
    },
  ],
  'web.cert': [
    {
      name: 'expired',
      change: (s) => void (tls(s).certificate = certificate(['example.be'], { notAfter: inDays(-3) })),
      status: 'fail',
      key: 'web.cert.expired',
      severity: 'critical',
      params: { daysLeft: -3 },
    },
    {
      name: 'expires in 10 days',
      change: (s) => void (tls(s).certificate = certificate(['example.be'], { notAfter: inDays(10) })),
      status: 'warn',
      key: 'web.cert.expiring_soon',
      severity: 'high',
      params: { daysLeft: 10 },
    },
    {
      name: 'wrong name',
      change: (s) => void (tls(s).certificate = certificate(['other.example'])),
      status: 'fail',
      key: 'web.cert.name_mismatch',
      severity: 'critical',
    },
    {
      name: 'wildcard does not cover the apex',
      change: (s) => void (tls(s).certificate = certificate(['*.example.be'])),
      status: 'fail',
      key: 'web.cert.name_mismatch',
    },
    {
      name: 'self-signed',
      change: (s) =>
        void (tls(s).certificate = certificate(['example.be'], { chainTrusted: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' })),
      status: 'fail',
      key: 'web.cert.untrusted',
    },
    {
      name: 'RSA 1024',
      change: (s) => void (tls(s).certificate = certificate(['example.be'], { keyType: 'rsa', keyBits: 1024 })),
      status: 'warn',
      key: 'web.cert.weak_key',
    },
  ],
  'web.tls_version': [
    {
      name: 'TLS 1.0 accepted',
      change: (s) => void (tls(s).versions = { TLSv1: true, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': true }),
      status: 'fail',
      key: 'web.tls_version.legacy_enabled',
      params: { versions: 'TLSv1' },
    },
    {
      // Only outdated versions: the verdict leads with "only outdated encryption" (RFC 8996); legacy_enabled follows.
      name: 'TLS 1.0 only',
      change: (s) =>
        void ((tls(s).versions = { TLSv1: true, 'TLSv1.1': false, 'TLSv1.2': false, 'TLSv1.3': false }), (tls(s).negotiated = 'TLSv1')),
      status: 'fail',
      key: 'web.tls_version.no_modern',
    },
  ],
  'web.hsts': [
    {
      name: 'missing',
      change: (s) => void delete finalHop(s).headers['strict-transport-security'],
      status: 'fail',
      key: 'web.hsts.missing',
      severity: 'medium',
    },
    {
      name: 'one day',
      change: (s) => void (finalHop(s).headers['strict-transport-security'] = 'max-age=86400'),
      status: 'warn',
      key: 'web.hsts.short_max_age',
    },
    {
      name: 'max-age=0',
      change: (s) => void (finalHop(s).headers['strict-transport-security'] = 'max-age=0'),
      status: 'fail',
      key: 'web.hsts.disabled',
    },
    {
      name: 'no max-age',
      change: (s) => void (finalHop(s).headers['strict-transport-security'] = 'includeSubDomains'),
      status: 'fail',
      key: 'web.hsts.invalid',
    },
  ],
  'web.csp': [
    {
      name: 'missing',
      change: (s) => void delete finalHop(s).headers['content-security-policy'],
      status: 'fail',
      key: 'web.csp.missing',
      severity: 'medium',
    },
    {
      name: "script-src 'unsafe-inline'",
      change: (s) => void (finalHop(s).headers['content-security-policy'] = "default-src 'self'; script-src 'self' 'unsafe-inline'"),
      status: 'warn',
      key: 'web.csp.unsafe_inline',
    },
    {
      name: "default-src 'unsafe-inline' (fallback)",
      change: (s) => void (finalHop(s).headers['content-security-policy'] = "default-src 'self' 'unsafe-inline'"),
      status: 'warn',
      key: 'web.csp.unsafe_inline',
    },
    {
      name: 'no script restriction',
      change: (s) => void (finalHop(s).headers['content-security-policy'] = "img-src 'self'"),
      status: 'warn',
      key: 'web.csp.no_script_restriction',
    },
    {
      name: 'report-only',
      change: (s) =>
        void (
          delete finalHop(s).headers['content-security-policy'],
          (finalHop(s).headers['content-security-policy-report-only'] = "default-src 'self'")
        ),
      status: 'fail',
      key: 'web.csp.report_only',
    },
  ],
  'web.frame': [
    {
      name: 'neither header',
      change: (s) =>
        void ((finalHop(s).headers['content-security-policy'] = "default-src 'self'"), delete finalHop(s).headers['x-frame-options']),
      status: 'fail',
      key: 'web.frame.missing',
    },
    {
      name: 'frame-ancestors *',
      change: (s) => void (finalHop(s).headers['content-security-policy'] = "default-src 'self'; frame-ancestors *"),
      status: 'warn',
      key: 'web.frame.allows_any',
    },
  ],
  'web.xcto': [
    {
      name: 'missing',
      change: (s) => void delete finalHop(s).headers['x-content-type-options'],
      status: 'fail',
      key: 'web.xcto.missing',
      severity: 'low',
    },
    {
      name: 'wrong value',
      change: (s) => void (finalHop(s).headers['x-content-type-options'] = 'sniff'),
      status: 'fail',
      key: 'web.xcto.invalid',
    },
  ],
  'web.referrer': [
    {
      name: 'unsafe-url',
      change: (s) => void (finalHop(s).headers['referrer-policy'] = 'unsafe-url'),
      status: 'fail',
      key: 'web.referrer.unsafe',
    },
    { name: 'missing', change: (s) => void delete finalHop(s).headers['referrer-policy'], status: 'info', key: 'web.referrer.missing' },
  ],
  'web.cookies': [
    {
      name: 'session cookie without Secure',
      change: (s) => void (finalHop(s).setCookies = ['PHPSESSID=1; path=/; HttpOnly; SameSite=Lax']),
      status: 'fail',
      key: 'web.cookies.session_not_secure',
      severity: 'high',
      params: { names: 'PHPSESSID', count: 1 },
    },
    {
      name: 'session cookie without HttpOnly',
      change: (s) => void (finalHop(s).setCookies = ['laravel_session=1; Secure; SameSite=Lax']),
      status: 'fail',
      key: 'web.cookies.session_not_httponly',
      severity: 'medium',
    },
    {
      name: 'tracking cookie without Secure',
      change: (s) => void (finalHop(s).setCookies = ['_ga=GA1.2.3; Path=/']),
      status: 'warn',
      key: 'web.cookies.not_secure',
      severity: 'low',
    },
    { name: 'no cookies', change: (s) => void (finalHop(s).setCookies = []), status: 'pass', key: 'web.cookies.none' },
  ],
  'web.sri': [
    {
      name: 'CDN script without integrity',
      change: (s) => void (https(s).body = '<script src="https://code.jquery.com/jquery.min.js"></script>'),
      status: 'warn',
      key: 'web.sri.missing_integrity',
      params: { count: 1, hosts: 'code.jquery.com' },
    },
    {
      name: 'script over http',
      change: (s) => void (https(s).body = '<script src="http://cdn.test/x.js" integrity="sha384-x"></script>'),
      status: 'fail',
      key: 'web.sri.insecure_script',
    },
    {
      name: 'not HTML',
      change: (s) => void (finalHop(s).headers['content-type'] = 'application/json'),
      status: 'skipped',
      key: 'web.sri.no_html',
    },
  ],
  'web.securitytxt': [
    {
      name: '404',
      change: (s) => void (s.web.securityTxt = { ...okSecurityTxt(s), httpStatus: 404, body: 'Not found' }),
      status: 'warn',
      key: 'web.securitytxt.missing',
    },
    {
      name: 'HTML soft 404',
      change: (s) => void (s.web.securityTxt = { ...okSecurityTxt(s), contentType: 'text/html', body: '<html>Welkom</html>' }),
      status: 'warn',
      key: 'web.securitytxt.missing',
    },
    {
      name: 'expired',
      change: (s) =>
        void (s.web.securityTxt = { ...okSecurityTxt(s), body: `Contact: mailto:security@example.be\nExpires: ${inDays(-1)}\n` }),
      status: 'fail',
      key: 'web.securitytxt.expired',
    },
    {
      name: 'no Contact',
      change: (s) => void (s.web.securityTxt = { ...okSecurityTxt(s), body: `Expires: ${inDays(30)}\n` }),
      status: 'fail',
      key: 'web.securitytxt.no_contact',
    },
    {
      name: 'no Expires',
      change: (s) => void (s.web.securityTxt = { ...okSecurityTxt(s), body: 'Contact: mailto:security@example.be\n' }),
      status: 'fail',
      key: 'web.securitytxt.no_expires',
    },
  ],
  'web.server_disclosure': [
    {
      name: 'Apache and PHP versions',
      change: (s) => void ((finalHop(s).headers.server = 'Apache/2.4.41 (Ubuntu)'), (finalHop(s).headers['x-powered-by'] = 'PHP/7.4.3')),
      status: 'warn',
      key: 'web.server_disclosure.version',
    },
    {
      name: 'WordPress generator tag',
      change: (s) => void (https(s).body = '<meta name="generator" content="WordPress 6.4.2">'),
      status: 'warn',
      key: 'web.server_disclosure.version',
      params: { items: 'meta generator: WordPress 6.4.2' },
    },
  ],
  'brand.lookalike': [
    {
      name: 'lookalike with MX',
      change: (s) =>
        void (s.brand = {
          lookalikes: [
            {
              domain: 'examp1e.be',
              kinds: ['homoglyph'],
              a: { status: 'nodata' },
              mx: { status: 'ok', records: [{ preference: 10, exchange: 'mx.evil.test' }] },
            },
          ],
        }),
      status: 'warn',
      key: 'brand.lookalike.with_mx',
    },
    {
      name: 'registered, no MX; a SERVFAIL is not registered',
      change: (s) =>
        void (s.brand = {
          lookalikes: [
            { domain: 'example.com', kinds: ['tld_swap'], a: { status: 'ok', records: ['192.0.2.80'] }, mx: { status: 'nodata' } },
            {
              domain: 'exampel.be',
              kinds: ['transposition'],
              a: { status: 'error', reason: 'servfail' },
              mx: { status: 'error', reason: 'servfail' },
            },
          ],
        }),
      status: 'info',
      key: 'brand.lookalike.registered',
      params: { count: 1 },
    },
    { name: 'not scanned', change: (s) => void delete s.brand, status: 'skipped', key: 'brand.lookalike.not_scanned' },
  ],
};

function tls(s: Snapshot): Extract<Snapshot['web']['tls'], { status: 'ok' }> {
  if (s.web.tls.status !== 'ok') throw new Error('tls not ok');
  return s.web.tls;
}
function https(s: Snapshot): Extract<Snapshot['web']['https'], { status: 'ok' }> {
  if (s.web.https.status !== 'ok') throw new Error('https not ok');
  return s.web.https;
}
function okPolicy(s: Snapshot): Extract<NonNullable<Snapshot['mail']['mtaStsPolicy']>, { status: 'ok' }> {
  if (s.mail.mtaStsPolicy?.status !== 'ok') throw new Error('policy not ok');
  return s.mail.mtaStsPolicy;
}
function okSecurityTxt(s: Snapshot): Extract<Snapshot['web']['securityTxt'], { status: 'ok' }> {
  if (s.web.securityTxt.status !== 'ok') throw new Error('security.txt not ok');
  return s.web.securityTxt;
}

describe('the good snapshot passes every check', () => {
  // mail.null_mx only passes for a domain that receives no mail; see its own test below.
  it.each(ALL_CHECKS.map((c) => c.id).filter((id) => id !== 'mail.null_mx'))('%s', (id) => {
    const outcome = run(id, goodSnapshot());
    expect(outcome, JSON.stringify(outcome.details.findings)).toMatchObject({ id, status: 'pass', messageKey: `${id}.ok` });
  });
});

describe.each(Object.entries(CASES))('%s', (id, cases) => {
  it.each(cases ?? [])('$name → $status $key', ({ change, status, key, severity, params }) => {
    const outcome = run(id as CheckId, snapshotWith(change));
    expect(outcome.status).toBe(status);
    expect(outcome.messageKey).toBe(key);
    if (severity) expect(outcome.severity).toBe(severity);
    if (params) expect(outcome.params).toMatchObject(params);
  });
});

it('every check has at least one failing or warning case', () => {
  for (const check of ALL_CHECKS) {
    const statuses = (CASES[check.id] ?? []).map((c) => c.status);
    expect(
      statuses.some((s) => s === 'fail' || s === 'warn'),
      check.id,
    ).toBe(true);
  }
});

describe('details the report needs', () => {
  it('web.cert reports days left', () => {
    const outcome = run('web.cert', goodSnapshot());
    expect(outcome.details.daysLeft).toBe(60);
  });

  it('mail.starttls never fails a host it could not reach, but still fails the one without STARTTLS', () => {
    const s = snapshotWith((s) => {
      s.mail.mx = {
        status: 'ok',
        records: [
          { preference: 10, exchange: 'mx1.example.be' },
          { preference: 20, exchange: 'mx2.example.be' },
        ],
      };
      s.mail.smtp = [
        { host: 'mx1.example.be', status: 'blocked' },
        { host: 'mx2.example.be', status: 'ok', starttls: false },
      ];
    });
    const outcome = run('mail.starttls', s);
    expect(outcome.status).toBe('fail');
    expect(outcome.params.host).toBe('mx2.example.be');
    expect((outcome.details.findings as { key: string }[]).map((f) => f.key)).toContain('scan.could_not_test');
  });

  it('web.csp accepts unsafe-inline when a nonce disables it (CSP3)', () => {
    const s = snapshotWith(
      (s) => void (finalHop(s).headers['content-security-policy'] = "script-src 'self' 'unsafe-inline' 'nonce-abc123'"),
    );
    expect(run('web.csp', s).status).toBe('pass');
  });

  it('web.csp reads a <meta http-equiv> policy', () => {
    const s = snapshotWith((s) => {
      delete finalHop(s).headers['content-security-policy'];
      https(s).body = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`;
    });
    expect(run('web.csp', s).status).toBe('pass');
  });

  it('web.frame accepts X-Frame-Options SAMEORIGIN alone', () => {
    const s = snapshotWith((s) => {
      finalHop(s).headers['content-security-policy'] = "default-src 'self'";
      finalHop(s).headers['x-frame-options'] = 'SAMEORIGIN';
    });
    expect(run('web.frame', s).status).toBe('pass');
  });

  it('web.referrer takes the last known token of a fallback list', () => {
    const s = snapshotWith((s) => void (finalHop(s).headers['referrer-policy'] = 'unsafe-url, no-referrer, some-future-policy'));
    expect(run('web.referrer', s)).toMatchObject({ status: 'pass', details: { policy: 'no-referrer' } });
  });

  it('web.hsts ignores a header on a chain that ends on plain HTTP', () => {
    const s = snapshotWith((s) => void (finalHop(s).url = 'http://www.example.be/'));
    expect(run('web.hsts', s).messageKey).toBe('web.hsts.missing');
  });

  it('mail.dkim accepts an Ed25519 key (RFC 8463)', () => {
    const s = snapshotWith(
      (s) => void (s.mail.dkim.selectors.selector1 = { status: 'ok', records: [`v=DKIM1; k=ed25519; p=${ED25519_RAW}`] }),
    );
    expect(run('mail.dkim', s).status).toBe('pass');
  });

  it('mail.dkim accepts a retired key next to an active one', () => {
    const s = snapshotWith((s) => void (s.mail.dkim.selectors.selector2 = { status: 'ok', records: ['v=DKIM1; k=rsa; p='] }));
    expect(run('mail.dkim', s).status).toBe('pass');
  });

  it('mail.null_mx passes a null MX on a non-sending domain and is informational for a receiving one', () => {
    const parked = snapshotWith((s) => {
      s.mail.mx = { status: 'ok', records: [{ preference: 0, exchange: '' }] };
      s.mail.apexTxt = { status: 'ok', records: ['v=spf1 -all'] };
    });
    expect(run('mail.null_mx', parked)).toMatchObject({ status: 'pass', details: { nonSending: true } });
    expect(run('mail.null_mx', goodSnapshot())).toMatchObject({ status: 'info', messageKey: 'mail.null_mx.not_applicable' });
  });

  it('mail checks that need MX are skipped for a domain without mail', () => {
    const parked = snapshotWith((s) => void (s.mail.mx = { status: 'ok', records: [{ preference: 0, exchange: '' }] }));
    for (const id of ['mail.starttls', 'mail.mta_sts', 'mail.tlsrpt'] as const) expect(run(id, parked).status).toBe('skipped');
  });

  it('header checks say "could not test" when the site blocks the scanner', () => {
    const s = snapshotWith((s) => void (s.web.https = { status: 'blocked', hops: [] }));
    for (const id of ['web.hsts', 'web.csp', 'web.frame', 'web.xcto', 'web.referrer', 'web.sri'] as const) {
      expect(run(id, s), id).toMatchObject({ status: 'error', messageKey: 'scan.could_not_test' });
    }
  });

  it('every outcome lists its findings and who must act', () => {
    const outcome = run(
      'mail.dmarc',
      snapshotWith((s) => void (s.mail.dmarcTxt = { status: 'nxdomain' })),
    );
    expect(outcome.who).toBe('it_provider');
    expect(outcome.details.findings).toEqual([{ key: 'mail.dmarc.missing', status: 'fail', severity: 'critical', params: {} }]);
  });
});
