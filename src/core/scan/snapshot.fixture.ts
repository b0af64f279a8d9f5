/**
 * Hand-built snapshots for the scan tests (the Observatory's emptyRequests() idea, inverted): goodSnapshot() passes
 * every check; a test breaks one thing and looks at one outcome. Not used by production code.
 */
import type { CertificateInfo, HttpHop, Snapshot } from './snapshot.ts';

export const NOW = new Date('2025-03-01T12:00:00Z');
const DAY = 86_400_000;
export const inDays = (days: number): string => new Date(NOW.getTime() + days * DAY).toISOString();

/** Real keys, generated once with node:crypto (generateKeyPairSync('rsa', { modulusLength })), exported as DER. */
export const RSA_1024_SPKI =
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDWbdOpeaVPFj5B0kA7LxqMjs5iAZ3QzVsGzkPWsMpBOl+fm3OOeOQ3c/1Xfpo+TjW7fHcdDDyKp4dr3scQkNyOLDYCD25lFL74Ya6DVOlt2fUeJAJLcZtZQ6r9YWSDDW9WUl96yKabtqqZp/2ADuePFUh6pslQ8gPiqKA0ZD1tpQIDAQAB';
/** The same 1024-bit key as a bare PKCS#1 RSAPublicKey (what RFC 6376 §3.6.1 literally describes). */
export const RSA_1024_PKCS1 =
  'MIGJAoGBANZt06l5pU8WPkHSQDsvGoyOzmIBndDNWwbOQ9awykE6X5+bc4545Ddz/Vd+mj5ONbt8dx0MPIqnh2vexxCQ3I4sNgIPbmUUvvhhroNU6W3Z9R4kAktxm1lDqv1hZIMNb1ZSX3rIppu2qpmn/YAO548VSHqmyVDyA+KooDRkPW2lAgMBAAE=';
export const RSA_2048_SPKI =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuFjTUzxJ5a/Os9L+xZBkb8q/fzajWucL8R/BYnetJGiam74n/SsknTdVJzSehsE0nIP4ZcA5qIiRuaru+vL3lAlr1ltqPFc6tmnGcijm+OOj5SAzRvzYKgQRoiMEral7983yE9cS6N8Z8FUHO/SepK3ra6Udoo6jc/Xdkv0+fPnrxAg2Em+SiOnOGJ9m6TeHmN1ia91AJ/VZsT588qG6vMQLlXOd2VdeW6pBTwVt/2eypTSZJx9mx2jE+rx4HRU6s/IqF1QenbIKzJlUuu0AWz8QlSJquwKyU6JSXvjTz3K4cumfXvGcDYa54732a8KQa8QQ9h1AA2RGXYsGGnKiQwIDAQAB';
/** Raw 32-byte Ed25519 public key (RFC 8463 §4.2). */
export const ED25519_RAW = 'IgTV0iVsrSCtfJr/cCmQpqFfZOxWxQtRelOtLJPJ9s4=';

export const MX_HOST = 'example-be.mail.protection.outlook.com';

export function certificate(names: string[], overrides: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    subjectCommonName: names[0],
    subjectAltNames: names,
    issuer: "Let's Encrypt R11",
    notBefore: inDays(-30),
    notAfter: inDays(60),
    chainTrusted: true,
    keyType: 'ec',
    keyBits: 256,
    ...overrides,
  };
}

export const GOOD_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  server: 'nginx',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export const GOOD_HTML = `<!doctype html><html><head>
<script src="/app.js"></script>
<script src="https://static.example.be/site.js"></script>
<script src="https://cdn.jsdelivr.net/npm/lib@1/lib.min.js" integrity="sha384-abc" crossorigin="anonymous"></script>
<!-- <script src="http://old.cdn.test/unused.js"></script> -->
</head><body>Bakkerij</body></html>`;

function hop(url: string, status: number, headers: Record<string, string> = {}, setCookies: string[] = []): HttpHop {
  return { url, status, headers, setCookies, ip: '192.0.2.10' };
}

export function goodSnapshot(): Snapshot {
  const finalHop = hop('https://www.example.be/', 200, { ...GOOD_HEADERS }, ['sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
  return {
    domain: 'example.be',
    capturedAt: NOW.toISOString(),
    dns: {
      ns: { status: 'ok', records: ['ns1.dnshost.test', 'ns2.dnshost.test'] },
      nameServers: [
        { host: 'ns1.dnshost.test', addresses: ['192.0.2.53'], answered: true, authoritative: true },
        { host: 'ns2.dnshost.test', addresses: ['198.51.100.53'], answered: true, authoritative: true },
      ],
      caa: { status: 'ok', records: [{ flags: 0, tag: 'issue', value: 'letsencrypt.org' }] },
      dnssec: {
        ds: { status: 'ok', records: ['2371 13 2 1F987CC6583E92DF0890718C42'] },
        dnskey: { status: 'ok', records: ['257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0d'] },
        validated: true,
      },
    },
    mail: {
      mx: { status: 'ok', records: [{ preference: 0, exchange: MX_HOST }] },
      apexTxt: { status: 'ok', records: ['v=spf1 include:spf.protection.outlook.com -all', 'MS=ms12345678'] },
      spfLookups: {
        txt: {
          'spf.protection.outlook.com': {
            status: 'ok',
            records: ['v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip6:2a01:111:f400::/48 include:spfd.protection.outlook.com -all'],
          },
          'spfd.protection.outlook.com': { status: 'ok', records: ['v=spf1 ip4:51.4.72.0/24 ip4:52.100.0.0/14 -all'] },
        },
        a: {},
        mx: {},
      },
      dmarcTxt: { status: 'ok', records: ['v=DMARC1; p=reject; rua=mailto:dmarc@example.be'] },
      dkim: {
        domainkey: { status: 'nodata' },
        selectors: {
          selector1: { status: 'ok', records: [`v=DKIM1; k=rsa; p=${RSA_2048_SPKI}`] },
          selector2: { status: 'nxdomain' },
          google: { status: 'nxdomain' },
        },
      },
      mtaStsTxt: { status: 'ok', records: ['v=STSv1; id=20250101T000000'] },
      mtaStsPolicy: {
        status: 'ok',
        url: 'https://mta-sts.example.be/.well-known/mta-sts.txt',
        httpStatus: 200,
        contentType: 'text/plain; charset=utf-8',
        body: 'version: STSv1\r\nmode: enforce\r\nmx: *.mail.protection.outlook.com\r\nmax_age: 604800\r\n',
        certificateValid: true,
      },
      tlsRptTxt: { status: 'ok', records: ['v=TLSRPTv1; rua=mailto:tlsrpt@example.be'] },
      smtp: [
        {
          host: MX_HOST,
          ip: '203.0.113.25',
          status: 'ok',
          starttls: true,
          tls: { status: 'ok', version: 'TLSv1.3', certificate: certificate(['*.mail.protection.outlook.com'], { issuer: 'DigiCert' }) },
        },
      ],
    },
    web: {
      https: {
        status: 'ok',
        hops: [
          hop('https://example.be/', 301, { location: 'https://www.example.be/', 'strict-transport-security': 'max-age=31536000' }),
          finalHop,
        ],
        body: GOOD_HTML,
      },
      http: {
        status: 'ok',
        hops: [
          hop('http://example.be/', 301, { location: 'https://example.be/' }),
          hop('https://example.be/', 301, { location: 'https://www.example.be/' }),
          finalHop,
        ],
        body: GOOD_HTML,
      },
      tls: {
        host: 'example.be',
        status: 'ok',
        versions: { TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': true },
        negotiated: 'TLSv1.3',
        certificate: certificate(['example.be', 'www.example.be']),
      },
      securityTxt: {
        status: 'ok',
        url: 'https://example.be/.well-known/security.txt',
        httpStatus: 200,
        contentType: 'text/plain; charset=utf-8',
        body: `# Security contact\nContact: mailto:security@example.be\nExpires: ${inDays(180)}\nPreferred-Languages: nl, fr, en\n`,
      },
    },
    brand: { lookalikes: [{ domain: 'examp1e.be', kinds: ['homoglyph'], a: { status: 'nxdomain' }, mx: { status: 'nxdomain' } }] },
    checkErrors: {},
  };
}

/** A good snapshot with one change applied. */
export function snapshotWith(change: (s: Snapshot) => void): Snapshot {
  const s = goodSnapshot();
  change(s);
  return s;
}

/** The last hop of the HTTPS chain, to edit headers. */
export function finalHop(s: Snapshot): HttpHop {
  const last = s.web.https.hops.at(-1);
  if (!last) throw new Error('no final hop');
  return last;
}
