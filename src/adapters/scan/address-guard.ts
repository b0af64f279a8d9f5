/**
 * The scanner contacts public addresses only. Every name is resolved first, every address is checked here, and the
 * connection is made to that same checked address (no second lookup, so DNS rebinding cannot swap it).
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
  /** For tests against loopback hosts only (CLI --allow-private, refused in production). */
  allowPrivate: boolean;
}

export function assertContactable(address: string, opts: GuardOptions): void {
  if (opts.allowPrivate) {
    if (!ipaddr.isValid(address)) throw new BlockedAddressError(address);
    return;
  }
  if (!isPublicAddress(address)) throw new BlockedAddressError(address);
}
