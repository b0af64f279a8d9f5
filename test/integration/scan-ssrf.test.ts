/**
 * SSRF through the scanner's redirects (issue 13 security suite): a scanned site that redirects to an internal
 * address must not make the scanner connect there. Every hop is resolved and checked by the address guard, also for
 * address literals in any spelling the URL standard accepts (WHATWG URL turns `0xa000001` into 10.0.0.1) and for
 * bracketed IPv6 literals, mapped or IPv4-compatible. Even in test mode, which opens loopback for the lab, private
 * networks and the cloud metadata address stay refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanDns } from '../../src/adapters/scan/dns.ts';
import { fetchChain, type NetOptions } from '../../src/adapters/scan/net.ts';
import { startHttpHost, type StartedWebHost } from '../support/scan/https-hosts.ts';

const TARGETS = [
  'http://169.254.169.254/latest/meta-data/',
  'http://0xa000001/',
  'http://10.0.0.1:8080/admin',
  'http://[::ffff:a00:1]/',
  'http://[::a00:1]/',
  'http://[fd00::1]/',
  'http://192.168.1.1/',
];

describe('scanner redirects to internal addresses', () => {
  const hosts: StartedWebHost[] = [];
  const opts: NetOptions = { dns: new ScanDns({ resolver: '127.0.0.1:1', timeoutMs: 500 }), allowPrivate: true, portMap: {}, timeoutMs: 2000 };
  beforeAll(async () => {
    for (const target of TARGETS) hosts.push(await startHttpHost({ redirectTo: target, redirectStatus: 302 }));
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop();
  });

  it.each(TARGETS.map((target, i) => ({ target, i })))('a redirect to $target is refused, not followed', async ({ i }) => {
    const chain = await fetchChain(opts, `${hosts[i]!.url}/`);
    expect(chain.hops).toHaveLength(1);
    expect(chain.hops[0]!.status).toBe(302);
    expect(chain.status).toBe('blocked');
  });
});
