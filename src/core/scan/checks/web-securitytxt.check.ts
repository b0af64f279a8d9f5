/**
 * web.securitytxt: /.well-known/security.txt (RFC 9116) tells people who find a vulnerability whom to tell. It must
 * be text/plain over HTTPS (§3), hold at least one Contact (§2.5.3) and exactly one Expires (§2.5.5) that is not in
 * the past and preferably less than a year ahead. Who receives reports is the company's decision, hence `owner`.
 */
import { couldNotTest, defineCheck, skipped, type Finding } from '../check.ts';
import { UNTESTABLE, hasWebsite } from '../web-response.ts';

/** Fields as `name: value` lines (§2.2); '#' starts a comment; names are case-insensitive. */
export function parseSecurityTxt(body: string): { name: string; value: string }[] {
  return body
    .split(/\r?\n/)
    .map((line) => /^([A-Za-z][A-Za-z0-9-]*):\s*(.*?)\s*$/.exec(line.startsWith('#') ? '' : line))
    .filter((m) => m !== null)
    .map((m) => ({ name: (m[1] ?? '').toLowerCase(), value: m[2] ?? '' }));
}

const YEAR_MS = 365 * 86_400_000;
/** RFC 3339 date-time (§2.5.5 requires it). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export const webSecuritytxt = defineCheck({ id: 'web.securitytxt', severity: 'low', role: 'owner' }, (snap, ctx) => {
  const fetch = snap.web.securityTxt;
  if (fetch.status !== 'ok') {
    if (UNTESTABLE.has(fetch.status)) return { findings: [couldNotTest(fetch.status)] };
    return { findings: [hasWebsite(snap) ? { key: 'web.securitytxt.missing', status: 'warn' } : skipped('web.no_website')] };
  }
  const fields = parseSecurityTxt(fetch.body);
  const contacts = fields.filter((f) => f.name === 'contact').map((f) => f.value);
  const plain = fetch.contentType === undefined || /^text\/plain\b/i.test(fetch.contentType);
  // A 200 with an HTML page and no fields is a "soft 404", not a security.txt.
  if (fetch.httpStatus !== 200 || (!plain && contacts.length === 0))
    return { findings: [{ key: 'web.securitytxt.missing', status: 'warn' }] };

  const findings: Finding[] = [];
  if (!plain) findings.push({ key: 'web.securitytxt.content_type', status: 'warn', params: { contentType: fetch.contentType ?? '' } });
  if (contacts.length === 0) findings.push({ key: 'web.securitytxt.no_contact', status: 'fail' });
  const expires = fields.filter((f) => f.name === 'expires').map((f) => f.value);
  if (expires.length === 0) findings.push({ key: 'web.securitytxt.no_expires', status: 'fail' });
  else if (expires.length > 1) findings.push({ key: 'web.securitytxt.multiple_expires', status: 'fail' });
  else {
    const value = expires[0] ?? '';
    const at = Date.parse(value);
    if (!RFC3339.test(value) || Number.isNaN(at))
      findings.push({ key: 'web.securitytxt.invalid_expires', status: 'fail', params: { expires: value } });
    else if (at < ctx.now.getTime()) findings.push({ key: 'web.securitytxt.expired', status: 'fail', params: { expires: value } });
    else if (at - ctx.now.getTime() > YEAR_MS)
      findings.push({ key: 'web.securitytxt.expires_too_far', status: 'warn', severity: 'info', params: { expires: value } });
  }
  return { findings, details: { url: fetch.url, contacts, expires: expires[0] ?? null } };
});
