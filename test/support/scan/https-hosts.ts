/**
 * Web hosts on loopback for scanner tests: HTTPS with a certificate from the test CA (test-ca.ts) and plain HTTP,
 * each on a random port of 127.0.0.1, with chosen response headers, routes and TLS versions.
 *
 * Connect with `servername` set to one of the names (the certificate is checked against it) and `ca: testCa().certPem`.
 *
 * TLS 1.0 / 1.1: OpenSSL 3 in Node 20 refuses them at its default security level (SHA-1 handshake signatures), so a
 * host whose minVersion or maxVersion is below TLS 1.2 gets `ciphers: 'DEFAULT@SECLEVEL=0'`; a client that wants to
 * negotiate with it must also set `minVersion: 'TLSv1'` and `ciphers: 'DEFAULT@SECLEVEL=0'` (see
 * `legacyTlsClientOptions`). A default Node client is refused (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION or similar).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { issueCert, type CertKind, type IssuedCert } from './test-ca.ts';

/** Header name → value; an array sends the header several times (e.g. Set-Cookie). */
export type HeaderMap = Record<string, string | string[]>;

export interface RouteSpec {
  status: number;
  /** Merged over the host's headers (same name, case-insensitive: the route wins). */
  headers?: HeaderMap;
  body?: string;
}

interface CommonHostOptions {
  /** Sent on every response (routes may override). */
  headers?: HeaderMap;
  /** Body of GET / when no route is given for '/'. Default: a small neutral HTML page. */
  body?: string;
  /** Exact path (with query string) or path alone → response. Unknown paths get 404. */
  routes?: Record<string, RouteSpec>;
}

export interface HttpsHostOptions extends CommonHostOptions {
  /** A kind from the test CA, or a certificate issued yourself (issueCert / testCa().issue). */
  cert: CertKind | IssuedCert;
  /** Names for the certificate (SAN); the first is the CN. */
  names: string[];
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL cipher string; defaults to Node's default, or 'DEFAULT@SECLEVEL=0' when TLS < 1.2 is allowed. */
  ciphers?: string;
}

export interface HttpHostOptions extends CommonHostOptions {
  /**
   * Redirect every request whose path has no route to this base URL plus the request path,
   * e.g. `https://www.example.test:${httpsPort}`. Without it, the host serves `body` itself (no redirect).
   */
  redirectTo?: string;
  /** Default 301. */
  redirectStatus?: 301 | 302 | 303 | 307 | 308;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** TLS version of the connection, for HTTPS hosts. */
  tlsProtocol?: string;
}

export interface StartedWebHost {
  host: '127.0.0.1';
  port: number;
  /** `https://127.0.0.1:PORT` or `http://127.0.0.1:PORT`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

export interface StartedHttpsHost extends StartedWebHost {
  /** The certificate served. */
  certificate: IssuedCert;
}

const DEFAULT_BODY =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test site</title></head>' + '<body><h1>Test site</h1></body></html>';

/** TLS client options able to negotiate with a TLS 1.0/1.1-only host (Node 20, OpenSSL 3). */
export const legacyTlsClientOptions = { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;

const EXTERNAL_SCRIPT = 'console.log("lib");\n';
const EXTERNAL_SCRIPT_SRI = `sha384-${createHash('sha384').update(EXTERNAL_SCRIPT).digest('base64')}`;

/** Headers of a well-configured site: every web.* header check passes. */
export const strongHeaders: HeaderMap = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains; preload',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' https://cdn.example.test; style-src 'self'; img-src 'self' data:; " +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Set-Cookie': '__Host-session=3f9a1c0e7b; Path=/; Secure; HttpOnly; SameSite=Lax',
  'Content-Type': 'text/html; charset=utf-8',
};

/** Page of the well-configured site: its external script carries SRI and is loaded over HTTPS. */
export const strongPage =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bakkerij Test</title>' +
  `<script src="https://cdn.example.test/lib.js" integrity="${EXTERNAL_SCRIPT_SRI}" crossorigin="anonymous"></script>` +
  '<script src="/app.js"></script></head><body><h1>Bakkerij Test</h1></body></html>';

/**
 * Headers of a badly configured site: no HSTS, CSP, nosniff, frame protection or Referrer-Policy; software versions
 * disclosed; a session cookie without Secure, HttpOnly or SameSite.
 */
export const weakHeaders: HeaderMap = {
  Server: 'Apache/2.4.41 (Ubuntu)',
  'X-Powered-By': 'PHP/7.4.3',
  'Set-Cookie': 'PHPSESSID=8c1f0e2a9d4b; path=/',
  'Content-Type': 'text/html; charset=UTF-8',
};

/** Page of the badly configured site: an external script without integrity, and an inline script. */
export const weakPage =
  '<!doctype html><html><head><title>Bakkerij Test</title>' +
  '<script src="https://cdn.example.test/jquery-1.12.4.min.js"></script>' +
  '<script>document.write("hello")</script></head><body><h1>Bakkerij Test</h1></body></html>';

/** Header + page presets, ready for `{ ...strongSite }` in host options. */
export const strongSite = { headers: strongHeaders, body: strongPage } as const;
export const weakSite = { headers: weakHeaders, body: weakPage } as const;

function handler(opts: CommonHostOptions & { redirectTo?: string; redirectStatus?: number }, requests: RecordedRequest[]) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = req.url ?? '/';
    const socket = req.socket as { getProtocol?: () => string | null };
    const tlsProtocol = typeof socket.getProtocol === 'function' ? (socket.getProtocol() ?? undefined) : undefined;
    requests.push({ method: req.method ?? 'GET', url, headers: req.headers, ...(tlsProtocol ? { tlsProtocol } : {}) });
    req.resume();

    const pathname = url.split('?')[0] ?? '/';
    const route = opts.routes?.[url] ?? opts.routes?.[pathname];
    let spec: RouteSpec;
    if (route) spec = route;
    else if (opts.redirectTo) {
      spec = { status: opts.redirectStatus ?? 301, headers: { Location: opts.redirectTo.replace(/\/$/, '') + url } };
    } else if (pathname === '/') spec = { status: 200, body: opts.body ?? DEFAULT_BODY };
    else spec = { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'not found' };

    const headers = new Map<string, [string, string | string[]]>();
    for (const source of [{ 'Content-Type': 'text/html; charset=utf-8' }, opts.headers ?? {}, spec.headers ?? {}]) {
      for (const [name, value] of Object.entries(source)) headers.set(name.toLowerCase(), [name, value]);
    }
    for (const [name, value] of headers.values()) res.setHeader(name, value);
    res.statusCode = spec.status;
    res.end(spec.body ?? '');
  };
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function stopper(server: http.Server | https.Server): () => Promise<void> {
  let stopped: Promise<void> | null = null;
  return () => {
    stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopped;
  };
}

function isLegacy(version: SecureVersion | undefined): boolean {
  return version === 'TLSv1' || version === 'TLSv1.1';
}

export async function startHttpsHost(opts: HttpsHostOptions): Promise<StartedHttpsHost> {
  const certificate = typeof opts.cert === 'string' ? issueCert(opts.cert, opts.names) : opts.cert;
  const legacy = isLegacy(opts.minVersion) || isLegacy(opts.maxVersion);
  const ciphers = opts.ciphers ?? (legacy ? 'DEFAULT@SECLEVEL=0' : undefined);
  const requests: RecordedRequest[] = [];
  const server = https.createServer(
    {
      key: certificate.keyPem,
      cert: certificate.certPem,
      ...(opts.minVersion ? { minVersion: opts.minVersion } : {}),
      ...(opts.maxVersion ? { maxVersion: opts.maxVersion } : {}),
      ...(ciphers ? { ciphers } : {}),
    },
    handler(opts, requests),
  );
  // Failed handshakes (refused versions, rejected certificates) are the point of many tests: keep them quiet.
  server.on('tlsClientError', () => {});
  const port = await listen(server);
  return { host: '127.0.0.1', port, url: `https://127.0.0.1:${port}`, requests, certificate, stop: stopper(server) };
}

export async function startHttpHost(opts: HttpHostOptions = {}): Promise<StartedWebHost> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer(handler(opts, requests));
  const port = await listen(server);
  return { host: '127.0.0.1', port, url: `http://127.0.0.1:${port}`, requests, stop: stopper(server) };
}
