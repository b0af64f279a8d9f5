/**
 * web.frame: protection against clickjacking, by CSP frame-ancestors (CSP3 §6.4.2) or X-Frame-Options DENY or
 * SAMEORIGIN (RFC 7034). ALLOW-FROM was never widely supported and modern browsers ignore it. frame-ancestors in a
 * <meta> policy is ignored, so only the header counts.
 */
import { defineCheck } from '../check.ts';
import { parseCspHeader } from '../csp.ts';
import { finalHttpsResponse, header } from '../web-response.ts';

export const webFrame = defineCheck({ id: 'web.frame', severity: 'medium', role: 'web' }, (snap) => {
  const response = finalHttpsResponse(snap);
  if (response.kind === 'none') return { findings: [response.finding] };
  const csp = header(response.hop, 'content-security-policy');
  const ancestors = (csp ? parseCspHeader(csp) : []).map((p) => p.get('frame-ancestors')).filter((a) => a !== undefined);
  const xfo = header(response.hop, 'x-frame-options');
  const details = { frameAncestors: ancestors.map((a) => a.join(' ')), xFrameOptions: xfo ?? null };
  if (ancestors.length > 0) {
    // Any one policy without a wildcard restricts framing.
    const open = ancestors.every((a) => a.some((s) => s === '*' || s === 'https:' || s === 'http:'));
    return { findings: open ? [{ key: 'web.frame.allows_any', status: 'warn' }] : [], details };
  }
  if (xfo === undefined) return { findings: [{ key: 'web.frame.missing', status: 'fail' }], details };
  const value = xfo.split(',')[0]?.trim().toLowerCase() ?? '';
  if (value === 'deny' || value === 'sameorigin') return { findings: [], details };
  if (value.startsWith('allow-from')) return { findings: [{ key: 'web.frame.xfo_allow_from', status: 'warn' }], details };
  return { findings: [{ key: 'web.frame.invalid', status: 'fail', params: { value: xfo } }], details };
});
