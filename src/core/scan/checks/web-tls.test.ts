/**
 * HTTPS over outdated TLS and HSTS over an untrusted certificate, judged from snapshots: a server that speaks only
 * TLS 1.0/1.1 (RFC 8996) offers HTTPS with outdated encryption, not "no protection"; an HSTS header received over a
 * certificate with errors is ignored by browsers (RFC 6797 §8.1), so it is no pass.
 */
import { describe, expect, it } from 'vitest';
import { NOW, certificate, finalHop, snapshotWith } from '../snapshot.fixture.ts';
import type { Snapshot } from '../snapshot.ts';
import { webHsts } from './web-hsts.check.ts';
import { webHttps } from './web-https.check.ts';
import { webTlsVersion } from './web-tls_version.check.ts';

/** What the retriever captures for a TLS 1.0-only site: the browser-like HTTPS fetch fails, plain HTTP answers. */
function tls10Only(s: Snapshot): void {
  s.web.https = { status: 'tls_error', hops: [], message: 'unsupported protocol' };
  s.web.http = { status: 'ok', hops: [{ url: 'http://example.be/', status: 200, headers: {}, setCookies: [] }] };
  s.web.tls = { host: 'example.be', status: 'ok', versions: { TLSv1: true, 'TLSv1.1': false, 'TLSv1.2': false, 'TLSv1.3': false }, negotiated: 'TLSv1', certificate: certificate(['example.be']) };
}

describe('a server that speaks only TLS 1.0 or 1.1 (RFC 8996)', () => {
  it('web.tls_version fails and says it offers only outdated encryption', () => {
    const outcome = webTlsVersion(snapshotWith(tls10Only), { now: NOW });
    expect(outcome).toMatchObject({ status: 'fail', messageKey: 'web.tls_version.no_modern' });
    expect((outcome.details.findings as { key: string }[]).map((f) => f.key)).toContain('web.tls_version.legacy_enabled');
  });

  it('web.https does not claim the site only works without protection', () => {
    const outcome = webHttps(snapshotWith(tls10Only), { now: NOW });
    expect(outcome).toMatchObject({ status: 'fail', messageKey: 'web.https.outdated_tls_only' });
  });

  it('a site with no HTTPS at all is still "unavailable"', () => {
    const s = snapshotWith((s) => {
      tls10Only(s);
      s.web.tls = { host: 'example.be', status: 'refused' };
      s.web.https = { status: 'refused', hops: [] };
    });
    expect(webHttps(s, { now: NOW }).messageKey).toBe('web.https.unavailable');
  });
});

describe('HSTS over an untrusted certificate (RFC 6797 §8.1)', () => {
  it('is not a pass when the connection that carried it had an untrusted certificate', () => {
    const s = snapshotWith((s) => void (finalHop(s).certificateTrusted = false));
    expect(webHsts(s, { now: NOW })).toMatchObject({ status: 'fail', messageKey: 'web.hsts.untrusted_certificate' });
  });

  it('falls back to the TLS probe of the same host for snapshots without the per-hop flag', () => {
    const s = snapshotWith((s) => {
      s.web.https.hops = [{ ...finalHop(s), url: 'https://example.be/' }];
      s.web.tls = { host: 'example.be', status: 'ok', versions: { 'TLSv1.2': true }, negotiated: 'TLSv1.2', certificate: certificate(['example.be'], { chainTrusted: false, chainError: 'SELF_SIGNED_CERT_IN_CHAIN' }) };
    });
    expect(webHsts(s, { now: NOW }).messageKey).toBe('web.hsts.untrusted_certificate');
  });

  it('passes over a trusted certificate', () => {
    expect(webHsts(snapshotWith((s) => void (finalHop(s).certificateTrusted = true)), { now: NOW }).status).toBe('pass');
  });
});
