/**
 * web.https: the website answers over HTTPS (internet.nl https_exists). A site that only speaks plain HTTP lets
 * anyone on the network read and change what visitors see and send. A site whose HTTPS speaks only TLS 1.0/1.1 has
 * protection, but outdated (RFC 8996), and browsers refuse it: that is said as such.
 */
import { couldNotTest, defineCheck, skipped } from '../check.ts';
import { UNTESTABLE, answered } from '../web-response.ts';

export const webHttps = defineCheck({ id: 'web.https', severity: 'high', role: 'web' }, (snap) => {
  const { https, http } = snap.web;
  const final = https.hops.at(-1);
  if (https.status === 'ok' && final) return { findings: [], details: { finalUrl: final.url, status: final.status } };
  if (https.status !== 'ok' && UNTESTABLE.has(https.status)) return { findings: [couldNotTest(https.status)] };
  if (https.status === 'too_many_redirects') return { findings: [{ key: 'web.https.redirect_loop', status: 'fail' }] };
  // HTTPS is offered, but only with TLS 1.0/1.1, which today's browsers refuse (RFC 8996): the site is protected
  // with outdated encryption, not "only reachable without protection". web.tls_version says which versions.
  const tls = snap.web.tls;
  if (tls.status === 'ok' && tls.versions['TLSv1.2'] !== true && tls.versions['TLSv1.3'] !== true && (tls.versions.TLSv1 === true || tls.versions['TLSv1.1'] === true))
    return { findings: [{ key: 'web.https.outdated_tls_only', status: 'fail' }] };
  // No HTTPS answer. If plain HTTP answers there is a website without HTTPS; otherwise there is no website at all.
  if (answered(http)) return { findings: [{ key: 'web.https.unavailable', status: 'fail', params: { reason: https.status } }] };
  if (http.status !== 'ok' && UNTESTABLE.has(http.status)) return { findings: [couldNotTest(http.status)] };
  return { findings: [skipped('web.no_website')] };
});
