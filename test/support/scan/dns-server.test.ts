import dgram from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { DecodedPacket, RecordType } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer, type Zone } from './dns-server.ts';

const LONG_SPF =
  'v=spf1 ' +
  Array.from({ length: 24 }, (_, i) => `ip4:192.0.2.${i + 1}`).join(' ') +
  ' include:_spf.mail.other.test include:spf.protection.outlook.test -all';

const zones: Zone[] = [
  {
    origin: 'test',
    records: [{ name: 'example', type: 'DS', data: { keyTag: 12345, algorithm: 13, digestType: 2, digest: 'ab'.repeat(32) } }],
  },
  {
    origin: 'example.test',
    records: [
      { name: '@', type: 'SOA', ttl: 3600, data: { mname: 'ns1', rname: 'hostmaster', serial: 2024010101, minimum: 60 } },
      { name: '@', type: 'NS', data: 'ns1' },
      { name: '@', type: 'NS', data: 'ns2.example.test' },
      { name: '@', type: 'A', data: '192.0.2.10' },
      { name: '@', type: 'AAAA', data: '2001:db8::10' },
      { name: '@', type: 'MX', data: { preference: 10, exchange: 'mail' } },
      { name: '@', type: 'MX', data: { preference: 20, exchange: 'mx.other.test' } },
      { name: '@', type: 'TXT', data: LONG_SPF },
      { name: '@', type: 'TXT', data: 'google-site-verification=abc' },
      { name: '@', type: 'CAA', data: { tag: 'issue', value: 'letsencrypt.org' } },
      { name: '@', type: 'CAA', data: { flags: 128, tag: 'iodef', value: 'mailto:security@example.test' } },
      { name: '@', type: 'DNSKEY', data: { flags: 257, algorithm: 13, key: Buffer.alloc(64, 7).toString('base64') } },
      { name: 'www', type: 'CNAME', data: '@' },
      { name: 'ns1', type: 'A', data: '192.0.2.53' },
      { name: 'ns2.example.test.', type: 'A', data: '192.0.2.54' },
      { name: 'mail', type: 'A', data: '192.0.2.25' },
      { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.test' },
      { name: 'selector1._domainkey', type: 'TXT', data: 'v=DKIM1; k=rsa; p=MIIBIjAN' },
      { name: 'big', type: 'TXT', data: 'x'.repeat(3000) },
      { name: '*.wild', type: 'A', data: '192.0.2.99' },
      { name: 'deep.wild', type: 'TXT', data: 'exists' },
    ],
    servfail: ['broken'],
    drop: ['blackhole'],
  },
];

function resolverFor(dns: TestDnsServer, timeout = 1000): Resolver {
  const resolver = new Resolver({ timeout, tries: 1 });
  resolver.setServers([dns.server]);
  return resolver;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}

/** dns-packet decodes the RCODE, but its types do not declare it. */
function rcode(packet: DecodedPacket): string {
  return (packet as DecodedPacket & { rcode: string }).rcode;
}

/** A raw query over UDP, to look at flags and sections node:dns does not expose. */
function rawUdp(port: number, name: string, type: RecordType, edns = true): Promise<DecodedPacket> {
  const socket = dgram.createSocket('udp4');
  const query = dnsPacket.encode({
    type: 'query',
    id: 4242,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type, class: 'IN' }],
    additionals: edns
      ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }]
      : [],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('raw UDP query timed out'));
    }, 2000);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(dnsPacket.decode(message));
    });
    socket.send(query, port, '127.0.0.1');
  });
}

function rawTcp(port: number, name: string, type: RecordType): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    socket.on('connect', () => socket.write(dnsPacket.streamEncode({ type: 'query', id: 7, questions: [{ name, type, class: 'IN' }] })));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
        socket.end();
        resolve(dnsPacket.decode(buffer.subarray(2)));
      }
    });
    socket.on('error', reject);
  });
}

describe('test DNS server', () => {
  let dns: TestDnsServer;
  let resolver: Resolver;
  beforeAll(async () => {
    dns = await startDnsServer(zones);
    resolver = resolverFor(dns);
  });
  afterAll(() => dns.stop());

  it('listens on loopback, UDP and TCP on the same port', async () => {
    expect(dns.host).toBe('127.0.0.1');
    expect(dns.server).toBe(`127.0.0.1:${dns.port}`);
    const viaTcp = await rawTcp(dns.port, 'example.test', 'A');
    expect(viaTcp.answers?.map((a) => a.type === 'A' && a.data)).toEqual(['192.0.2.10']);
    expect(dns.queries).toContainEqual({ name: 'example.test', type: 'A', transport: 'tcp' });
  });

  it('answers A and AAAA, with TTLs, and follows a CNAME inside the zone', async () => {
    expect(await resolver.resolve4('example.test', { ttl: true })).toEqual([{ address: '192.0.2.10', ttl: 300 }]);
    expect(await resolver.resolve6('example.test')).toEqual(['2001:db8::10']);
    expect(await resolver.resolve4('WWW.Example.TEST')).toEqual(['192.0.2.10']);
    expect(await resolver.resolveCname('www.example.test')).toEqual(['example.test']);
  });

  it('answers MX with relative and absolute exchanges', async () => {
    const mx = await resolver.resolveMx('example.test');
    expect(mx.sort((a, b) => a.priority - b.priority)).toEqual([
      { exchange: 'mail.example.test', priority: 10 },
      { exchange: 'mx.other.test', priority: 20 },
    ]);
  });

  it('splits a long SPF TXT record into ≤255-byte strings that join back to the record', async () => {
    expect(LONG_SPF.length).toBeGreaterThan(255);
    const txt = await resolver.resolveTxt('example.test');
    const spf = txt.find((chunks) => chunks[0]?.startsWith('v=spf1'));
    expect(spf).toBeDefined();
    expect(spf!.length).toBeGreaterThanOrEqual(2);
    for (const chunk of spf!) expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(255);
    expect(spf!.join('')).toBe(LONG_SPF);
    expect(txt).toContainEqual(['google-site-verification=abc']);
    expect(await resolver.resolveTxt('_dmarc.example.test')).toEqual([['v=DMARC1; p=reject; rua=mailto:dmarc@example.test']]);
  });

  it('falls back to TCP for an answer too big for UDP (TC flag)', async () => {
    const udp = await rawUdp(dns.port, 'big.example.test', 'TXT');
    expect(udp.flag_tc).toBe(true);
    expect(udp.answers).toEqual([]);
    const txt = await resolver.resolveTxt('big.example.test');
    expect(txt[0]!.join('')).toBe('x'.repeat(3000));
    expect(dns.queries).toContainEqual({ name: 'big.example.test', type: 'TXT', transport: 'tcp' });
  });

  it('answers NS and CAA', async () => {
    expect((await resolver.resolveNs('example.test')).sort()).toEqual(['ns1.example.test', 'ns2.example.test']);
    const caa = await resolver.resolveCaa('example.test');
    expect(caa).toContainEqual({ critical: 0, issue: 'letsencrypt.org' });
    expect(caa).toContainEqual({ critical: 128, iodef: 'mailto:security@example.test' });
  });

  it('answers SOA', async () => {
    expect(await resolver.resolveSoa('example.test')).toMatchObject({
      nsname: 'ns1.example.test',
      hostmaster: 'hostmaster.example.test',
      serial: 2024010101,
      minttl: 60,
    });
  });

  it('tells NXDOMAIN (ENOTFOUND) from NODATA (ENODATA), empty non-terminals included', async () => {
    expect(await codeOf(resolver.resolve4('nope.example.test'))).toBe('ENOTFOUND');
    expect(await codeOf(resolver.resolveMx('mail.example.test'))).toBe('ENODATA');
    expect(await codeOf(resolver.resolveTxt('_domainkey.example.test'))).toBe('ENODATA');
    expect(await codeOf(resolver.resolveTxt('nope._domainkey.example.test'))).toBe('ENOTFOUND');
    expect(await resolver.resolveTxt('selector1._domainkey.example.test')).toEqual([['v=DKIM1; k=rsa; p=MIIBIjAN']]);
  });

  it('sets AA and puts the SOA in the authority section of negative answers', async () => {
    const positive = await rawUdp(dns.port, 'example.test', 'A');
    expect(positive.flag_aa).toBe(true);
    expect(rcode(positive)).toBe('NOERROR');
    expect(positive.additionals?.some((a) => a.type === 'OPT')).toBe(true);

    const nx = await rawUdp(dns.port, 'nope.example.test', 'A');
    expect(rcode(nx)).toBe('NXDOMAIN');
    expect(nx.flag_aa).toBe(true);
    expect(nx.authorities).toHaveLength(1);
    expect(nx.authorities?.[0]).toMatchObject({ type: 'SOA', name: 'example.test', ttl: 60 });

    const nodata = await rawUdp(dns.port, 'mail.example.test', 'MX', false);
    expect(rcode(nodata)).toBe('NOERROR');
    expect(nodata.flag_aa).toBe(true);
    expect(nodata.answers).toEqual([]);
    expect(nodata.authorities?.[0]?.type).toBe('SOA');
    expect(nodata.additionals).toEqual([]);

    const outside = await rawUdp(dns.port, 'example.org', 'A');
    expect(rcode(outside)).toBe('REFUSED');
    expect(outside.flag_aa).toBe(false);
  });

  it('answers DS from the parent zone and DNSKEY from the child', async () => {
    const ds = await rawUdp(dns.port, 'example.test', 'DS');
    expect(ds.flag_aa).toBe(true);
    expect(ds.answers?.[0]).toMatchObject({ type: 'DS', name: 'example.test', data: { keyTag: 12345, algorithm: 13 } });
    const dnskey = await rawUdp(dns.port, 'example.test', 'DNSKEY');
    expect(dnskey.answers?.[0]).toMatchObject({ type: 'DNSKEY', data: { flags: 257, algorithm: 13 } });
  });

  it('serves wildcards only for names that do not exist', async () => {
    expect(await resolver.resolve4('anything.wild.example.test')).toEqual(['192.0.2.99']);
    expect(await codeOf(resolver.resolve4('deep.wild.example.test'))).toBe('ENODATA');
  });

  it('answers SERVFAIL (ESERVFAIL) for servfail names', async () => {
    expect(await codeOf(resolver.resolve4('broken.example.test'))).toBe('ESERVFAIL');
  });

  it('never answers drop names, so the client times out (ETIMEOUT)', async () => {
    const quick = resolverFor(dns, 150);
    const started = Date.now();
    expect(await codeOf(quick.resolveTxt('blackhole.example.test'))).toBe('ETIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(dns.queries.some((q) => q.name === 'blackhole.example.test')).toBe(true);
  });

  it('records every query', () => {
    expect(dns.queries).toContainEqual({ name: 'example.test', type: 'MX', transport: 'udp' });
    expect(dns.queries).toContainEqual({ name: 'example.test', type: 'CAA', transport: 'udp' });
  });

  it('can change its zones while running', async () => {
    const other = await startDnsServer([{ origin: 'changing.test', records: [{ name: '@', type: 'TXT', data: 'v=spf1 -all' }] }]);
    try {
      const r = resolverFor(other);
      expect(await r.resolveTxt('changing.test')).toEqual([['v=spf1 -all']]);
      other.setZones([{ origin: 'changing.test', records: [{ name: '@', type: 'TXT', data: 'v=spf1 +all' }] }]);
      expect(await r.resolveTxt('changing.test')).toEqual([['v=spf1 +all']]);
    } finally {
      await other.stop();
    }
  });
});

describe('test DNS server latency', () => {
  it('delays every answer by latencyMs', async () => {
    const slow = await startDnsServer(zones, { latencyMs: 40 });
    try {
      const resolver = resolverFor(slow);
      const started = performance.now();
      expect(await resolver.resolve4('example.test')).toEqual(['192.0.2.10']);
      expect(await codeOf(resolver.resolve4('nope.example.test'))).toBe('ENOTFOUND');
      expect(performance.now() - started).toBeGreaterThanOrEqual(78);
      slow.setLatency(200);
      const slower = performance.now();
      await resolver.resolve4('example.test');
      expect(performance.now() - slower).toBeGreaterThanOrEqual(195);
    } finally {
      await slow.stop();
    }
  });

  it('stops cleanly with answers still pending', async () => {
    const slow = await startDnsServer(zones, { latencyMs: 500 });
    const resolver = resolverFor(slow, 2000);
    const pending = codeOf(resolver.resolve4('example.test'));
    await new Promise((r) => setTimeout(r, 50));
    await slow.stop();
    await slow.stop(); // idempotent
    resolver.cancel();
    expect(await pending).toBe('ECANCELLED');
  });
});
