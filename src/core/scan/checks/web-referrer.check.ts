/**
 * web.referrer: a Referrer-Policy that does not leak full URLs (with customer ids or reset tokens in them) to other
 * sites (W3C Referrer Policy; Observatory referrer-policy). Browsers default to strict-origin-when-cross-origin, so a
 * missing header is only informational; an explicitly unsafe one is a failure.
 */
import { defineCheck } from '../check.ts';
import { metaNamed } from '../html.ts';
import { finalHttpsResponse, header } from '../web-response.ts';

const SAFE = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const UNSAFE = new Set(['origin', 'origin-when-cross-origin', 'no-referrer-when-downgrade', 'unsafe-url']);

/** Referrer Policy §8.1: of a comma list, the last token that is a known policy wins. */
export function effectiveReferrerPolicy(value: string): string | undefined {
  const tokens = value.split(',').map((t) => t.trim().toLowerCase());
  return tokens.reverse().find((t) => SAFE.has(t) || UNSAFE.has(t));
}

export const webReferrer = defineCheck({ id: 'web.referrer', severity: 'low', role: 'web' }, (snap) => {
  const response = finalHttpsResponse(snap);
  if (response.kind === 'none') return { findings: [response.finding] };
  const values = [header(response.hop, 'referrer-policy'), ...(response.body ? metaNamed(response.body, 'referrer') : [])].filter(
    (v) => v !== undefined,
  );
  if (values.length === 0) return { findings: [{ key: 'web.referrer.missing', status: 'info' }] };
  // A <meta name="referrer"> later in the document overrides the header; take the last effective one.
  const policy = values
    .map(effectiveReferrerPolicy)
    .filter((p) => p !== undefined)
    .at(-1);
  if (policy === undefined) return { findings: [{ key: 'web.referrer.invalid', status: 'warn', params: { value: values.join(', ') } }] };
  if (UNSAFE.has(policy)) return { findings: [{ key: 'web.referrer.unsafe', status: 'fail', params: { policy } }], details: { policy } };
  return { findings: [], details: { policy } };
});
