/**
 * web.xcto: X-Content-Type-Options: nosniff (WHATWG Fetch §3.5), so browsers do not run an upload as a script
 * because it looks like one (Observatory x-content-type-options).
 */
import { defineCheck } from '../check.ts';
import { finalHttpsResponse, header } from '../web-response.ts';

export const webXcto = defineCheck({ id: 'web.xcto', severity: 'low', role: 'web' }, (snap) => {
  const response = finalHttpsResponse(snap);
  if (response.kind === 'none') return { findings: [response.finding] };
  const value = header(response.hop, 'x-content-type-options');
  if (value === undefined) return { findings: [{ key: 'web.xcto.missing', status: 'fail' }] };
  // Fetch: only the first value counts, compared case-insensitively.
  if (value.split(',')[0]?.trim().toLowerCase() !== 'nosniff')
    return { findings: [{ key: 'web.xcto.invalid', status: 'fail', params: { value } }] };
  return { findings: [] };
});
