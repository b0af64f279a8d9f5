import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  legacyTlsClientOptions,
  startHttpHost,
  startHttpsHost,
  strongSite,
  weakSite,
  type StartedHttpsHost,
  type StartedWebHost,
} from './https-hosts.ts';
import { startSmtpHost, type StartedSmtpHost } from './smtp-host.ts';
import { issueCert, testCa, writeCaFile } from './test-ca.ts';

const NAME = 'www.example.test';
const MX = 'mail.example.test';

interface Handshake {
  authorized: boolean;
  protocol: string | null;
  bits?: number;
  validTo?: string;
}

/** TLS handshake to a loopback port; resolves on success, rejects with the TLS error (its .code). */
function handshake(port: number, options: tls.ConnectionOptions = {}): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: NAME, ca: testCa().certPem, ...options }, () => {
      const peer = socket.getPeerCertificate();
      resolve({ authorized: socket.authorized, protocol: socket.getProtocol(), bits: peer.bits, validTo: peer.valid_to });
      socket.end();
    });
    socket.on('error', reject);
  });
}

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}

interface WebResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(url: string, options: https.RequestOptions = {}): Promise<WebResponse> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { agent: false, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

const httpsOptions = { servername: NAME, ca: testCa().certPem, headers: { Host: NAME, 'User-Agent': 'SchildScanTest/1' } };

describe('test CA', () => {
  it('issues certificates with the requested names and dates', () => {
    const good = issueCert('good', [NAME, 'example.test']);
    const cert = new X509Certificate(good.certPem);
    expect(cert.subjectAltName).toBe(`DNS:${NAME}, DNS:example.test`);
    expect(cert.verify(new X509Certificate(testCa().certPem).publicKey)).toBe(true);
    expect(good.notAfter.getTime()).toBeGreaterThan(Date.now());
    const expired = issueCert('expired', [NAME]);
    expect(expired.notAfter.getTime()).toBeLessThan(Date.now());
    expect(issueCert('wrong_name', [NAME]).names).not.toContain(NAME);
    expect(issueCert('weak_key', [NAME]).keyBits).toBe(1024);
  });

  it('writes the root to a temp file for --ca', async () => {
    const file = await writeCaFile();
    try {
      expect(await readFile(file.path, 'utf8')).toBe(testCa().certPem);
    } finally {
      await file.cleanup();
    }
  });
});

describe('HTTPS hosts: certificates', () => {
  const hosts: StartedHttpsHost[] = [];
  const start = async (cert: Parameters<typeof startHttpsHost>[0]['cert']): Promise<StartedHttpsHost> => {
    const host = await startHttpsHost({ cert, names: [NAME, 'example.test'] });
    hosts.push(host);
    return host;
  };
  afterAll(() => Promise.all(hosts.map((h) => h.stop())));

  it('listens on loopback on a random port', async () => {
    const host = await start('good');
    expect(host.host).toBe('127.0.0.1');
    expect(host.url).toBe(`https://127.0.0.1:${host.port}`);
  });

  it('good: verifies with the test CA, TLS 1.3 by default', async () => {
    const host = await start('good');
    const result = await handshake(host.port);
    expect(result.authorized).toBe(true);
    expect(result.protocol).toBe('TLSv1.3');
    expect(result.bits).toBe(2048);
  });

  it('good: still untrusted for a client without the test CA', async () => {
    const host = await start('good');
    expect(await errorCode(handshake(host.port, { ca: undefined }))).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('expired: CERT_HAS_EXPIRED', async () => {
    const host = await start('expired');
    expect(await errorCode(handshake(host.port))).toBe('CERT_HAS_EXPIRED');
  });

  it('wrong name: fails the hostname check (ERR_TLS_CERT_ALTNAME_INVALID)', async () => {
    const host = await start('wrong_name');
    expect(await errorCode(handshake(host.port))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    // The chain itself is fine: only the name is wrong.
    const lenient = await handshake(host.port, { checkServerIdentity: () => undefined });
    expect(lenient.authorized).toBe(true);
  });

  it('untrusted: signed by a CA nobody trusts', async () => {
    const host = await start('untrusted');
    expect(await errorCode(handshake(host.port))).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('not yet valid: CERT_NOT_YET_VALID', async () => {
    const host = await start('not_yet_valid');
    expect(await errorCode(handshake(host.port))).toBe('CERT_NOT_YET_VALID');
  });

  it('weak key: RSA 1024 verifies but reports 1024 bits', async () => {
    const host = await start('weak_key');
    const result = await handshake(host.port);
    expect(result.authorized).toBe(true);
    expect(result.bits).toBe(1024);
  });

  it('custom: a certificate expiring in 10 days', async () => {
    const soon = testCa().issue({ names: [NAME], notAfter: new Date(Date.now() + 10 * 86_400_000) });
    const host = await start(soon);
    const result = await handshake(host.port);
    expect(result.authorized).toBe(true);
    expect(new Date(result.validTo!).getTime()).toBeLessThan(Date.now() + 11 * 86_400_000);
  });

  it('custom: a SHA-1 signed certificate is refused by a default client', async () => {
    const sha1 = testCa().issue({ names: [NAME], hash: 'sha1' });
    // OpenSSL 3 will not even load a SHA-1 signed certificate at the default security level.
    const host = await startHttpsHost({ cert: sha1, names: [NAME], ciphers: 'DEFAULT@SECLEVEL=0' });
    hosts.push(host);
    expect(await errorCode(handshake(host.port))).toBeDefined();
    expect((await handshake(host.port, { ciphers: 'DEFAULT@SECLEVEL=0' })).authorized).toBe(true);
  });
});

describe('HTTPS hosts: TLS versions', () => {
  let legacy: StartedHttpsHost;
  let tls12: StartedHttpsHost;
  beforeAll(async () => {
    legacy = await startHttpsHost({ cert: 'good', names: [NAME], minVersion: 'TLSv1', maxVersion: 'TLSv1' });
    tls12 = await startHttpsHost({ cert: 'good', names: [NAME], maxVersion: 'TLSv1.2' });
  });
  afterAll(() => Promise.all([legacy.stop(), tls12.stop()]));

  it('TLS 1.0 only: a permissive client negotiates TLSv1', async () => {
    const result = await handshake(legacy.port, legacyTlsClientOptions);
    expect(result.protocol).toBe('TLSv1');
    expect(result.authorized).toBe(true);
  });

  it('TLS 1.0 only: a client requiring TLS 1.2 is refused', async () => {
    const code = await errorCode(handshake(legacy.port, { minVersion: 'TLSv1.2' }));
    expect(code).toMatch(/PROTOCOL|VERSION/);
  });

  it('TLS 1.0 only: a default Node client is refused too', async () => {
    expect(await errorCode(handshake(legacy.port))).toBeDefined();
  });

  it('TLS 1.0 only: serves HTTPS to a permissive client and records the protocol', async () => {
    const res = await get(`${legacy.url}/`, { ...httpsOptions, ...legacyTlsClientOptions });
    expect(res.status).toBe(200);
    expect(legacy.requests.at(-1)?.tlsProtocol).toBe('TLSv1');
  });

  it('maxVersion TLSv1.2: negotiates TLSv1.2', async () => {
    expect((await handshake(tls12.port)).protocol).toBe('TLSv1.2');
  });
});

describe('web hosts: headers and routes', () => {
  let strong: StartedHttpsHost;
  let weak: StartedHttpsHost;
  let redirecting: StartedWebHost;
  let plain: StartedWebHost;
  beforeAll(async () => {
    strong = await startHttpsHost({
      cert: 'good',
      names: [NAME],
      ...strongSite,
      routes: {
        '/.well-known/security.txt': {
          status: 200,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
          body: 'Contact: mailto:security@example.test\nExpires: 2099-01-01T00:00:00.000Z\n',
        },
      },
    });
    weak = await startHttpsHost({ cert: 'good', names: [NAME], ...weakSite });
    redirecting = await startHttpHost({ redirectTo: `https://${NAME}:${strong.port}/` });
    plain = await startHttpHost({
      ...weakSite,
      routes: { '/login': { status: 302, headers: { Location: 'http://www.example.test/login.php' } } },
    });
  });
  afterAll(() => Promise.all([strong, weak, redirecting, plain].map((h) => h.stop())));

  it('strong preset: HSTS, CSP without unsafe-inline, nosniff, frame-ancestors, Referrer-Policy, a safe cookie, SRI', async () => {
    const res = await get(`${strong.url}/`, httpsOptions);
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(res.headers['server']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.body).toMatch(/<script src="https:\/\/cdn\.example\.test\/lib\.js" integrity="sha384-[A-Za-z0-9+/]+={0,2}"/);
  });

  it('weak preset: none of those, software versions disclosed, insecure session cookie, script without SRI', async () => {
    const res = await get(`${weak.url}/`, httpsOptions);
    expect(res.status).toBe(200);
    for (const name of [
      'strict-transport-security',
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
    ]) {
      expect(res.headers[name], name).toBeUndefined();
    }
    expect(res.headers['server']).toBe('Apache/2.4.41 (Ubuntu)');
    expect(res.headers['x-powered-by']).toBe('PHP/7.4.3');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^PHPSESSID=/);
    expect(cookie).not.toMatch(/secure|httponly|samesite/i);
    expect(res.body).toMatch(/<script src="https:\/\/cdn\.example\.test\/[^"]+"><\/script>/);
    expect(res.body).not.toMatch(/integrity=/);
  });

  it('routes: serves a given path, 404 for unknown paths', async () => {
    const txt = await get(`${strong.url}/.well-known/security.txt`, httpsOptions);
    expect(txt.status).toBe(200);
    expect(txt.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(txt.body).toMatch(/^Contact: mailto:/);
    expect((await get(`${strong.url}/nope`, httpsOptions)).status).toBe(404);
  });

  it('records requests, with the User-Agent and Host', async () => {
    await get(`${strong.url}/?probe=1`, httpsOptions);
    const last = strong.requests.at(-1);
    expect(last).toMatchObject({ method: 'GET', url: '/?probe=1' });
    expect(last?.headers['user-agent']).toBe('SchildScanTest/1');
    expect(last?.headers['host']).toBe(NAME);
    expect(last?.tlsProtocol).toBe('TLSv1.3');
  });

  it('plain HTTP host redirecting to HTTPS keeps the path', async () => {
    const res = await get(`${redirecting.url}/shop?x=1`);
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe(`https://${NAME}:${strong.port}/shop?x=1`);
  });

  it('plain HTTP host without redirect serves its page, and routes can downgrade', async () => {
    const res = await get(`${plain.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers['location']).toBeUndefined();
    expect(res.headers['server']).toBe('Apache/2.4.41 (Ubuntu)');
    const login = await get(`${plain.url}/login`);
    expect(login.status).toBe(302);
    expect(login.headers['location']).toBe('http://www.example.test/login.php');
  });

  it('HEAD gets the headers without a body', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = https.request(`${weak.url}/`, { ...httpsOptions, method: 'HEAD', agent: false }, resolve);
      req.on('error', reject);
      req.end();
    });
    res.resume();
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-powered-by']).toBe('PHP/7.4.3');
  });
});

/** A minimal SMTP client: reads complete (multi-line) replies. */
class SmtpDialogue {
  private buffer = '';
  private waiting: ((reply: { code: number; lines: string[] }) => void) | null = null;
  private pending: { code: number; lines: string[] }[] = [];
  private lines: string[] = [];

  constructor(private socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', this.onData);
  }

  private onData = (chunk: string): void => {
    this.buffer += chunk;
    let index: number;
    while ((index = this.buffer.indexOf('\r\n')) >= 0) {
      const line = this.buffer.slice(0, index);
      this.buffer = this.buffer.slice(index + 2);
      this.lines.push(line.slice(4));
      if (line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), lines: this.lines };
        this.lines = [];
        if (this.waiting) {
          const waiting = this.waiting;
          this.waiting = null;
          waiting(reply);
        } else this.pending.push(reply);
      }
    }
  };

  /** Stop reading (before handing the socket to TLS). */
  detach(): void {
    this.socket.removeListener('data', this.onData);
  }

  read(): Promise<{ code: number; lines: string[] }> {
    const next = this.pending.shift();
    if (next) return Promise.resolve(next);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('SMTP reply timed out')), 3000);
      this.waiting = (reply) => {
        clearTimeout(timer);
        resolve(reply);
      };
    });
  }

  async command(line: string): Promise<{ code: number; lines: string[] }> {
    this.socket.write(`${line}\r\n`);
    return this.read();
  }
}

async function smtpConnect(port: number): Promise<{ socket: net.Socket; dialogue: SmtpDialogue; greeting: string }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const dialogue = new SmtpDialogue(socket);
  const greeting = await dialogue.read();
  expect(greeting.code).toBe(220);
  return { socket, dialogue, greeting: greeting.lines[0] ?? '' };
}

/** EHLO, STARTTLS, then TLS over the same socket. */
async function startTls(port: number, options: tls.ConnectionOptions = {}): Promise<tls.TLSSocket> {
  const { socket, dialogue } = await smtpConnect(port);
  const ehlo = await dialogue.command('EHLO scanner.schild.test');
  expect(ehlo.lines).toContain('STARTTLS');
  const ready = await dialogue.command('STARTTLS');
  expect(ready.code).toBe(220);
  dialogue.detach();
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ socket, servername: MX, ca: testCa().certPem, ...options }, () => resolve(secure));
    secure.on('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

describe('SMTP hosts', () => {
  const hosts: StartedSmtpHost[] = [];
  const start = async (opts: Parameters<typeof startSmtpHost>[0]): Promise<StartedSmtpHost> => {
    const host = await startSmtpHost(opts);
    hosts.push(host);
    return host;
  };
  afterAll(() => Promise.all(hosts.map((h) => h.stop())));

  it('with STARTTLS: offers it, upgrades with a certificate that verifies, TLS ≥ 1.2', async () => {
    const host = await start({ starttls: true, names: [MX] });
    expect(host.host).toBe('127.0.0.1');
    const secure = await startTls(host.port);
    try {
      expect(secure.authorized).toBe(true);
      expect(['TLSv1.2', 'TLSv1.3']).toContain(secure.getProtocol());
      // After the upgrade the dialogue goes on over TLS, and STARTTLS is no longer offered.
      const dialogue = new SmtpDialogue(secure);
      const ehlo = await dialogue.command('EHLO scanner.schild.test');
      expect(ehlo.code).toBe(250);
      expect(ehlo.lines[0]).toMatch(new RegExp(`^${MX}`));
      expect(ehlo.lines).not.toContain('STARTTLS');
      expect((await dialogue.command('QUIT')).code).toBe(221);
    } finally {
      secure.destroy();
    }
    expect(host.sessions[0]?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
  });

  it('greets with its name', async () => {
    const host = await start({ starttls: true, names: [MX] });
    const { socket, greeting } = await smtpConnect(host.port);
    socket.destroy();
    expect(greeting).toMatch(new RegExp(`^${MX} `));
  });

  it('without STARTTLS: the capability is absent and the command refused', async () => {
    const host = await start({ starttls: false, names: [MX] });
    const { socket, dialogue } = await smtpConnect(host.port);
    try {
      const ehlo = await dialogue.command('EHLO scanner.schild.test');
      expect(ehlo.code).toBe(250);
      expect(ehlo.lines).not.toContain('STARTTLS');
      const refused = await dialogue.command('STARTTLS');
      expect(refused.code).toBeGreaterThanOrEqual(500);
      expect((await dialogue.command('QUIT')).code).toBe(221);
    } finally {
      socket.destroy();
    }
  });

  it('STARTTLS with an expired certificate: CERT_HAS_EXPIRED', async () => {
    const host = await start({ starttls: true, cert: 'expired', names: [MX] });
    expect(await errorCode(startTls(host.port))).toBe('CERT_HAS_EXPIRED');
  });

  it('STARTTLS with a wrong-name certificate: ERR_TLS_CERT_ALTNAME_INVALID', async () => {
    const host = await start({ starttls: true, cert: 'wrong_name', names: [MX] });
    expect(await errorCode(startTls(host.port))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('STARTTLS limited to TLS 1.0: refused by a TLS 1.2 client, accepted by a permissive one', async () => {
    const host = await start({ starttls: true, names: [MX], minVersion: 'TLSv1', maxVersion: 'TLSv1' });
    expect(await errorCode(startTls(host.port, { minVersion: 'TLSv1.2' }))).toMatch(/PROTOCOL|VERSION/);
    const secure = await startTls(host.port, legacyTlsClientOptions);
    expect(secure.getProtocol()).toBe('TLSv1');
    secure.destroy();
  });
});
