/**
 * DNS for the scanner: node:dns for the common types, raw queries (dns-packet over UDP) for DS, DNSKEY and SOA.
 * Questions go to the configured recursive resolver (operator configuration), or to a name server the scanned domain
 * names itself; those addresses pass the address guard first, like every other connection of the scanner.
 */
import { Resolver } from 'node:dns/promises';
import { createSocket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import type { CaaRecord, DnsAnswer, DnsFailure, MxRecord } from '../../core/scan/snapshot.ts';
import { isContactable, type GuardOptions } from './address-guard.ts';

export interface ScanDnsOptions {
  /** host:port of the recursive resolver; system resolvers when absent. */
  resolver?: string;
  timeoutMs: number;
  /** The address guard for servers the scanned domain chooses (its name servers). Default: public addresses only. */
  guard?: GuardOptions;
}

function failure(err: unknown): DnsAnswer<never> {
  const code = (err as { code?: string }).code;
  if (code === 'ENOTFOUND') return { status: 'nxdomain' };
  if (code === 'ENODATA') return { status: 'nodata' };
  const reason: DnsFailure = code === 'ETIMEOUT' ? 'timeout' : code === 'ESERVFAIL' ? 'servfail' : code === 'EREFUSED' ? 'refused' : 'other';
  return { status: 'error', reason };
}

function splitHostPort(hp: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(hp);
  return { host: m?.[1] ?? hp, port: m?.[2] ? Number(m[2]) : 53 };
}

export class ScanDns {
  private readonly resolver: Resolver;
  /**
   * One scan asks some names more than once (the domain's addresses for HTTPS, HTTP and TLS; an MX host for SPF and
   * for SMTP): each question is sent once and every check shares the answer, even one asked while the first is still
   * on its way. One ScanDns lives for one scan, so nothing is kept longer than the answer's use.
   */
  private readonly answers = new Map<string, Promise<DnsAnswer<unknown>>>();
  /** Questions actually sent (not answered from the shared answers); for tests and the benchmark. */
  queries = 0;
  constructor(private readonly opts: ScanDnsOptions) {
    this.resolver = new Resolver({ timeout: opts.timeoutMs, tries: 2 });
    if (opts.resolver) this.resolver.setServers([opts.resolver]);
  }

  private wrap<T>(type: string, name: string, fn: () => Promise<T[]>): Promise<DnsAnswer<T>> {
    const key = `${type} ${name.toLowerCase().replace(/\.$/, '')}`;
    const known = this.answers.get(key);
    if (known) return known as Promise<DnsAnswer<T>>;
    this.queries++;
    const answer = (async (): Promise<DnsAnswer<T>> => {
      try {
        const records = await fn();
        return records.length === 0 ? { status: 'nodata' } : { status: 'ok', records };
      } catch (err) {
        return failure(err);
      }
    })();
    this.answers.set(key, answer);
    return answer;
  }

  a(name: string): Promise<DnsAnswer<string>> {
    return this.wrap('A', name, () => this.resolver.resolve4(name));
  }
  aaaa(name: string): Promise<DnsAnswer<string>> {
    return this.wrap('AAAA', name, () => this.resolver.resolve6(name));
  }
  /** A and AAAA together: ok with both lists merged, nodata only when both are empty. */
  async addresses(name: string): Promise<DnsAnswer<string>> {
    const [v4, v6] = await Promise.all([this.a(name), this.aaaa(name)]);
    const records = [...(v4.status === 'ok' ? v4.records : []), ...(v6.status === 'ok' ? v6.records : [])];
    if (records.length > 0) return { status: 'ok', records };
    if (v4.status === 'error') return v4;
    if (v4.status === 'nxdomain') return v4;
    return { status: 'nodata' };
  }
  mx(name: string): Promise<DnsAnswer<MxRecord>> {
    return this.wrap('MX', name, async () => (await this.resolver.resolveMx(name)).map((m) => ({ preference: m.priority, exchange: m.exchange.replace(/\.$/, '').toLowerCase() })));
  }
  txt(name: string): Promise<DnsAnswer<string>> {
    return this.wrap('TXT', name, async () => (await this.resolver.resolveTxt(name)).map((chunks) => chunks.join('')));
  }
  ns(name: string): Promise<DnsAnswer<string>> {
    return this.wrap('NS', name, async () => (await this.resolver.resolveNs(name)).map((n) => n.replace(/\.$/, '').toLowerCase()));
  }
  caa(name: string): Promise<DnsAnswer<CaaRecord>> {
    return this.wrap('CAA', name, async () =>
      (await this.resolver.resolveCaa(name)).map((r) => {
        const rec = r as unknown as Record<string, unknown>;
        const tag = ['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone'].find((k) => typeof rec[k] === 'string') ?? 'unknown';
        return { flags: r.critical ?? 0, tag, value: String(rec[tag] ?? '') };
      }),
    );
  }

  /**
   * A raw query (DO bit set, so a validating resolver reports AD); used for DS and DNSKEY and per-NS SOA. With
   * `server` (an address the scanned domain chose) the address guard decides first: a refused address gets the
   * answer `blocked` and no packet is sent.
   */
  async raw(name: string, type: 'DS' | 'DNSKEY' | 'SOA', server?: string): Promise<{ answer: DnsAnswer<string>; ad: boolean; aa: boolean }> {
    const target = splitHostPort(server ?? this.opts.resolver ?? this.resolver.getServers()[0] ?? '127.0.0.1:53');
    if (server !== undefined && !isContactable(target.host, this.opts.guard ?? { allowPrivate: false }))
      return { answer: { status: 'error', reason: 'blocked' }, ad: false, aa: false };
    const query = dnsPacket.encode({
      type: 'query',
      id: randomInt(1, 65535),
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
      questions: [{ type, name, class: 'IN' }],
      additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: dnsPacket.DNSSEC_OK } as unknown as dnsPacket.Answer],
    });
    return new Promise((resolve) => {
      const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
      const done = (v: { answer: DnsAnswer<string>; ad: boolean; aa: boolean }) => {
        clearTimeout(timer);
        socket.close();
        resolve(v);
      };
      const timer = setTimeout(() => done({ answer: { status: 'error', reason: 'timeout' }, ad: false, aa: false }), this.opts.timeoutMs);
      socket.on('error', () => done({ answer: { status: 'error', reason: 'other' }, ad: false, aa: false }));
      socket.on('message', (msg) => {
        try {
          const res = dnsPacket.decode(msg);
          const flags = res.flags ?? 0;
          const rcode = (res as { rcode?: string }).rcode ?? 'NOERROR';
          const ad = (flags & dnsPacket.AUTHENTIC_DATA) !== 0;
          const aa = (flags & dnsPacket.AUTHORITATIVE_ANSWER) !== 0;
          if (rcode === 'NXDOMAIN') return done({ answer: { status: 'nxdomain' }, ad, aa });
          if (rcode === 'SERVFAIL') return done({ answer: { status: 'error', reason: 'servfail' }, ad, aa });
          if (rcode === 'REFUSED') return done({ answer: { status: 'error', reason: 'refused' }, ad, aa });
          const records = (res.answers ?? []).filter((a) => a.type === type).map((a) => JSON.stringify((a as { data?: unknown }).data ?? null));
          done({ answer: records.length ? { status: 'ok', records } : { status: 'nodata' }, ad, aa });
        } catch {
          done({ answer: { status: 'error', reason: 'other' }, ad: false, aa: false });
        }
      });
      socket.send(query, target.port, target.host);
    });
  }
}
