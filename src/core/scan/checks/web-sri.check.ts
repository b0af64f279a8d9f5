/**
 * web.sri: scripts from other sites carry Subresource Integrity hashes (W3C SRI §3), so a hacked CDN cannot inject
 * code, and no script is loaded over plain HTTP from an HTTPS page (mixed content; Observatory sri, −50…+5).
 * Scripts from the domain itself and its subdomains are first-party and need no hash.
 */
import { defineCheck, skipped, type Finding } from '../check.ts';
import { scriptTags } from '../html.ts';
import { finalHttpsResponse, header, hostOf } from '../web-response.ts';

function isFirstParty(host: string, domain: string, pageHost: string): boolean {
  return host === pageHost || host === domain || host.endsWith(`.${domain}`);
}

export const webSri = defineCheck({ id: 'web.sri', severity: 'medium', role: 'web' }, (snap) => {
  const response = finalHttpsResponse(snap);
  if (response.kind === 'none') return { findings: [response.finding] };
  const contentType = header(response.hop, 'content-type') ?? '';
  if (response.body === undefined || (contentType !== '' && !/html/i.test(contentType))) return { findings: [skipped('web.sri.no_html')] };

  const pageUrl = response.hop.url;
  const pageHost = hostOf(pageUrl) ?? '';
  const scripts = scriptTags(response.body)
    .filter((a) => a.src !== undefined && a.src !== '')
    .flatMap((a) => {
      try {
        const url = new URL(a.src ?? '', pageUrl);
        return [{ url: url.href, host: url.hostname.toLowerCase(), scheme: url.protocol, integrity: (a.integrity ?? '') !== '' }];
      } catch {
        return [];
      }
    });
  const external = scripts.filter((s) => !isFirstParty(s.host, snap.domain, pageHost));
  const insecure = scripts.filter((s) => s.scheme === 'http:');
  const unhashed = external.filter((s) => !s.integrity && s.scheme === 'https:');
  const findings: Finding[] = [];
  if (insecure.length > 0)
    findings.push({
      key: 'web.sri.insecure_script',
      status: 'fail',
      severity: 'high',
      params: { count: insecure.length, urls: insecure.map((s) => s.url).join(', ') },
    });
  if (unhashed.length > 0) {
    findings.push({
      key: 'web.sri.missing_integrity',
      status: 'warn',
      params: { count: unhashed.length, hosts: [...new Set(unhashed.map((s) => s.host))].join(', ') },
    });
  }
  return { findings, details: { scripts: scripts.length, external: external.map((s) => ({ url: s.url, integrity: s.integrity })) } };
});
