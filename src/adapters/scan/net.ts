/**
 * Network probes of the scanner: HTTP(S) redirect chains, TLS handshakes, SMTP STARTTLS. Every connection goes to an
 * address resolved and checked by the address guard, with the original name as SNI and Host header.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { CertificateInfo, HttpChain, HttpHop, HttpTextFetch, ProbeFailure, SmtpProbe, TlsHandshake, TlsProbe, TlsVersion } from '../../core/scan/snapshot.ts';
import { assertContactable, BlockedAddressError } from './address-guard.ts';
import type { ScanDns } from './dns.ts';

export const SCANNER_USER_AGENT = 'SchildScanner/1.0 (+https://schild.be/scanner: non-intrusive check of public security settings)';
const BODY_LIMIT = 200 * 1024;

export interface NetOptions {
  dns: ScanDns;
  allowPrivate: boolean;
  /** Test only: connect to another port than the standard one (443=8443, 80=8080, 25=2525). */
  portMap: Record<number, number>;
  /** Extra trusted roots (PEM), added to the system's. */
  extraCa?: string;
  timeoutMs: number;
}

function port(opts: NetOptions, p: number): number {
  return opts.portMap[p] ?? p;
}

/**
 * Node's roots plus the extra ones, as a TLS context built once per extra PEM and protocol version (rebuilding it
 * for every connection cost tens of milliseconds). A given context replaces the version and cipher options of
 * tls.connect, so they are part of the context.
 */
const trustStores = new Map<string, tls.SecureContext>();
function trust(opts: NetOptions, version?: TlsVersion): tls.SecureContext | undefined {
  if (!opts.extraCa) return undefined;
  const key = `${version ?? 'default'}\n${opts.extraCa}`;
  let ctx = trustStores.get(key);
  if (!ctx) {
    const legacy = version === 'TLSv1' || version === 'TLSv1.1';
    ctx = tls.createSecureContext({
      ca: [...tls.rootCertificates, opts.extraCa],
      ...(version ? { minVersion: version as tls.SecureVersion, maxVersion: version as tls.SecureVersion } : {}),
      ...(legacy ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
    });
    trustStores.set(key, ctx);
  }
  return ctx;
}

function failureOf(err: unknown): ProbeFailure {
  if (err instanceof BlockedAddressError) return 'blocked';
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ETIMEDOUT' || code === 'TIMEOUT') return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'unreachable';
  if (code === 'NO_ADDRESS') return 'no_address';
  if (code === 'ECONNRESET') return 'blocked';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /SSL|TLS/i.test(String((err as Error).message))) return 'tls_error';
  return 'other';
}

/** Resolves a host to one checked address (IPv4 first). */
export async function addressOf(opts: NetOptions, hostOrLiteral: string): Promise<string> {
  // A URL's hostname keeps the brackets of an IPv6 literal (WHATWG URL, RFC 3986 §3.2.2): "[::ffff:a00:1]" is an
  // address to check, not a name to look up.
  const host = /^\[(.*)\]$/.exec(hostOrLiteral)?.[1] ?? hostOrLiteral;
  if (net.isIP(host)) {
    assertContactable(host, { allowPrivate: opts.allowPrivate });
    return host;
  }
  const v4 = await opts.dns.a(host);
  const v6 = v4.status === 'ok' ? v4 : await opts.dns.aaaa(host);
  const address = v6.status === 'ok' ? v6.records[0] : undefined;
  if (!address) throw Object.assign(new Error(`no address for ${host}`), { code: 'NO_ADDRESS' });
  assertContactable(address, { allowPrivate: opts.allowPrivate });
  return address;
}

function certificateInfo(socket: tls.TLSSocket): CertificateInfo {
  const c = socket.getPeerCertificate(false) as tls.PeerCertificate & { pubkey?: Buffer; asn1Curve?: string; bits?: number };
  const sans = String(c.subjectaltname ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4).toLowerCase());
  const issuer = c.issuer ? [c.issuer.O, c.issuer.CN].filter(Boolean).join(' / ') : '';
  return {
    ...(c.subject?.CN ? { subjectCommonName: String(c.subject.CN) } : {}),
    subjectAltNames: sans,
    issuer,
    notBefore: c.valid_from ? new Date(c.valid_from).toISOString() : '',
    notAfter: c.valid_to ? new Date(c.valid_to).toISOString() : '',
    chainTrusted: socket.authorized,
    ...(socket.authorized ? {} : { chainError: String(socket.authorizationError ?? 'unknown') }),
    keyType: c.asn1Curve ? 'ec' : c.bits ? 'rsa' : 'other',
    keyBits: c.bits ?? 0,
  };
}

function handshake(opts: NetOptions, address: string, p: number, servername: string, version?: TlsVersion): Promise<TlsHandshake & { socket?: tls.TLSSocket }> {
  return new Promise((resolve) => {
    const legacy = version === 'TLSv1' || version === 'TLSv1.1';
    const socket = tls.connect({
      host: address,
      port: p,
      servername: net.isIP(servername) ? undefined : servername,
      rejectUnauthorized: false,
      secureContext: trust(opts, version),
      ...(version ? { minVersion: version as tls.SecureVersion, maxVersion: version as tls.SecureVersion } : {}),
      ...(legacy ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ status: 'failed', message: 'timeout' });
    }, opts.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const result: TlsHandshake = { status: 'ok', version: (socket.getProtocol() ?? 'TLSv1.2') as TlsVersion, cipher: socket.getCipher()?.name, certificate: certificateInfo(socket) };
      socket.end();
      resolve(result);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      resolve({ status: 'failed', message: err.message });
    });
  });
}

/**
 * TLS on 443: the default handshake, then one handshake per protocol version to see which ones are accepted. The
 * old versions are offered by a client configured to accept them (security level 0), so a server that speaks only
 * TLS 1.0 or 1.1 is measured as such, not mistaken for "no HTTPS" because today's defaults refuse it (RFC 8996).
 */
export async function probeTls(opts: NetOptions, host: string): Promise<TlsProbe> {
  try {
    const address = await addressOf(opts, host);
    const p = port(opts, 443);
    const main = await handshake(opts, address, p, host);
    const versions: Partial<Record<TlsVersion, boolean>> = {};
    let best: TlsHandshake | undefined;
    for (const v of ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const) {
      const attempt = await handshake(opts, address, p, host, v);
      versions[v] = attempt.status === 'ok';
      if (attempt.status === 'ok') best = attempt;
    }
    const used = main.status === 'ok' ? main : best;
    if (used?.status !== 'ok') return { host, status: 'tls_error', ...(main.status === 'failed' && main.message ? { message: main.message } : {}) };
    return { host, status: 'ok', versions, negotiated: used.version, certificate: used.certificate };
  } catch (err) {
    return { host, status: failureOf(err), message: (err as Error).message };
  }
}

function request(opts: NetOptions, url: URL, address: string): Promise<{ hop: HttpHop; body: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const lib = secure ? https : http;
    const req = lib.request(
      {
        host: address,
        port: port(opts, url.port ? Number(url.port) : secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { host: url.host, 'user-agent': SCANNER_USER_AGENT, accept: 'text/html,*/*;q=0.8' },
        ...(secure ? { servername: net.isIP(url.hostname) ? undefined : url.hostname, rejectUnauthorized: false, secureContext: trust(opts) } : {}),
        timeout: opts.timeoutMs,
      },
      (res) => {
        const certificateTrusted = (res.socket as tls.TLSSocket | null)?.authorized === true;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (k !== 'set-cookie' && v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (c: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(c.subarray(0, BODY_LIMIT - size));
          size += c.length;
          if (size >= BODY_LIMIT) {
            truncated = true;
            res.destroy();
          }
        });
        const finish = () =>
          resolve({
            hop: {
              url: url.toString(),
              status: res.statusCode ?? 0,
              headers,
              setCookies: res.headers['set-cookie'] ?? [],
              ip: address,
              // Whether a browser would have accepted this connection's certificate (chain and name, as Node checks
              // them): HSTS received over an untrusted one is ignored (RFC 6797 §8.1).
              ...(secure ? { certificateTrusted } : {}),
            },
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
          });
        res.on('end', finish);
        res.on('close', finish);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

/** GET a URL and follow up to 10 redirects, each hop to a checked address. */
export async function fetchChain(opts: NetOptions, start: string): Promise<HttpChain> {
  const hops: HttpHop[] = [];
  let url = new URL(start);
  try {
    for (let i = 0; i < 10; i++) {
      const address = await addressOf(opts, url.hostname);
      const { hop, body, truncated } = await request(opts, url, address);
      hops.push(hop);
      const location = hop.headers.location;
      if (hop.status >= 300 && hop.status < 400 && location) {
        url = new URL(location, url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return { status: 'other', hops, message: 'redirect to a non-web URL' };
        continue;
      }
      return { status: 'ok', hops, body, ...(truncated ? { bodyTruncated: true } : {}) };
    }
    return { status: 'too_many_redirects', hops };
  } catch (err) {
    return { status: failureOf(err), hops, message: (err as Error).message };
  }
}

/** A small text file over HTTPS (no redirects across hosts), with whether its certificate validated. */
export async function fetchText(opts: NetOptions, urlText: string): Promise<HttpTextFetch> {
  const url = new URL(urlText);
  try {
    const address = await addressOf(opts, url.hostname);
    const { hop, body } = await request(opts, url, address);
    const tlsCheck = await handshake(opts, address, port(opts, 443), url.hostname);
    return {
      status: 'ok',
      url: urlText,
      httpStatus: hop.status,
      ...(hop.headers['content-type'] ? { contentType: hop.headers['content-type'] } : {}),
      body: body.slice(0, 64 * 1024),
      certificateValid: tlsCheck.status === 'ok' && tlsCheck.certificate.chainTrusted && tlsCheck.certificate.subjectAltNames.some((n) => n === url.hostname || (n.startsWith('*.') && url.hostname.endsWith(n.slice(1)))),
    };
  } catch (err) {
    return { status: failureOf(err), url: urlText, message: (err as Error).message };
  }
}

/** One SMTP session: banner, EHLO, STARTTLS if offered, TLS handshake, QUIT. Sends no mail. */
export async function probeSmtp(opts: NetOptions, host: string): Promise<SmtpProbe> {
  let address: string;
  try {
    address = await addressOf(opts, host);
  } catch (err) {
    return { host, status: failureOf(err), message: (err as Error).message };
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port: port(opts, 25) });
    let buffer = '';
    let stage: 'banner' | 'ehlo' | 'starttls' | 'done' = 'banner';
    let starttls = false;
    const finish = (r: SmtpProbe) => {
      if (stage === 'done') return;
      stage = 'done';
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish({ host, ip: address, status: 'timeout' });
    }, opts.timeoutMs * 2);
    socket.on('error', (err) => finish({ host, ip: address, status: failureOf(err), message: err.message }));
    socket.on('data', (data: Buffer) => {
      buffer += data.toString('latin1');
      if (!/\r?\n$/.test(buffer)) return;
      const lines = buffer.split(/\r?\n/).filter(Boolean);
      const last = lines[lines.length - 1] ?? '';
      if (/^\d{3}-/.test(last)) return; // multi-line reply continues
      buffer = '';
      const code = Number(last.slice(0, 3));
      if (stage === 'banner') {
        if (code !== 220) {
          socket.destroy();
          return finish({ host, ip: address, status: 'blocked', message: last.slice(0, 200) });
        }
        stage = 'ehlo';
        socket.write('EHLO scanner.schild.be\r\n');
      } else if (stage === 'ehlo') {
        starttls = lines.some((l) => /^250[- ]STARTTLS/i.test(l));
        if (!starttls) {
          socket.end('QUIT\r\n');
          return finish({ host, ip: address, status: 'ok', starttls: false });
        }
        stage = 'starttls';
        socket.write('STARTTLS\r\n');
      } else if (stage === 'starttls') {
        if (code !== 220) {
          socket.end('QUIT\r\n');
          return finish({ host, ip: address, status: 'ok', starttls: true, tls: { status: 'failed', message: last.slice(0, 200) } });
        }
        socket.removeAllListeners('data');
        const secure = tls.connect({ socket, servername: host, rejectUnauthorized: false, secureContext: trust(opts) });
        secure.once('secureConnect', () => {
          const result: TlsHandshake = { status: 'ok', version: (secure.getProtocol() ?? 'TLSv1.2') as TlsVersion, cipher: secure.getCipher()?.name, certificate: certificateInfo(secure) };
          secure.end('QUIT\r\n');
          finish({ host, ip: address, status: 'ok', starttls: true, tls: result });
        });
        secure.once('error', (err) => finish({ host, ip: address, status: 'ok', starttls: true, tls: { status: 'failed', message: err.message } }));
      }
    });
  });
}
