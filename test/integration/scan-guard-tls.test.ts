/**
 * The scanner against loopback hosts, written as the attacks and the misjudgements it must resist:
 * - a domain whose delegation names a name server at an address the scanner may not contact (SSRF through DNS):
 *   the address guard refuses it, no packet reaches that address, and dns.ns says "could not test";
 * - a website that speaks only TLS 1.0: measured with a client that accepts old versions (RFC 8996), so
 *   web.tls_version fails for outdated encryption and web.https does not claim the site has no protection;
 * - whether each HTTPS response came over a trusted certificate, which HSTS needs (RFC 6797 §8.1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrieve } from '../../src/adapters/scan/retriever.ts';
import { analyze } from '../../src/core/scan/grading.ts';
import { startDnsServer, type TestDnsServer } from '../support/scan/dns-server.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

describe('scanner: address guard on DNS, old TLS, trusted certificates', () => {
  let lab: ScanLab;
  let victim: TestDnsServer;
  beforeAll(async () => {
    lab = await startScanLab();
    // Stands for a service inside the scanner's network: it answers DNS for rogue.test if anyone asks it.
    victim = await startDnsServer([{ origin: 'rogue.test', records: [{ name: '@', type: 'NS', data: 'ns1.rogue.test' }] }], { bindHost: '127.0.3.1', port: lab.dns.port });
  });
  afterAll(async () => {
    await victim?.stop();
    await lab?.stop();
  });

  it('attack: a name server at a non-public address gets no query, and is reported as "could not test"', async () => {
    const snap = await retrieve('rogue.test', { ...lab.options('rogue.test'), allowPrivate: false });
    expect(victim.queries).toEqual([]);
    expect(snap.dns.nameServers).toEqual([{ host: 'ns1.rogue.test', addresses: ['127.0.3.1'], answered: false, blocked: true }]);
    const ns = analyze(snap, new Date()).checks.find((c) => c.id === 'dns.ns')!;
    const keys = (ns.details.findings as { key: string; params: Record<string, string> }[]).map((f) => [f.key, f.params.reason]);
    expect(keys).toContainEqual(['scan.could_not_test', 'blocked']);
    // Not asked is not "not answering": only its single delegation (RFC 2182) is held against the domain.
    expect(keys.map(([k]) => k)).toEqual(['dns.ns.too_few', 'scan.could_not_test']);
  });

  it('in test mode the same loopback name server is asked (the guard, not the network, made the difference)', async () => {
    const before = victim.queries.length;
    const snap = await retrieve('rogue.test', lab.options('rogue.test'));
    expect(victim.queries.length).toBeGreaterThan(before);
    expect(snap.dns.nameServers[0]).toMatchObject({ host: 'ns1.rogue.test', answered: true });
  });

  it('a TLS 1.0-only website: outdated encryption, measured, and not "only works without protection"', async () => {
    const snap = await retrieve('oldtls.test', lab.options('oldtls.test'));
    expect(snap.web.tls).toMatchObject({ status: 'ok', negotiated: 'TLSv1', versions: { TLSv1: true, 'TLSv1.1': false, 'TLSv1.2': false, 'TLSv1.3': false } });
    const byId = Object.fromEntries(analyze(snap, new Date()).checks.map((c) => [c.id, c]));
    expect(byId['web.tls_version']).toMatchObject({ status: 'fail', messageKey: 'web.tls_version.no_modern' });
    expect(byId['web.https']).toMatchObject({ status: 'fail', messageKey: 'web.https.outdated_tls_only' });
  });

  it('records per HTTPS response whether its certificate was trusted', async () => {
    const good = await retrieve('good.test', lab.options('good.test'));
    expect(good.web.https.hops.map((h) => h.certificateTrusted)).toEqual([true]);
    const weak = await retrieve('weak.test', lab.options('weak.test')); // expired certificate
    expect(weak.web.https.hops[0]?.certificateTrusted).toBe(false);
  });
});
