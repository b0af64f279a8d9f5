/**
 * web.redirect: http://<domain> ends on HTTPS, first redirecting to HTTPS on the same host (so HSTS can be set there,
 * internet.nl https_forced, Observatory "redirection"), and never goes back to plain HTTP anywhere in the chain
 * (a http → https → http → https chain is a downgrade an attacker can stop at: internet.nl#1521).
 */
import { couldNotTest, defineCheck, skipped, type Finding } from '../check.ts';
import type { HttpHop } from '../snapshot.ts';
import { UNTESTABLE, hostOf, schemeOf } from '../web-response.ts';

/** Index of the first hop that is plain HTTP after an HTTPS hop, or -1. */
export function downgradeAt(hops: HttpHop[]): number {
  let sawHttps = false;
  for (const [i, hop] of hops.entries()) {
    const scheme = schemeOf(hop.url);
    if (scheme === 'https') sawHttps = true;
    else if (scheme === 'http' && sawHttps) return i;
  }
  return -1;
}

export const webRedirect = defineCheck({ id: 'web.redirect', severity: 'high', role: 'web' }, (snap) => {
  const { http, https } = snap.web;
  const chain = http.hops.map((h) => `${h.status} ${h.url}`);
  if (http.status !== 'ok' && UNTESTABLE.has(http.status)) return { findings: [couldNotTest(http.status)] };
  if (http.hops.length === 0) {
    // Nothing listens on port 80: nothing to redirect, nothing to intercept there either.
    return {
      findings: [https.status === 'ok' ? { key: 'web.redirect.no_http', status: 'info', severity: 'info' } : skipped('web.no_website')],
    };
  }
  const findings: Finding[] = [];
  if (http.status === 'too_many_redirects') findings.push({ key: 'web.redirect.loop', status: 'fail' });
  const final = http.hops.at(-1);
  if (http.status === 'ok' && final && schemeOf(final.url) !== 'https')
    findings.push({ key: 'web.redirect.not_https', status: 'fail', params: { finalUrl: final.url } });
  const at = downgradeAt(http.hops);
  if (at >= 0) findings.push({ key: 'web.redirect.downgrade', status: 'fail', params: { url: http.hops[at]?.url ?? '' } });
  const httpsDowngrade = downgradeAt(https.hops);
  if (httpsDowngrade >= 0)
    findings.push({ key: 'web.redirect.downgrade', status: 'fail', params: { url: https.hops[httpsDowngrade]?.url ?? '' } });

  const second = http.hops[1];
  if (second && schemeOf(second.url) === 'https' && hostOf(second.url) !== hostOf(http.hops[0]?.url ?? '')) {
    findings.push({ key: 'web.redirect.not_same_host_first', status: 'warn', severity: 'low', params: { to: second.url } });
  } else if (second && schemeOf(second.url) === 'http') {
    // http → http (other host) → https: works, but the first hop stays unprotected.
    findings.push({ key: 'web.redirect.not_https_first', status: 'warn', severity: 'low', params: { to: second.url } });
  }
  return { findings, details: { chain } };
});
