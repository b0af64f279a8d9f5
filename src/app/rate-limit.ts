import { isIPv4, isIPv6 } from 'node:net';
import { hitCounter, releaseCounter, resetCounter } from '../db/repositories/rate-limit.repository.ts';
import type { AppDeps } from './deps.ts';

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Counts one attempt against each limit; returns the seconds to wait when any limit is exceeded. The count is
 * taken before the work it guards, in one atomic statement per limit, so parallel requests cannot all slip under
 * the limit (a check-then-count race).
 */
export async function consume(deps: AppDeps, limits: Limit[]): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const now = deps.clock.now();
  let retry = 0;
  for (const l of limits) {
    const { count, windowStart } = await hitCounter(deps.db, l.key, now, l.windowMs);
    if (count > l.max) {
      const wait = Math.ceil((new Date(windowStart).getTime() + l.windowMs - now.getTime()) / 1000);
      retry = Math.max(retry, wait, 1);
    }
  }
  return retry > 0 ? { allowed: false, retryAfterSeconds: retry } : { allowed: true };
}

/** What an app function returns when a limit refused the work: the route answers 429 with Retry-After. */
export type RateLimited = { ok: false; error: 'rate_limited'; retryAfterSeconds: number };

/** consume() for app functions: null when allowed, otherwise the RateLimited result to return as it is. */
export async function refusedByLimits(deps: AppDeps, limits: Limit[]): Promise<RateLimited | null> {
  const limited = await consume(deps, limits);
  return limited.allowed ? null : { ok: false, error: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };
}

/** Gives back attempts taken by consume() that turned out not to count (for example a right password). */
export async function release(deps: AppDeps, limits: Limit[]): Promise<void> {
  for (const l of limits) await releaseCounter(deps.db, l.key);
}

export async function clear(deps: AppDeps, key: string): Promise<void> {
  await resetCounter(deps.db, key);
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * The part of a client address that a per-address limit counts: every `…:ip:` key goes through here, so one client
 * cannot get a fresh limit by changing address within what it holds. An IPv4 address counts as itself; an IPv6
 * address by its /64 network, since one subscriber or host is given at least a whole /64 and picks the interface
 * identifier (the low 64 bits) itself (RFC 4291 §2.5.1, RFC 6177 §2, RFC 8981 temporary addresses); an IPv4-mapped
 * IPv6 address (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) as its IPv4 address. Anything else is kept as it is. Audit entries
 * keep the full address: this is for limits only.
 */
export function limitKeyForIp(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return ip;
  const groups = ipv6Groups(address);
  // IPv4-mapped (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) and the well-known NAT64/SIIT prefix (64:ff9b::a.b.c.d, RFC 6052
  // §2.1): an IPv4 client seen through IPv6 counts as its IPv4 address, not as one /64 shared by every such client.
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (mapped || nat64) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const middle = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}
