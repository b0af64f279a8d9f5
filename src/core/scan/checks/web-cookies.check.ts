/**
 * web.cookies: cookies set while visiting the site carry Secure, HttpOnly and SameSite (RFC 6265 §4.1.2.5–6,
 * RFC 6265bis SameSite), weighed most for session cookies (Observatory cookies, −40…+5): a login cookie without
 * Secure can be stolen on any café Wi-Fi.
 */
import { defineCheck, type Finding, type Severity } from '../check.ts';
import { browserAccepts, looksLikeSession, parseSetCookie, type SetCookie } from '../cookies.ts';
import { finalHttpsResponse, hostOf } from '../web-response.ts';

export const webCookies = defineCheck({ id: 'web.cookies', severity: 'high', role: 'web' }, (snap) => {
  const lines = [...snap.web.http.hops, ...snap.web.https.hops].flatMap((h) => h.setCookies);
  if (lines.length === 0) {
    const response = finalHttpsResponse(snap);
    if (response.kind === 'none') return { findings: [response.finding] };
    return { findings: [{ key: 'web.cookies.none', status: 'pass' }] };
  }

  // Group problems per kind so one finding lists every cookie that has it.
  const problems = new Map<string, { status: 'fail' | 'warn'; severity: Severity; names: Set<string> }>();
  const add = (key: string, status: 'fail' | 'warn', severity: Severity, name: string): void => {
    const entry = problems.get(key) ?? { status, severity, names: new Set<string>() };
    entry.names.add(name);
    problems.set(key, entry);
  };
  // A cookie the browser rejects (Domain a public suffix or another site, RFC 6265 §5.3) is never stored: skip it.
  const cookies: SetCookie[] = [];
  for (const hop of [...snap.web.http.hops, ...snap.web.https.hops]) {
    const host = hostOf(hop.url) ?? snap.domain;
    for (const line of hop.setCookies) {
      const c = parseSetCookie(line);
      if (c && browserAccepts(c, host)) cookies.push(c);
    }
  }
  for (const c of cookies) {
    const session = looksLikeSession(c.name);
    if (session && !c.secure) add('web.cookies.session_not_secure', 'fail', 'high', c.name);
    if (session && !c.httpOnly) add('web.cookies.session_not_httponly', 'fail', 'medium', c.name);
    if (session && c.sameSite === undefined) add('web.cookies.session_no_samesite', 'warn', 'low', c.name);
    // RFC 6265bis §5.6: SameSite=None without Secure is rejected by browsers.
    if (c.sameSite === 'none' && !c.secure) add('web.cookies.samesite_none_insecure', 'fail', 'medium', c.name);
    if (!session && !c.secure) add('web.cookies.not_secure', 'warn', 'low', c.name);
  }
  const findings: Finding[] = [...problems].map(([key, p]) => ({
    key,
    status: p.status,
    severity: p.severity,
    params: { names: [...p.names].join(', '), count: p.names.size },
  }));
  return {
    findings,
    details: {
      cookies: cookies.map((c) => ({ ...c, session: looksLikeSession(c.name) })),
      sessionIssue: findings.some((f) => f.key.startsWith('web.cookies.session_')),
    },
  };
});
