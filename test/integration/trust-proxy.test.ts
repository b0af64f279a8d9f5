/**
 * Per-address limits count the client's real address, never one the client wrote itself.
 *
 * X-Forwarded-For is a list each proxy appends to; whatever the client sent stays on the left, so only the entries
 * added by our own proxies, read from the right, name the client (RFC 7239 §7.4 and §8.3 on forged forwarding
 * headers; MDN "X-Forwarded-For", Security and privacy concerns: use the right-most trusted entry). Schild once read
 * the left-most entry, so every per-address limit (log-in, sign-up, anonymous scans and reports) fell to a header
 * with a new made-up address on each request (OWASP ASVS 4.0.3 §2.2.1 and §11.1.4 anti-automation). TRUST_PROXY now
 * says how many proxies, or which, stand in front (src/config.ts, docs/deployment.md). An IPv6 client holds a whole
 * /64 and chooses the low 64 bits itself (RFC 4291 §2.5.1, RFC 8981), so IPv6 addresses are limited per /64.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

/** RATE_LIMIT_LOGIN_PER_IP in these apps: failed log-ins per address per 15 minutes. */
const PER_IP = 3;
const ANONYMOUS_SCANS_PER_IP = 10; // src/app/scans.ts

/** One failed log-in from a browser at `socket`, with an X-Forwarded-For header when given; a new e-mail each time. */
let attempt = 0;
async function failedLogIn(t: TestApp, socket: string, forwardedFor?: string): Promise<number> {
  const b = new Browser(t.app, socket);
  await b.get('/en/login');
  attempt += 1;
  const headers: Record<string, string> = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return (await b.post('/en/login', { email: `nobody-${attempt}@example.be`, password: 'not-the-password' }, { headers })).statusCode;
}

const forged = (i: number) => `198.51.100.${i + 1}`;

describe.each(DIALECTS)('client address behind proxies on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('TRUST_PROXY=1: a forged left-most X-Forwarded-For entry does not dodge the log-in limit; the audit log has the real address', async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '1', RATE_LIMIT_LOGIN_PER_IP: String(PER_IP) });
    // nginx (10.0.0.2) appends the address it saw, 203.0.113.7, to whatever the client sent.
    for (let i = 0; i < PER_IP; i++) expect(await failedLogIn(t, '10.0.0.2', `${forged(i)}, 203.0.113.7`)).toBe(401);
    expect(await failedLogIn(t, '10.0.0.2', `${forged(PER_IP)}, 203.0.113.7`)).toBe(429);
    // Another client behind the same proxy has its own limit.
    expect(await failedLogIn(t, '10.0.0.2', '203.0.113.8')).toBe(401);
    const ips = await t.runtime.deps.db.selectFrom('audit_events').select('ip').where('type', '=', 'user.login_failed').execute();
    expect(new Set(ips.map((r) => r.ip))).toEqual(new Set(['203.0.113.7', '203.0.113.8']));
  });

  it('TRUST_PROXY=1: anonymous scans through the API are limited by the real address whatever the header says', async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '1' });
    const scan = (i: number) =>
      t!.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain: `proxy-${i}-${dialect}.be` }, remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': `${forged(i)}, 203.0.113.30` } });
    for (let i = 0; i < ANONYMOUS_SCANS_PER_IP; i++) expect((await scan(i)).statusCode).toBe(202);
    expect((await scan(ANONYMOUS_SCANS_PER_IP)).statusCode).toBe(429);
  });

  it('TRUST_PROXY=true (the old setting) is read as 1 hop, with a warning at start', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    t = await createTestApp(dialect, { TRUST_PROXY: 'true', RATE_LIMIT_LOGIN_PER_IP: String(PER_IP) }, { log });
    expect(lines.join('')).toContain('TRUST_PROXY=true is read as 1 proxy hop');
    for (let i = 0; i < PER_IP; i++) expect(await failedLogIn(t, '10.0.0.2', `${forged(i)}, 203.0.113.9`)).toBe(401);
    expect(await failedLogIn(t, '10.0.0.2', `${forged(PER_IP)}, 203.0.113.9`)).toBe(429);
  });

  it('TRUST_PROXY unset: X-Forwarded-For is ignored, the socket address counts', async () => {
    t = await createTestApp(dialect, { RATE_LIMIT_LOGIN_PER_IP: String(PER_IP) });
    for (let i = 0; i < PER_IP; i++) expect(await failedLogIn(t, '203.0.113.10', forged(i))).toBe(401);
    expect(await failedLogIn(t, '203.0.113.10', forged(PER_IP))).toBe(429);
    const ips = await t.runtime.deps.db.selectFrom('audit_events').select('ip').where('type', '=', 'user.login_failed').execute();
    expect(new Set(ips.map((r) => r.ip))).toEqual(new Set(['203.0.113.10']));
  });

  it('TRUST_PROXY as CIDR ranges: the first address from the right outside them is the client, also for a direct caller', async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '10.0.0.0/8, 192.168.0.0/16', RATE_LIMIT_LOGIN_PER_IP: String(PER_IP) });
    // Two proxies: an edge at 192.168.1.5 that appends the client, and 10.0.0.2 in front of Schild.
    for (let i = 0; i < PER_IP; i++) expect(await failedLogIn(t, '10.0.0.2', `${forged(i)}, 203.0.113.11, 192.168.1.5`)).toBe(401);
    expect(await failedLogIn(t, '10.0.0.2', `${forged(PER_IP)}, 203.0.113.11, 192.168.1.5`)).toBe(429);
    // A caller that reaches Schild without a proxy is not a trusted proxy: its header is not believed at all.
    for (let i = 0; i < PER_IP; i++) expect(await failedLogIn(t, '203.0.113.12', `10.9.9.${i + 1}`)).toBe(401);
    expect(await failedLogIn(t, '203.0.113.12', '10.9.9.99')).toBe(429);
  });

  it('IPv6: addresses in one /64 share a limit, another /64 has its own', async () => {
    t = await createTestApp(dialect, { RATE_LIMIT_LOGIN_PER_IP: String(PER_IP) });
    for (let i = 0; i < PER_IP; i++) expect(await failedLogIn(t, `2001:db8:1:2::${(i + 1).toString(16)}`)).toBe(401);
    expect(await failedLogIn(t, '2001:db8:1:2:ffff:eeee:dddd:cccc')).toBe(429);
    expect(await failedLogIn(t, '2001:db8:1:3::1')).toBe(401);
    // The audit log keeps each full address.
    const ips = await t.runtime.deps.db.selectFrom('audit_events').select('ip').where('type', '=', 'user.login_failed').execute();
    expect(ips.map((r) => r.ip)).toContain('2001:db8:1:2::2');
  });

  it('an IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) counts as the IPv4 address', async () => {
    t = await createTestApp(dialect, { RATE_LIMIT_LOGIN_PER_IP: String(PER_IP) });
    for (let i = 0; i < PER_IP; i++) expect(await failedLogIn(t, i % 2 === 0 ? '203.0.113.20' : '::ffff:203.0.113.20')).toBe(401);
    expect(await failedLogIn(t, '::ffff:203.0.113.20')).toBe(429);
  });

  it('IPv6 behind a proxy: the forwarded client address is grouped by /64 too', async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '1', RATE_LIMIT_LOGIN_PER_IP: String(PER_IP) });
    for (let i = 0; i < PER_IP; i++) expect(await failedLogIn(t, '10.0.0.2', `${forged(i)}, 2001:db8:aa:bb::${i + 1}`)).toBe(401);
    expect(await failedLogIn(t, '10.0.0.2', `${forged(PER_IP)}, 2001:db8:aa:bb::99`)).toBe(429);
    expect(await failedLogIn(t, '10.0.0.2', '2001:db8:aa:bc::1')).toBe(401);
  });
});

describe('TRUST_PROXY values', () => {
  const load = (value: string) => loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-proxy-')), TRUST_PROXY: value });

  it.each([
    ['', { kind: 'none' }],
    ['false', { kind: 'none' }],
    ['0', { kind: 'none' }],
    ['1', { kind: 'hops', hops: 1, legacyTrue: false }],
    ['2', { kind: 'hops', hops: 2, legacyTrue: false }],
    ['true', { kind: 'hops', hops: 1, legacyTrue: true }],
    ['10.0.0.0/8,192.0.2.7', { kind: 'addresses', addresses: ['10.0.0.0/8', '192.0.2.7'] }],
    ['loopback, 2001:db8::/32', { kind: 'addresses', addresses: ['loopback', '2001:db8::/32'] }],
  ])('reads %j', (value, expected) => {
    expect(load(value).trustProxy).toEqual(expected);
  });

  it.each(['maybe', '-1', '11', '10.0.0.0/33', '10.0.0.0/0', 'proxy.example', '10.0.0.1,', '10.0.0.1/8/8', 'fe80::1%eth0'])('refuses %j at start with a message naming TRUST_PROXY', (value) => {
    expect(() => load(value)).toThrow(ConfigError);
    expect(() => load(value)).toThrow(/TRUST_PROXY must be false, a number of proxies in front of Schild from 1 to 10 \(e\.g\. 1\), or a comma-separated list of proxy addresses or CIDR ranges/);
  });
});
