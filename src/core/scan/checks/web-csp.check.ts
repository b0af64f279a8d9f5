/**
 * web.csp: a Content-Security-Policy that restricts scripts without 'unsafe-inline' (W3C CSP Level 3; Observatory
 * csp, −25…+10), so injected script (XSS) cannot run. A report-only policy enforces nothing. Allowing scripts from
 * `*`, a whole scheme (`https:`, `http:`, `data:`) or a wildcard host lets injected markup load the attacker's own
 * script, so it is weighed like 'unsafe-inline'; 'strict-dynamic', nonces and hashes are honoured as CSP3 §8.2 and
 * §6.7.2 say (csp.ts).
 */
import { defineCheck, type Finding } from '../check.ts';
import { allowsEval, allowsInlineScript, parseCspHeader, scriptSourceWeaknesses, scriptSources } from '../csp.ts';
import { metaHttpEquiv } from '../html.ts';
import { finalHttpsResponse, header } from '../web-response.ts';

export const webCsp = defineCheck({ id: 'web.csp', severity: 'medium', role: 'web' }, (snap) => {
  const response = finalHttpsResponse(snap);
  if (response.kind === 'none') return { findings: [response.finding] };
  const headerValue = header(response.hop, 'content-security-policy');
  // CSP3 §3.3: a <meta http-equiv> policy is enforced too (without frame-ancestors, report-uri and sandbox).
  const meta = response.body ? metaHttpEquiv(response.body, 'content-security-policy') : [];
  const policies = [...(headerValue ? parseCspHeader(headerValue) : []), ...meta.flatMap(parseCspHeader)];
  if (policies.length === 0) {
    const reportOnly = header(response.hop, 'content-security-policy-report-only') !== undefined;
    return { findings: [{ key: reportOnly ? 'web.csp.report_only' : 'web.csp.missing', status: 'fail' }] };
  }
  const findings: Finding[] = [];
  // Every enforced policy must allow a script for it to run, so one strict policy is enough.
  const restricted = policies.some((p) => scriptSources(p) !== undefined);
  if (!restricted) findings.push({ key: 'web.csp.no_script_restriction', status: 'warn' });
  else {
    const restricting = policies.filter((p) => scriptSources(p) !== undefined);
    if (restricting.every(allowsInlineScript)) findings.push({ key: 'web.csp.unsafe_inline', status: 'warn' });
    // A script must pass every policy, so one policy without the weakness is enough to block the attacker's script.
    const weaknesses = restricting.map(scriptSourceWeaknesses);
    if (weaknesses.every((w) => w.broad.length > 0))
      findings.push({ key: 'web.csp.broad_script_source', status: 'warn', params: { sources: [...new Set(weaknesses.flatMap((w) => w.broad))].join(' ') } });
    else if (weaknesses.every((w) => w.insecure.length > 0))
      findings.push({ key: 'web.csp.insecure_script_source', status: 'warn', params: { sources: [...new Set(weaknesses.flatMap((w) => w.insecure))].join(' ') } });
  }
  if (restricted && policies.every(allowsEval)) findings.push({ key: 'web.csp.unsafe_eval', status: 'warn', severity: 'low' });
  return { findings, details: { header: headerValue ?? null, meta } };
});
