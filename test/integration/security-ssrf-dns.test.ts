/**
 * Security suite (issue 13): SSRF through the scanner's DNS, the cases scan-ssrf.test.ts (redirects to address
 * literals) and scan-guard-tls.test.ts (a name server at a private IPv4 address) leave open. Everything stays on
 * loopback: the "internal" services are loopback servers the guard or the pinning must keep the scanner away from.
 * - DNS rebinding (OWASP SSRF Prevention Cheat Sheet, "DNS pinning"): a name answers first with an allowed address,
 *   then with another one. The scanner connects to the address it resolved and checked, for every hop of the same
 *   name, and never asks again within the scan, so the second answer is never used.
 * - IPv6-mapped and IPv4-compatible addresses in AAAA answers (RFC 4291 §2.5.5): ::ffff:10.0.0.1 is 10.0.0.1.
 * - A name server whose only address is an IPv6-mapped private/loopback address gets no query.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanDns } from '../../src/adapters/scan/dns.ts';
import { fetchChain } from '../../src/adapters/scan/net.ts';
import { retrieve } from '../../src/adapters/scan/retriever.ts';
import { startDnsServer, type TestDnsServer, type Zone } from '../support/scan/dns-server.ts';

function listen(server: http.Server, host: string, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, host, () => resolve((server.address() as AddressInfo).port)));
}

const zone = (a: string): Zone => ({ origin: 'rebind.test', records: [{ name: '@', type: 'A', data: a, ttl: 0 }] });

describe('scanner SSRF through DNS', () => {
  let dns: TestDnsServer;
  let publicSite: http.Server;
  let internal: http.Server;
  let port = 0;
  const internalHits: string[] = [];
  const publicHits: string[] = [];

  beforeAll(async () => {
    dns = await startDnsServer([zone('127.0.0.1')]);
    // The site the scan was asked for: its first answer flips the name to the internal address, then redirects
    // to itself by name, so a scanner that looked the name up again would go to the internal one.
    publicSite = http.createServer((req, res) => {
      publicHits.push(req.url ?? '');
      dns.setZones([zone('127.0.0.2')]);
      if (req.url === '/') res.writeHead(302, { location: 'http://rebind.test/second' }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('public');
    });
    port = await listen(publicSite, '127.0.0.1');
    // Stands for a service inside the scanner's network, reachable on the same port at the rebound address.
    internal = http.createServer((req, res) => {
      internalHits.push(req.url ?? '');
      res.writeHead(200).end('internal secret');
    });
    await listen(internal, '127.0.0.2', port);
  });
  afterAll(async () => {
    await new Promise((r) => publicSite?.close(r));
    await new Promise((r) => internal?.close(r));
    await dns?.stop();
  });

  it('DNS rebinding: every hop of a name goes to the address resolved and checked first; the name is asked once', async () => {
    const opts = { dns: new ScanDns({ resolver: dns.server, timeoutMs: 1000, guard: { allowPrivate: true } }), allowPrivate: true, portMap: { 80: port }, timeoutMs: 2000 };
    const chain = await fetchChain(opts, 'http://rebind.test/');
    expect(chain.hops.map((h) => h.status)).toEqual([302, 200]);
    expect(publicHits).toEqual(['/', '/second']);
    expect(internalHits).toEqual([]);
    expect(dns.queries.filter((q) => q.name === 'rebind.test' && q.type === 'A')).toHaveLength(1);
  });

  it.each(['::ffff:10.0.0.1', '::ffff:a00:1', '::a00:1', '::ffff:169.254.169.254', '::ffff:192.168.1.1', 'fd00::1'])(
    'an AAAA answer %s (a private IPv4 address in IPv6 clothing, or private IPv6) is refused before any connection',
    async (address) => {
      const mapped = await startDnsServer([{ origin: 'mapped.test', records: [{ name: '@', type: 'AAAA', data: address }] }]);
      try {
        const opts = { dns: new ScanDns({ resolver: mapped.server, timeoutMs: 1000, guard: { allowPrivate: true } }), allowPrivate: true, portMap: { 80: port }, timeoutMs: 2000 };
        const chain = await fetchChain(opts, 'http://mapped.test/');
        expect(chain.status).toBe('blocked');
        expect(chain.hops).toEqual([]);
      } finally {
        await mapped.stop();
      }
    },
  );

  it('a name server whose only address is IPv6-mapped loopback gets no query outside test mode', async () => {
    const lab = await startDnsServer([
      { origin: 'mapped-ns.test', records: [{ name: '@', type: 'NS', data: 'ns1.mapped-ns.test' }, { name: 'ns1', type: 'AAAA', data: '::ffff:127.0.3.2' }] },
    ]);
    const victim = await startDnsServer([{ origin: 'mapped-ns.test', records: [] }], { bindHost: '127.0.3.2', port: lab.port });
    try {
      const snap = await retrieve('mapped-ns.test', { resolver: lab.server, allowPrivate: false, portMap: { 53: lab.port }, timeoutMs: 500, budgetMs: 3000, dkimSelectors: [], lookalikes: 0 });
      expect(victim.queries).toEqual([]);
      expect(snap.dns.nameServers).toHaveLength(1);
      expect(snap.dns.nameServers[0]).toMatchObject({ host: 'ns1.mapped-ns.test', answered: false, blocked: true });
    } finally {
      await victim.stop();
      await lab.stop();
    }
  });
});
