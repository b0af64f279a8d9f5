/** A local "internet" for scanner tests: DNS, HTTPS, HTTP and SMTP hosts on loopback for good.test and weak.test. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RetrieveOptions } from '../../../src/adapters/scan/retriever.ts';
import { startDnsServer, type TestDnsServer, type Zone } from './dns-server.ts';
import { startHttpHost, startHttpsHost, strongSite, weakSite, type StartedWebHost } from './https-hosts.ts';
import { startSmtpHost, type StartedSmtpHost } from './smtp-host.ts';
import { testCa } from './test-ca.ts';

function zone(origin: string, extra: Zone['records'] = []): Zone {
  return {
    origin,
    records: [
      { name: '@', type: 'NS', data: `ns1.${origin}` },
      { name: '@', type: 'NS', data: `ns2.${origin}` },
      { name: 'ns1', type: 'A', data: '127.0.0.1' },
      // The second name server is on another (loopback) network, as RFC 2182 advises.
      { name: 'ns2', type: 'A', data: '127.0.1.1' },
      { name: '@', type: 'A', data: '127.0.0.1' },
      { name: 'mail', type: 'A', data: '127.0.0.1' },
      { name: 'mta-sts', type: 'A', data: '127.0.0.1' },
      ...extra,
    ],
  };
}

function dkimKey(bits: number): string {
  return generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

export interface ScanLab {
  dns: TestDnsServer;
  /** Adds or replaces records of a zone while the lab runs (e.g. a verification TXT, a weaker DMARC). */
  setRecord(origin: string, record: Zone['records'][number]): void;
  options(domain: 'good.test' | 'weak.test' | 'broken.test' | 'nomail.test' | 'oldtls.test' | 'rogue.test'): RetrieveOptions;
  /** SCAN_* settings pointing the app's scanner at the lab (the test CA written to a temporary file). */
  env(domain: 'good.test' | 'weak.test'): Record<string, string>;
  stop(): Promise<void>;
}

/** Two local "internets": good.test does everything right, weak.test almost nothing. */
export async function startScanLab(): Promise<ScanLab> {
  const ca = testCa();
  const zones: Zone[] = [
    zone('good.test', [
      { name: '@', type: 'MX', data: { preference: 10, exchange: 'mail.good.test' } },
      { name: '@', type: 'TXT', data: 'v=spf1 include:_spf.good.test -all' },
      { name: '_spf', type: 'TXT', data: 'v=spf1 ip4:127.0.0.1 -all' },
      { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=reject; rua=mailto:dmarc@good.test' },
      { name: 'selector1._domainkey', type: 'TXT', data: `v=DKIM1; k=rsa; p=${dkimKey(2048)}` },
      { name: '_mta-sts', type: 'TXT', data: 'v=STSv1; id=20261101' },
      { name: '_smtp._tls', type: 'TXT', data: 'v=TLSRPTv1; rua=mailto:tls@good.test' },
      { name: '@', type: 'CAA', data: { tag: 'issue', value: 'letsencrypt.org' } },
      { name: '@', type: 'DNSKEY', data: { flags: 257, algorithm: 13, key: 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==' } },
      { name: '@', type: 'DS', data: { keyTag: 2371, algorithm: 13, digestType: 2, digest: '1F987CC6583E92DF0890718C42' + '0'.repeat(38) } },
    ]),
    zone('weak.test', [
      { name: '@', type: 'MX', data: { preference: 10, exchange: 'mail.weak.test' } },
      { name: '@', type: 'TXT', data: 'v=spf1 include:a.weak.test include:b.weak.test +all' },
      { name: 'a', type: 'TXT', data: 'v=spf1 include:b.weak.test' },
      { name: 'b', type: 'TXT', data: 'v=spf1 include:a.weak.test' },
      { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=none' },
    ]),
    // broken.test: name servers without addresses, a null MX mixed with a real one pointing nowhere, no HTTPS.
    {
      origin: 'broken.test',
      records: [
        { name: '@', type: 'NS', data: 'ns1.broken.test' },
        { name: '@', type: 'NS', data: 'ns2.broken.test' },
        { name: '@', type: 'A', data: '127.0.0.1' },
        { name: '@', type: 'MX', data: { preference: 0, exchange: '.' } },
        { name: '@', type: 'MX', data: { preference: 10, exchange: 'nowhere.broken.test' } },
      ],
    },
    // nomail.test: says it receives no mail at all (RFC 7505 null MX).
    { origin: 'nomail.test', records: [{ name: '@', type: 'NS', data: 'ns1.nomail.test' }, { name: 'ns1', type: 'A', data: '127.0.0.1' }, { name: '@', type: 'A', data: '127.0.0.1' }, { name: '@', type: 'MX', data: { preference: 0, exchange: '.' } }, { name: '@', type: 'TXT', data: 'v=spf1 -all' }] },
    // oldtls.test: a website whose HTTPS speaks only TLS 1.0 (RFC 8996 deprecated it), plain HTTP without a redirect.
    zone('oldtls.test'),
    // rogue.test: its delegation names a name server at an address the scanner must not contact (127.0.3.1 is loopback,
    // refused outside test mode); a test can listen there to see whether a query arrives.
    { origin: 'rogue.test', records: [{ name: '@', type: 'NS', data: 'ns1.rogue.test' }, { name: 'ns1', type: 'A', data: '127.0.3.1' }, { name: '@', type: 'A', data: '127.0.0.1' }] },
    // A registered lookalike of good.test (repetition) that can receive mail.
    { origin: 'goood.test', records: [{ name: '@', type: 'A', data: '127.0.0.1' }, { name: '@', type: 'MX', data: { preference: 10, exchange: 'mail.goood.test' } }, { name: 'mail', type: 'A', data: '127.0.0.1' }] },
  ];
  const dns = await startDnsServer(zones);
  const dns2 = await startDnsServer(zones, { bindHost: '127.0.1.1', port: dns.port });
  const hosts: (StartedWebHost | StartedSmtpHost)[] = [];
  const goodHttps = await startHttpsHost({ cert: 'good', names: ['good.test', 'mta-sts.good.test'], ...strongSite, routes: {
      '/.well-known/security.txt': { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Contact: mailto:security@good.test\nExpires: ${new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 19)}Z\n` },
      '/.well-known/mta-sts.txt': { status: 200, headers: { 'content-type': 'text/plain' }, body: 'version: STSv1\nmode: enforce\nmx: mail.good.test\nmax_age: 604800\n' },
    } });
  const goodHttp = await startHttpHost({ redirectTo: 'https://good.test' });
  const goodSmtp = await startSmtpHost({ starttls: true, names: ['mail.good.test'] });
  const weakHttps = await startHttpsHost({ cert: 'expired', names: ['weak.test'], ...weakSite, minVersion: 'TLSv1', maxVersion: 'TLSv1.2' });
  const weakHttp = await startHttpHost({ ...weakSite });
  const weakSmtp = await startSmtpHost({ starttls: false, names: ['mail.weak.test'] });
  const oldTlsHttps = await startHttpsHost({ cert: 'good', names: ['oldtls.test'], ...strongSite, minVersion: 'TLSv1', maxVersion: 'TLSv1' });
  // A port nothing listens on: HTTPS refused.
  const closedPort = await new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  hosts.push(goodHttps, goodHttp, goodSmtp, weakHttps, weakHttp, weakSmtp, oldTlsHttps);
  const base = { resolver: dns.server, allowPrivate: true, extraCa: ca.certPem, timeoutMs: 1500, budgetMs: 8000, dkimSelectors: ['selector1', 'google'], lookalikes: 0 };
  const optionsFor = (domain: Parameters<ScanLab['options']>[0]): RetrieveOptions =>
      domain === 'oldtls.test'
        ? { ...base, portMap: { 443: oldTlsHttps.port, 80: weakHttp.port, 25: weakSmtp.port, 53: dns.port } }
        : domain === 'broken.test' || domain === 'nomail.test' || domain === 'rogue.test'
        ? { ...base, portMap: { 443: closedPort, 80: weakHttp.port, 25: weakSmtp.port, 53: dns.port } }
        : domain === 'good.test'
        ? { ...base, portMap: { 443: goodHttps.port, 80: goodHttp.port, 25: goodSmtp.port, 53: dns.port } }
        : { ...base, portMap: { 443: weakHttps.port, 80: weakHttp.port, 25: weakSmtp.port, 53: dns.port } };
  return {
    dns,
    setRecord(origin, record) {
      const z = zones.find((x) => x.origin === origin)!;
      z.records = [...z.records.filter((r) => !(r.name === record.name && r.type === record.type)), record];
      dns.setZones(zones);
      dns2.setZones(zones);
    },
    env(domain) {
      const o = optionsFor(domain);
      const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'schild-lab-ca-')), 'ca.pem');
      writeFileSync(caFile, o.extraCa!);
      return {
        SCAN_RESOLVER: o.resolver!,
        SCAN_ALLOW_PRIVATE: '1',
        SCAN_PORT_MAP: Object.entries(o.portMap)
          .map(([a, b]) => `${a}=${b}`)
          .join(','),
        SCAN_CA_FILE: caFile,
      };
    },
    options: optionsFor,
    async stop() {
      for (const h of hosts) await h.stop();
      await dns.stop();
      await dns2.stop();
    },
  };
}

