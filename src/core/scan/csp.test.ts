/**
 * Where a Content-Security-Policy lets scripts come from (W3C CSP Level 3). Policies below are the spec's own
 * examples (§1.2 "script-src https://cdn.example.com/scripts/; object-src 'none'", the nonce of §6.7.2 and
 * 'strict-dynamic' of §8.2) and the weak forms an attacker needs: `*`, a bare scheme, a wildcard host, plain http.
 */
import { describe, expect, it } from 'vitest';
import { webCsp } from './checks/web-csp.check.ts';
import { allowsInlineScript, parseCspPolicy, scriptSourceWeaknesses } from './csp.ts';
import { NOW, finalHop, snapshotWith } from './snapshot.fixture.ts';

const NONCE = "'nonce-DhcnhD3khTMePgXwdayK9BsMqXjhguVV'";
const weak = (policy: string) => scriptSourceWeaknesses(parseCspPolicy(policy));
const verdict = (policy: string) => {
  const outcome = webCsp(snapshotWith((s) => void (finalHop(s).headers['content-security-policy'] = policy)), { now: NOW });
  return { status: outcome.status, key: outcome.messageKey, params: outcome.params };
};

describe('script sources that do not stop injected script (CSP3 §6.7.2)', () => {
  it.each([
    ["script-src *", ['*']],
    ["default-src 'self' https:", ['https:']],
    ["script-src 'self' http:", ['http:']],
    ["script-src 'self' data:", ['data:']],
    ["script-src 'self' *.example.com", ['*.example.com']],
    ["script-src https://*.cdn.example", ['https://*.cdn.example']],
    [`script-src ${NONCE} *`, ['*']], // a nonce disables 'unsafe-inline', not the host allow-list
  ])('%s is broad', (policy, broad) => expect(weak(policy).broad).toEqual(broad));

  it('flags plain-http sources as insecure', () => {
    expect(weak("script-src 'self' http://cdn.example.com/lib.js")).toEqual({ broad: [], insecure: ['http://cdn.example.com/lib.js'] });
  });

  it("honours 'strict-dynamic': host and scheme sources are ignored for scripts (CSP3 §8.2)", () => {
    expect(weak(`script-src ${NONCE} 'strict-dynamic'`)).toEqual({ broad: [], insecure: [] });
    expect(weak(`script-src 'unsafe-inline' https: http: ${NONCE} 'strict-dynamic'`)).toEqual({ broad: [], insecure: [] });
    expect(allowsInlineScript(parseCspPolicy(`script-src 'unsafe-inline' https: ${NONCE} 'strict-dynamic'`))).toBe(false);
  });

  it('keeps the spec example §1.2 (one https path on a CDN) strict', () => {
    expect(weak("script-src https://cdn.example.com/scripts/; object-src 'none'")).toEqual({ broad: [], insecure: [] });
  });

  it('reads script-src-elem before script-src (CSP3 §6.8.3)', () => {
    expect(weak("script-src 'self'; script-src-elem *").broad).toEqual(['*']);
  });
});

describe('web.csp verdicts', () => {
  it("warns for `*`, a scheme and a wildcard host as it does for 'unsafe-inline'", () => {
    expect(verdict("default-src 'self'; script-src *")).toEqual({ status: 'warn', key: 'web.csp.broad_script_source', params: { sources: '*' } });
    expect(verdict("default-src 'self' https:").key).toBe('web.csp.broad_script_source');
    expect(verdict("script-src 'self' data:").key).toBe('web.csp.broad_script_source');
    expect(verdict("script-src 'self' *.example.be").key).toBe('web.csp.broad_script_source');
    expect(verdict("script-src 'self' http://cdn.example.be").key).toBe('web.csp.insecure_script_source');
  });

  it("passes a nonce-based strict policy with 'strict-dynamic' and its backwards-compatible fallbacks", () => {
    expect(verdict(`script-src 'unsafe-inline' https: ${NONCE} 'strict-dynamic'; object-src 'none'; base-uri 'none'`).status).toBe('pass');
    expect(verdict(`script-src ${NONCE}; object-src 'none'`).status).toBe('pass');
    expect(verdict("script-src 'sha256-YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo='").status).toBe('pass');
  });

  it('needs only one of several enforced policies to be strict (CSP3 §2.2.1)', () => {
    expect(verdict("script-src *, script-src 'self'").status).toBe('pass');
  });
});
