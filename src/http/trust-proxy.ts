/**
 * TRUST_PROXY (src/config.ts) as Fastify's `trustProxy`: which X-Forwarded-For entries request.ip may come from.
 * proxy-addr walks the header from the right, starting at the socket's address, and stops at the first address it
 * does not trust; that address is the client. Entries left of it are the client's own words and are never used
 * (RFC 7239 §7.4, §8.3). Fastify 5 ignores a plain hop count (it would trust nothing), so hops are a function here.
 */
import type { FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import type { TrustProxy } from '../config.ts';

export function fastifyTrustProxy(tp: TrustProxy, log: Pick<Logger, 'warn'>): NonNullable<FastifyServerOptions['trustProxy']> {
  switch (tp.kind) {
    case 'none':
      return false;
    case 'addresses':
      return tp.addresses;
    case 'hops': {
      if (tp.legacyTrue) {
        log.warn(
          { setting: 'TRUST_PROXY', read: 1 },
          'TRUST_PROXY=true is read as 1 proxy hop: the client address is the right-most X-Forwarded-For entry. Set TRUST_PROXY=1, a hop count, or the proxy addresses to silence this (docs/deployment.md)',
        );
      }
      // The socket's peer is hop 0: it and the next hops - 1 entries from the right are proxies.
      const hops = tp.hops;
      return (_address: string, hop: number) => hop < hops;
    }
  }
}
