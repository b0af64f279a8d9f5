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

/** True for global unicast addresses; false for private, loopback, link-local, multicast, reserved and the like. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
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
