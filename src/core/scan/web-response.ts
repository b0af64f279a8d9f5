/**
 * Which HTTP response the header checks judge, and what to say when there is none. Like the Observatory, headers are
 * read from the final response of the HTTPS chain (what a visitor ends up on); HSTS is ignored over plain HTTP
 * anyway (RFC 6797 §8.1).
 */
import { couldNotTest, skipped, type Finding } from './check.ts';
import type { HttpChain, HttpHop, ProbeFailure, Snapshot } from './snapshot.ts';

export type WebResponse = { kind: 'ok'; hop: HttpHop; hops: HttpHop[]; body?: string } | { kind: 'none'; finding: Finding };

/** Failures that mean "we were stopped", not "there is nothing": report as could-not-test (issues 8 and 9). */
export const UNTESTABLE: ReadonlySet<ProbeFailure> = new Set(['blocked', 'timeout', 'other']);

export function finalHttpsResponse(snap: Snapshot): WebResponse {
  const https = snap.web.https;
  const hop = https.hops.at(-1);
  if (https.status === 'ok' && hop) return { kind: 'ok', hop, hops: https.hops, ...(https.body !== undefined ? { body: https.body } : {}) };
  if (https.status !== 'ok' && UNTESTABLE.has(https.status)) return { kind: 'none', finding: couldNotTest(https.status) };
  // No HTTPS site: web.https reports that; the header checks have nothing to judge.
  return { kind: 'none', finding: skipped(hasWebsite(snap) ? 'web.no_https' : 'web.no_website') };
}

/** Some web server answered on port 80 or 443. */
export function hasWebsite(snap: Snapshot): boolean {
  return answered(snap.web.https) || answered(snap.web.http);
}

export function answered(chain: HttpChain): boolean {
  return chain.hops.length > 0;
}

export function header(hop: HttpHop, name: string): string | undefined {
  return hop.headers[name.toLowerCase()];
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function schemeOf(url: string): string | undefined {
  try {
    return new URL(url).protocol.replace(/:$/, '');
  } catch {
    return undefined;
  }
}
