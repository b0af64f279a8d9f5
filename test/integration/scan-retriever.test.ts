/**
 * The scanner's retriever against real servers on loopback: an authoritative DNS server with test zones, HTTPS and
 * HTTP hosts with certificates from a test CA, and SMTP hosts with and without STARTTLS. No test touches the internet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrieve } from '../../src/adapters/scan/retriever.ts';
import { analyze } from '../../src/core/scan/grading.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

describe('scan retriever on loopback', () => {
  let lab: ScanLab;
  beforeAll(async () => {
    lab = await startScanLab();
  });
  afterAll(async () => lab?.stop());

  it('captures a well-configured domain', async () => {
    const steps: string[] = [];
    const s = await retrieve('Good.Test.', { ...lab.options('good.test'), onProgress: (step) => steps.push(step) });
    expect(steps).toEqual(['dns', 'mail', 'web', 'brand']);
    expect(s.domain).toBe('good.test');
    expect(s.dns.ns).toMatchObject({ status: 'ok' });
    expect(s.dns.nameServers.map((n) => n.answered)).toEqual([true, true]);
    expect(s.dns.caa).toMatchObject({ status: 'ok', records: [{ tag: 'issue', value: 'letsencrypt.org' }] });
    expect(s.mail.mx).toMatchObject({ status: 'ok', records: [{ preference: 10, exchange: 'mail.good.test' }] });
    expect(s.mail.spfLookups.txt['_spf.good.test']).toMatchObject({ status: 'ok' });
    expect(s.mail.dmarcTxt).toMatchObject({ status: 'ok', records: ['v=DMARC1; p=reject; rua=mailto:dmarc@good.test'] });
    expect(s.mail.dkim.selectors.selector1?.status).toBe('ok');
    expect(s.mail.dkim.selectors.google?.status).toBe('nxdomain');
    expect(s.mail.mtaStsPolicy).toMatchObject({ status: 'ok', httpStatus: 200, certificateValid: true });
    expect(s.mail.smtp).toEqual([expect.objectContaining({ host: 'mail.good.test', status: 'ok', starttls: true, tls: expect.objectContaining({ status: 'ok' }) })]);
    const smtpTls = s.mail.smtp[0]!.status === 'ok' ? s.mail.smtp[0]!.tls : undefined;
    expect(smtpTls?.status === 'ok' && ['TLSv1.2', 'TLSv1.3'].includes(smtpTls.version)).toBe(true);
    expect(s.web.https.status).toBe('ok');
    expect(s.web.https.hops[0]?.headers['strict-transport-security']).toBeDefined();
    expect(s.web.http.hops.map((h) => h.status)).toEqual([301, 200]);
    expect(s.web.http.hops[1]?.url).toBe('https://good.test/');
    expect(s.web.tls).toMatchObject({ status: 'ok', versions: { TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': true } });
    if (s.web.tls.status === 'ok') {
      expect(s.web.tls.certificate.chainTrusted).toBe(true);
      expect(s.web.tls.certificate.subjectAltNames).toContain('good.test');
    }
    expect(s.web.securityTxt).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(s.checkErrors).toEqual({});
  });

  it('captures a weak domain: expired certificate, old TLS, no STARTTLS, an SPF include loop', async () => {
    const s = await retrieve('weak.test', lab.options('weak.test'));
    expect(s.mail.smtp[0]).toMatchObject({ status: 'ok', starttls: false });
    expect(s.web.tls).toMatchObject({ status: 'ok', versions: { TLSv1: true } });
    if (s.web.tls.status === 'ok') expect(s.web.tls.certificate.chainError).toBe('CERT_HAS_EXPIRED');
    expect(Object.keys(s.mail.spfLookups.txt).sort()).toEqual(['a.weak.test', 'b.weak.test']);
    expect(s.web.http.hops[0]?.status).toBe(200); // no redirect to HTTPS
    expect(s.web.https.hops[0]?.headers.server).toContain('Apache');
  });

  it('hands over the snapshot part by part, so results can be shown as they arrive', async () => {
    const calls: string[][] = [];
    const dmarcSeen: (string | undefined)[] = [];
    await retrieve('good.test', {
      ...lab.options('good.test'),
      onPartial: (snap, steps) => {
        calls.push(steps);
        dmarcSeen.push(snap.mail.dmarcTxt.status);
      },
    });
    expect(calls).toEqual([['dns'], ['dns', 'mail'], ['dns', 'mail', 'web']]);
    expect(dmarcSeen).toEqual(['error', 'ok', 'ok']);
  });

  it('refuses to contact private addresses unless explicitly allowed, and reports it as could-not-test', async () => {
    const s = await retrieve('good.test', { ...lab.options('good.test'), allowPrivate: false });
    expect(s.web.https.status).toBe('blocked');
    expect(s.web.tls.status).toBe('blocked');
    expect(s.mail.smtp[0]?.status).toBe('blocked');
  });

  it('keeps going when a capture exceeds its time budget', async () => {
    await lab.dns.setLatency(400);
    try {
      const s = await retrieve('good.test', { ...lab.options('good.test'), budgetMs: 300 });
      expect(Object.keys(s.checkErrors).length).toBeGreaterThan(0);
      expect(Object.values(s.checkErrors)[0]?.reason).toBe('timeout');
      expect(s.domain).toBe('good.test');
    } finally {
      await lab.dns.setLatency(0);
    }
  });
});

describe('scan checks on loopback hosts (retriever + analyze)', () => {
  let lab: ScanLab;
  beforeAll(async () => {
    lab = await startScanLab();
  });
  afterAll(async () => lab?.stop());

  const REQUIRED = [
    'dns.dnssec',
    'dns.caa',
    'dns.ns',
    'mail.mx',
    'mail.spf',
    'mail.dmarc',
    'mail.dkim',
    'mail.starttls',
    'mail.mta_sts',
    'mail.tlsrpt',
    'web.https',
    'web.redirect',
    'web.cert',
    'web.tls_version',
    'web.hsts',
    'web.csp',
    'web.frame',
    'web.xcto',
    'web.referrer',
    'web.cookies',
    'web.sri',
    'web.securitytxt',
    'web.server_disclosure',
  ];

  it('passes the required checks on the well-configured domain', async () => {
    const result = analyze(await retrieve('good.test', lab.options('good.test')), new Date());
    const status = Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
    const notPassing = REQUIRED.filter((id) => status[id] !== 'pass').map((id) => `${id}=${status[id]} ${result.checks.find((c) => c.id === id)?.messageKey} ${JSON.stringify(result.checks.find((c) => c.id === id)?.params)}`);
    expect(notPassing).toEqual([]);
  });

  it('fails or warns on the weak domain, check by check', async () => {
    const result = analyze(await retrieve('weak.test', lab.options('weak.test')), new Date());
    const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]));
    expect(byId['mail.tlsrpt']?.status).not.toBe('pass'); // optional: reported as advice (info)
    for (const id of ['dns.dnssec', 'mail.spf', 'mail.dmarc', 'mail.dkim', 'mail.starttls', 'mail.mta_sts', 'dns.caa', 'web.redirect', 'web.cert', 'web.tls_version', 'web.hsts', 'web.csp', 'web.frame', 'web.xcto', 'web.cookies', 'web.sri', 'web.securitytxt', 'web.server_disclosure']) {
      expect(['fail', 'warn'], `${id}: ${byId[id]?.status} ${byId[id]?.messageKey}`).toContain(byId[id]?.status);
    }
    expect(byId['mail.spf']?.details).toBeDefined();
    expect(result.grade).toMatch(/^[D-F]/);
    // Business risk first: mail spoofing checks lead the ranking.
    expect(result.checks.slice(0, 3).map((c) => c.id.split('.')[0])).toContain('mail');
  });

  it('fails name servers, MX and HTTPS on a broken domain, and passes a null MX on a domain without mail', async () => {
    const broken = analyze(await retrieve('broken.test', lab.options('broken.test')), new Date());
    const b = Object.fromEntries(broken.checks.map((c) => [c.id, c]));
    for (const id of ['dns.ns', 'mail.mx', 'mail.null_mx', 'web.https']) expect(b[id]?.status, `${id} ${b[id]?.messageKey}`).toBe('fail');
    const nomail = analyze(await retrieve('nomail.test', lab.options('nomail.test')), new Date());
    const n = Object.fromEntries(nomail.checks.map((c) => [c.id, c]));
    expect(n['mail.null_mx']?.status, n['mail.null_mx']?.messageKey).toBe('pass');
    expect(n['mail.mx']?.status).toBe('pass');
  });

  it('finds a registered lookalike with MX (warn), and none for a domain without lookalikes (pass)', async () => {
    const good = analyze(await retrieve('good.test', { ...lab.options('good.test'), lookalikes: 60 }), new Date());
    const brand = good.checks.find((c) => c.id === 'brand.lookalike')!;
    expect(['warn', 'fail']).toContain(brand.status);
    expect(JSON.stringify(brand.details)).toContain('goood.test');
    const weak = analyze(await retrieve('weak.test', { ...lab.options('weak.test'), lookalikes: 60 }), new Date());
    expect(weak.checks.find((c) => c.id === 'brand.lookalike')?.status).toBe('pass');
  });

  it('says "could not test" (error), not "fail", when the hosts cannot be reached', async () => {
    const result = analyze(await retrieve('good.test', { ...lab.options('good.test'), allowPrivate: false }), new Date());
    const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]));
    for (const id of ['web.https', 'web.cert', 'mail.starttls']) expect(byId[id]?.status, id).toBe('error');
  });
});
