import { describe, expect, it } from 'vitest';
import { assertContactable, BlockedAddressError, isPublicAddress } from './address-guard.ts';

describe('isPublicAddress', () => {
  it('refuses private, loopback, link-local, CGNAT, multicast, reserved and mapped private addresses', () => {
    for (const a of ['10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '192.0.2.10', 'not-an-ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });
  it('accepts public unicast addresses', () => {
    for (const a of ['193.191.245.1', '8.8.8.8', '2a02:2c40::1']) expect(isPublicAddress(a), a).toBe(true);
  });
  it('lets tests reach loopback only when explicitly allowed', () => {
    expect(() => assertContactable('127.0.0.1', { allowPrivate: false })).toThrow(BlockedAddressError);
    expect(() => assertContactable('127.0.0.1', { allowPrivate: true })).not.toThrow();
    expect(() => assertContactable('::1', { allowPrivate: true })).not.toThrow();
  });
  it('keeps private networks and the cloud metadata address refused even in test mode (SSRF)', () => {
    for (const a of ['10.0.0.53', '192.168.1.1', '172.16.0.1', '169.254.169.254', 'fd00::53', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(() => assertContactable(a, { allowPrivate: true }), a).toThrow(BlockedAddressError);
    }
  });
  it('refuses IPv6 outside global unicast 2000::/3, such as IPv4-compatible ::10.0.0.1 (RFC 4291 §2.4, §2.5.5.1; IANA IPv6 Address Space)', () => {
    // ::/8 is "Reserved by IETF" and IPv4-compatible addresses are deprecated: a resolver must not be able to smuggle
    // a private IPv4 target in one. Space outside 2000::/3 is not allocated for global unicast.
    for (const a of ['::a00:1', '::c0a8:101', '::7f00:1', '4000::1', 'e000::1']) expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['2a02:2c40::1', '2001:4860:4860::8888']) expect(isPublicAddress(a), a).toBe(true);
  });
});
