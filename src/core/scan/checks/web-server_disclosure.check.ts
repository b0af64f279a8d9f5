/**
 * web.server_disclosure: response headers and the generator tag that name software with its version
 * (`Server: Apache/2.4.41`, `X-Powered-By: PHP/7.4.3`, `<meta name="generator" content="WordPress 6.4.2">`) tell an
 * attacker which known vulnerabilities to try (OWASP Secure Headers Project; RFC 9110 §10.2.4 notes the risk).
 */
import { defineCheck, skipped } from '../check.ts';
import { metaNamed } from '../html.ts';
import { finalHttpsResponse, hasWebsite } from '../web-response.ts';

export const DISCLOSING_HEADERS = [
  'server',
  'x-powered-by',
  'x-aspnet-version',
  'x-aspnetmvc-version',
  'x-generator',
  'x-drupal-cache',
  'x-runtime',
  'x-backend-server',
] as const;

/** A version number such as 2.4, 7.4.3 or 10.0.17763. */
const VERSION = /\d+\.\d+/;

export const webServerDisclosure = defineCheck({ id: 'web.server_disclosure', severity: 'low', role: 'web' }, (snap) => {
  if (!hasWebsite(snap)) return { findings: [skipped('web.no_website')] };
  const seen = new Map<string, string>();
  for (const hop of [...snap.web.https.hops, ...snap.web.http.hops]) {
    for (const name of DISCLOSING_HEADERS) {
      const value = hop.headers[name];
      if (value !== undefined && !seen.has(name)) seen.set(name, value);
    }
  }
  const response = finalHttpsResponse(snap);
  for (const generator of response.kind === 'ok' && response.body ? metaNamed(response.body, 'generator') : [])
    seen.set('meta generator', generator);

  const versioned = [...seen].filter(
    ([name, value]) => VERSION.test(value) || name === 'x-aspnet-version' || name === 'x-aspnetmvc-version',
  );
  const details = { disclosed: Object.fromEntries(seen) };
  if (versioned.length === 0) return { findings: [], details };
  return {
    findings: [
      { key: 'web.server_disclosure.version', status: 'warn', params: { items: versioned.map(([n, v]) => `${n}: ${v}`).join('; ') } },
    ],
    details,
  };
});
