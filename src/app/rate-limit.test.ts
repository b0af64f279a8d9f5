/**
 * limitKeyForIp: the part of an address a per-address limit counts (src/app/rate-limit.ts). IPv6 by /64, since a
 * host picks its own interface identifier in the low 64 bits (RFC 4291 §2.5.1, RFC 8981); IPv4-mapped IPv6 as IPv4
 * (RFC 4291 §2.5.5.2); every spelling of one address gives one key (RFC 5952 allows many).
 */
import { describe, expect, it } from 'vitest';
import { limitKeyForIp } from './rate-limit.ts';

describe('limitKeyForIp', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    ['::ffff:203.0.113.5', '203.0.113.5'],
    ['::FFFF:cb00:7105', '203.0.113.5'],
    // NAT64/SIIT (RFC 6052 §2.1): each IPv4 client its own key, not one /64 for all of them.
    ['64:ff9b::203.0.113.5', '203.0.113.5'],
    ['64:ff9b::cb00:7106', '203.0.113.6'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8::1.2.3.4', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (ip, key) => {
    expect(limitKeyForIp(ip)).toBe(key);
  });

  it('keeps what is not an address as it is', () => {
    expect(limitKeyForIp('unknown')).toBe('unknown');
  });
});
