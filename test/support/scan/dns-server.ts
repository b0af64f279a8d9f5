/**
 * An authoritative DNS server on loopback for scanner tests: UDP and TCP on the same random port of 127.0.0.1,
 * serving the given test zones. Point `node:dns` at it with `resolver.setServers([dns.server])`, or the CLI with
 * `--resolver ${dns.server}`.
 *
 * Behaviour, as a real authoritative server:
 * - AA flag on every answer from a served zone; REFUSED (no AA) for names outside every zone.
 * - NXDOMAIN when the name does not exist, NODATA (NOERROR, empty answer) when it exists with other types or is an
 *   empty non-terminal (e.g. `_domainkey.example.test` when `sel._domainkey.example.test` exists); both carry the
 *   zone's SOA in the authority section (negative TTL = min(SOA TTL, SOA minimum)).
 * - CNAME answers for other types, followed while the target is in a served zone (as BIND does).
 * - Wildcards (`*.example.test`) per RFC 4592 (only when the name does not exist and is no empty non-terminal).
 * - DS is answered from the parent zone when both parent and child zones are served (DS lives at the parent).
 * - TXT: a `string` is one record split into ≤255-byte character-strings; a `string[]` gives the strings explicitly
 *   (each still split at 255 bytes).
 * - EDNS(0): an OPT is returned when the query had one; UDP answers larger than the client's buffer (512 bytes
 *   without EDNS) are truncated (TC) so that the client retries over TCP.
 * - Test hooks: `latencyMs` delays every answer; `servfail` names get SERVFAIL; `drop` names get no answer at all.
 *
 * Names: an owner name is relative to the zone origin unless it ends with '.' or already ends with the origin
 * ('@' is the apex). A name in record data (NS, CNAME, MX exchange, SOA) is absolute when it contains a dot
 * (`mx.other.test`), relative when it is a single label (`mail`), '@' is the apex.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet, Question, SoaData } from 'dns-packet';

export type ZoneRecordType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'NS' | 'CAA' | 'CNAME' | 'DS' | 'DNSKEY' | 'SOA';

interface RecordBase {
  /** Relative ('www', '_dmarc', 'sel._domainkey'), '@' for the apex, or absolute ('www.example.test' or 'www.example.test.'). */
  name: string;
  /** Default 300. */
  ttl?: number;
}

export type ZoneRecord =
  | (RecordBase & { type: 'A' | 'AAAA' | 'NS' | 'CNAME'; data: string })
  | (RecordBase & { type: 'MX'; data: { preference: number; exchange: string } })
  | (RecordBase & { type: 'TXT'; data: string | string[] })
  | (RecordBase & { type: 'CAA'; data: { flags?: number; tag: 'issue' | 'issuewild' | 'iodef'; value: string } })
  | (RecordBase & {
      type: 'DS';
      /** digest: bytes, or a hex string. */
      data: { keyTag: number; algorithm: number; digestType: number; digest: Buffer | string };
    })
  | (RecordBase & {
      type: 'DNSKEY';
      /** key: bytes, or a base64 string (as in zone files). */
      data: { flags: number; algorithm: number; key: Buffer | string };
    })
  | (RecordBase & { type: 'SOA'; data: Partial<SoaData> });

export interface Zone {
  /** The apex, e.g. 'example.test'. */
  origin: string;
  /** Without a SOA record a default one is served (ns1.<origin>, hostmaster.<origin>, serial 1, minimum 300). */
  records: ZoneRecord[];
  /** Names (any type) answered with SERVFAIL. */
  servfail?: string[];
  /** Names (any type) never answered, so the client times out. */
  drop?: string[];
}

export interface DnsQueryLog {
  /** Lower case, no trailing dot. */
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface DnsServerOptions {
  /** Added delay before every answer (UDP and TCP), for benchmarks. */
  latencyMs?: number;
  /** Another loopback address (127.0.0.0/8) to serve on, e.g. a second name server on another network. */
  bindHost?: string;
  /** A fixed port (e.g. the first server's, so one port map fits both). */
  port?: number;
}

export interface TestDnsServer {
  host: '127.0.0.1';
  port: number;
  /** '127.0.0.1:PORT', for `Resolver.setServers([server])` or `--resolver`. */
  server: string;
  /** Every query received, in order (also dropped and SERVFAIL ones). */
  queries: DnsQueryLog[];
  /** Replace the served zones (e.g. to simulate a changed SPF record between two scans). */
  setZones(zones: Zone[]): void;
  setLatency(ms: number): void;
  stop(): Promise<void>;
}

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
const DEFAULT_TTL = 300;
const MAX_CNAME_CHAIN = 8;

function canonical(name: string): string {
  return name.toLowerCase().replace(/\.+$/, '');
}

function isUnder(name: string, origin: string): boolean {
  return origin === '' || name === origin || name.endsWith(`.${origin}`);
}

function ownerName(name: string, origin: string): string {
  if (name === '@' || name === '') return origin;
  if (name.endsWith('.')) return canonical(name);
  const lower = name.toLowerCase();
  if (isUnder(lower, origin)) return lower;
  return `${lower}.${origin}`;
}

function targetName(name: string, origin: string): string {
  if (name === '@') return origin;
  if (name.endsWith('.') || name.includes('.')) return canonical(name);
  return `${name.toLowerCase()}.${origin}`;
}

/** One logical TXT value → ≤255-byte character-strings. */
export function splitTxt(value: string | string[]): Buffer[] {
  const parts = Array.isArray(value) ? value : [value];
  const out: Buffer[] = [];
  for (const part of parts) {
    const bytes = Buffer.from(part, 'utf8');
    if (bytes.length === 0) out.push(bytes);
    for (let i = 0; i < bytes.length; i += 255) out.push(bytes.subarray(i, i + 255));
  }
  return out;
}

interface IndexedRecord {
  name: string;
  type: ZoneRecordType;
  ttl: number;
  /** In dns-packet's shape for this type. */
  data: unknown;
}

interface IndexedZone {
  origin: string;
  byName: Map<string, IndexedRecord[]>;
  /** Names that exist: owners plus every ancestor up to the origin (empty non-terminals). */
  existing: Set<string>;
  soa: IndexedRecord;
  servfail: Set<string>;
  drop: Set<string>;
}

function recordData(record: ZoneRecord, origin: string): unknown {
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return record.data;
    case 'NS':
    case 'CNAME':
      return targetName(record.data, origin);
    case 'MX':
      return { preference: record.data.preference, exchange: targetName(record.data.exchange, origin) };
    case 'TXT':
      return splitTxt(record.data);
    case 'CAA':
      return { flags: record.data.flags ?? 0, tag: record.data.tag, value: record.data.value };
    case 'DS': {
      const { digest } = record.data;
      return { ...record.data, digest: typeof digest === 'string' ? Buffer.from(digest, 'hex') : digest };
    }
    case 'DNSKEY': {
      const { key } = record.data;
      return { ...record.data, key: typeof key === 'string' ? Buffer.from(key, 'base64') : key };
    }
    case 'SOA':
      return defaultSoa(origin, record.data);
  }
}

function defaultSoa(origin: string, data: Partial<SoaData> = {}): SoaData {
  return {
    mname: targetName(data.mname ?? `ns1.${origin}`, origin),
    rname: targetName(data.rname ?? `hostmaster.${origin}`, origin),
    serial: data.serial ?? 1,
    refresh: data.refresh ?? 3600,
    retry: data.retry ?? 600,
    expire: data.expire ?? 604800,
    minimum: data.minimum ?? 300,
  };
}

function indexZone(zone: Zone): IndexedZone {
  const origin = canonical(zone.origin);
  const byName = new Map<string, IndexedRecord[]>();
  const existing = new Set<string>([origin]);
  let soa: IndexedRecord | undefined;
  for (const record of zone.records) {
    const name = ownerName(record.name, origin);
    if (!isUnder(name, origin)) throw new Error(`record ${record.name} is outside zone ${origin}`);
    const indexed: IndexedRecord = { name, type: record.type, ttl: record.ttl ?? DEFAULT_TTL, data: recordData(record, origin) };
    if (record.type === 'SOA') {
      if (name !== origin) throw new Error(`SOA must be at the apex of ${origin}`);
      soa = indexed;
    }
    const list = byName.get(name) ?? [];
    list.push(indexed);
    byName.set(name, list);
    for (let n = name; n !== origin && n.includes('.'); n = n.slice(n.indexOf('.') + 1)) existing.add(n);
  }
  if (!soa) {
    soa = { name: origin, type: 'SOA', ttl: DEFAULT_TTL, data: defaultSoa(origin) };
    byName.set(origin, [soa, ...(byName.get(origin) ?? [])]);
  }
  return {
    origin,
    byName,
    existing,
    soa,
    servfail: new Set((zone.servfail ?? []).map((n) => ownerName(n, origin))),
    drop: new Set((zone.drop ?? []).map((n) => ownerName(n, origin))),
  };
}

interface Resolution {
  rcode: number;
  aa: boolean;
  answers: Answer[];
  authorities: Answer[];
  drop: boolean;
}

function toAnswer(record: IndexedRecord, owner: string): Answer {
  return { name: owner, type: record.type, ttl: record.ttl, class: 'IN', data: record.data } as Answer;
}

function negativeSoa(zone: IndexedZone): Answer {
  const soa = zone.soa.data as SoaData;
  return { ...toAnswer(zone.soa, zone.origin), ttl: Math.min(zone.soa.ttl, soa.minimum ?? zone.soa.ttl) } as Answer;
}

class ZoneSet {
  private zones: IndexedZone[] = [];

  set(zones: Zone[]): void {
    // Longest origin first, so that the most specific zone wins.
    this.zones = zones.map(indexZone).sort((a, b) => b.origin.length - a.origin.length);
  }

  private find(name: string, type: string): IndexedZone | undefined {
    const matching = this.zones.filter((z) => isUnder(name, z.origin));
    // DS lives in the parent: for a child apex, answer from the parent zone when it is served too.
    if (type === 'DS' && matching[0]?.origin === name && matching.length > 1) return matching[1];
    return matching[0];
  }

  resolve(question: Question, depth = 0, ownerAsAsked?: string): Resolution {
    const name = canonical(question.name);
    const type = question.type as string;
    const zone = this.find(name, type);
    const result: Resolution = { rcode: RCODE.NOERROR, aa: true, answers: [], authorities: [], drop: false };
    if (!zone) return { ...result, rcode: RCODE.REFUSED, aa: false };
    if (zone.drop.has(name)) return { ...result, drop: true };
    if (zone.servfail.has(name)) return { ...result, rcode: RCODE.SERVFAIL, aa: false };

    const owner = ownerAsAsked ?? name;
    let records = zone.byName.get(name);
    if (!records && !zone.existing.has(name)) records = this.wildcard(zone, name);
    if (!records) {
      const exists = zone.existing.has(name);
      return { ...result, rcode: exists ? RCODE.NOERROR : RCODE.NXDOMAIN, authorities: [negativeSoa(zone)] };
    }

    const matching = type === 'ANY' ? records : records.filter((r) => r.type === type);
    if (matching.length > 0) return { ...result, answers: matching.map((r) => toAnswer(r, owner)) };

    const cname = records.find((r) => r.type === 'CNAME');
    if (cname && type !== 'CNAME') {
      const answers = [toAnswer(cname, owner)];
      const target = cname.data as string;
      if (depth < MAX_CNAME_CHAIN && this.find(target, type)) {
        const next = this.resolve({ name: target, type: question.type }, depth + 1);
        if (next.drop || next.rcode === RCODE.SERVFAIL) return next;
        return { ...next, aa: true, answers: [...answers, ...next.answers] };
      }
      return { ...result, answers };
    }
    return { ...result, authorities: [negativeSoa(zone)] };
  }

  /** RFC 4592: find the closest encloser, then `*.<closest encloser>`. */
  private wildcard(zone: IndexedZone, name: string): IndexedRecord[] | undefined {
    let parent = name;
    while (parent !== zone.origin && parent.includes('.')) {
      parent = parent.slice(parent.indexOf('.') + 1);
      if (zone.existing.has(parent)) {
        return zone.byName.get(`*.${parent}`);
      }
    }
    return undefined;
  }
}

interface OptRecord {
  type: 'OPT';
  name: string;
  udpPayloadSize: number;
}

function buildResponse(query: DecodedPacket, zones: ZoneSet): { packet: Packet; drop: boolean; maxUdp: number } {
  const opt = (query.additionals ?? []).find((a) => a.type === 'OPT') as OptRecord | undefined;
  const maxUdp = opt ? Math.max(512, Math.min(opt.udpPayloadSize, 4096)) : 512;
  const rd = query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0;
  const additionals: Answer[] = opt
    ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }]
    : [];
  const base = { id: query.id, type: 'response' as const, questions: query.questions, additionals };
  const opcode = (query as DecodedPacket & { opcode?: string }).opcode;
  if (opcode !== undefined && opcode !== 'QUERY') return { packet: { ...base, flags: rd | RCODE.NOTIMP }, drop: false, maxUdp };
  const question = query.questions?.length === 1 ? query.questions[0] : undefined;
  if (!question) return { packet: { ...base, flags: rd | RCODE.FORMERR }, drop: false, maxUdp };

  const r = zones.resolve(question, 0, question.name);
  const flags = (r.aa ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | rd | r.rcode;
  return { packet: { ...base, flags, answers: r.answers, authorities: r.authorities }, drop: r.drop, maxUdp };
}

function encodeUdp(packet: Packet, maxUdp: number): Buffer {
  const full = dnsPacket.encode(packet);
  if (full.length <= maxUdp) return full;
  return dnsPacket.encode({
    ...packet,
    flags: (packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE,
    answers: [],
    authorities: [],
  });
}

export async function startDnsServer(zones: Zone[], opts: DnsServerOptions = {}): Promise<TestDnsServer> {
  const zoneSet = new ZoneSet();
  zoneSet.set(zones);
  let latencyMs = opts.latencyMs ?? 0;
  const queries: DnsQueryLog[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  let stopping = false;

  const later = (fn: () => void): void => {
    if (latencyMs <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopping) fn();
    }, latencyMs);
    timers.add(timer);
  };

  const handle = (message: Buffer, transport: 'udp' | 'tcp'): { packet: Packet; maxUdp: number } | null => {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return null; // not DNS: ignore, as a server under garbage would
    }
    if (query.type !== 'query') return null;
    for (const q of query.questions ?? []) queries.push({ name: canonical(q.name), type: String(q.type), transport });
    const { packet, drop, maxUdp } = buildResponse(query, zoneSet);
    return drop ? null : { packet, maxUdp };
  };

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2) {
        const length = buffer.readUInt16BE(0);
        if (buffer.length < 2 + length) break;
        const message = buffer.subarray(2, 2 + length);
        buffer = buffer.subarray(2 + length);
        const response = handle(message, 'tcp');
        if (response) {
          later(() => {
            if (!socket.destroyed) socket.write(dnsPacket.streamEncode(response.packet));
          });
        }
      }
    });
  });

  let udp: dgram.Socket | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 20 && !udp; attempt++) {
    const candidate = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      candidate.once('error', reject);
      candidate.bind(opts.port ?? 0, opts.bindHost ?? '127.0.0.1', () => {
        candidate.removeListener('error', reject);
        resolve();
      });
    });
    port = candidate.address().port;
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, opts.bindHost ?? '127.0.0.1', () => {
          tcp.removeListener('error', reject);
          resolve();
        });
      });
      udp = candidate;
    } catch (error) {
      await new Promise<void>((resolve) => candidate.close(() => resolve()));
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  if (!udp) throw new Error('could not bind UDP and TCP to the same port on 127.0.0.1');
  const udpSocket = udp;
  udpSocket.on('error', (error) => console.error('test DNS server UDP error:', error));
  udpSocket.on('message', (message, rinfo) => {
    const response = handle(message, 'udp');
    if (!response) return;
    const bytes = encodeUdp(response.packet, response.maxUdp);
    later(() => udpSocket.send(bytes, rinfo.port, rinfo.address));
  });

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udpSocket.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    })();
    return stopped;
  };

  return {
    host: '127.0.0.1',
    port,
    server: `127.0.0.1:${port}`,
    queries,
    setZones: (next) => zoneSet.set(next),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    stop,
  };
}
