/**
 * web.csp: a Content-Security-Policy that restricts scripts without 'unsafe-inline' (W3C CSP Level 3; Observatory
 * csp, −25…+10), so injected script (XSS) cannot run. A report-only policy enforces nothing.
 */
import { defineCheck, type Finding } from '../check.ts';
import { allowsEval, allowsInlineScript, parseCspHeader, scriptSources } from '../csp.ts';
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
  else if (policies.every(allowsInlineScript)) findings.push({ key: 'web.csp.unsafe_inline', status: 'warn' });
  if (restricted && policies.every(allowsEval)) findings.push({ key: 'web.csp.unsafe_eval', status: 'warn', severity: 'low' });
  return { findings, details: { header: headerValue ?? null, meta } };
});
