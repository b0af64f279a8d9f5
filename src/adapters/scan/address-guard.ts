/**
 * The scanner contacts public addresses only. Every name is resolved first, every address is checked here, and the
 * connection is made to that same checked address (no second lookup, so DNS rebinding cannot swap it). This holds
 * for every connection the scanner makes, DNS queries to a domain's own name servers included (dns.ts); only the
 * operator's configured resolver is exempt, as it is configuration, not something a scanned domain chooses.
 */
import ipaddr from 'ipaddr.js';

export class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused to contact non-public address ${address}`);
  }
}

/** Global unicast IPv6 is allocated from 2000::/3 only (RFC 4291 §2.4, IANA IPv6 Address Space registry). */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** True for global unicast addresses; false for private, loopback, link-local, multicast, reserved and the like. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  // ipaddr.js calls anything it has no name for "unicast", including the deprecated IPv4-compatible ::a.b.c.d
  // (RFC 4291 §2.5.5.1) that could carry a private IPv4 target: IPv6 must also lie in 2000::/3.
  if (parsed.kind() === 'ipv6' && !(parsed as ipaddr.IPv6).match(GLOBAL_UNICAST_V6 as [ipaddr.IPv6, number])) return false;
  return parsed.range() === 'unicast';
}

export interface GuardOptions {
  /**
   * For tests against the loopback lab only (CLI --allow-private, SCAN_ALLOW_PRIVATE; refused in production): loopback
   * addresses become contactable too. Private networks, link-local (169.254.169.254, the cloud metadata service) and
   * the other non-public ranges stay refused even then.
   */
  allowPrivate: boolean;
}

function isLoopback(address: string): boolean {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'loopback';
}

/** Whether the scanner may open a connection or send a datagram (HTTP, TLS, SMTP, DNS) to this address. */
export function isContactable(address: string, opts: GuardOptions): boolean {
  if (!ipaddr.isValid(address)) return false;
  return isPublicAddress(address) || (opts.allowPrivate && isLoopback(address));
}

export function assertContactable(address: string, opts: GuardOptions): void {
  if (!isContactable(address, opts)) throw new BlockedAddressError(address);
}
