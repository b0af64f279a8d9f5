/**
 * mail.mta_sts (RFC 8461): a `v=STSv1; id=…` TXT record at _mta-sts (§3.1) and a policy served with HTTPS at
 * mta-sts.<domain>/.well-known/mta-sts.txt (§3.2, §3.3) in mode enforce, listing every MX host. Without it an
 * attacker on the path can strip STARTTLS and read mail in transit.
 */
import { couldNotTest, defineCheck, skipped, type Finding } from '../check.ts';
import { mailReception } from '../mail-domain.ts';
import { parseTagList, tagValue } from '../tag-list.ts';
import { UNTESTABLE } from '../web-response.ts';

/** §3.2: max_age is at most 31557600 s (one year); weeks or more are recommended, so under a day is suspicious. */
const MAX_AGE_LIMIT = 31_557_600;
const MAX_AGE_MIN_SENSIBLE = 86_400;

export interface MtaStsPolicy {
  version?: string;
  mode?: string;
  maxAge?: number;
  mx: string[];
}

/** §3.2: "key: value" lines separated by CRLF (LF tolerated); mx may repeat. */
export function parseMtaStsPolicy(text: string): MtaStsPolicy {
  const policy: MtaStsPolicy = { mx: [] };
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z_]+):\s*(.*?)\s*$/i.exec(line);
    if (!m) continue;
    const [, key = '', value = ''] = m;
    if (key === 'version') policy.version = value;
    else if (key === 'mode') policy.mode = value;
    else if (key === 'max_age' && /^\d{1,10}$/.test(value)) policy.maxAge = Number(value);
    else if (key === 'mx') policy.mx.push(value.toLowerCase());
  }
  return policy;
}

/** §4.1: an mx pattern is a host name or "*." plus a name, the wildcard matching exactly one left-most label. */
export function mxPatternMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
}

export const mailMtaSts = defineCheck({ id: 'mail.mta_sts', severity: 'medium', role: 'dns' }, (snap) => {
  const reception = mailReception(snap);
  if (reception.kind === 'error') return { findings: [couldNotTest(reception.reason)] };
  if (reception.kind !== 'mx') return { findings: [skipped('mail.no_mail')] };
  const txt = snap.mail.mtaStsTxt;
  if (txt.status === 'error') return { findings: [couldNotTest(txt.reason)] };
  // §3.1: records not starting with "v=STSv1" are discarded; anything but exactly one left means no policy.
  const records = txt.status === 'ok' ? txt.records.filter((r) => /^v=STSv1\s*(;|$)/.test(r)) : [];
  if (records.length === 0) return { findings: [{ key: 'mail.mta_sts.missing', status: 'warn', severity: 'low' }] };
  if (records.length > 1) return { findings: [{ key: 'mail.mta_sts.multiple_records', status: 'fail' }] };
  const id = tagValue(parseTagList(records[0] ?? ''), 'id');
  // sts-id = 1*32( ALPHA / DIGIT )
  if (id === undefined || !/^[a-z0-9]{1,32}$/i.test(id)) return { findings: [{ key: 'mail.mta_sts.invalid_txt', status: 'fail' }] };

  const fetch = snap.mail.mtaStsPolicy;
  if (!fetch) return { findings: [couldNotTest('not_fetched')] };
  if (fetch.status !== 'ok') {
    if (UNTESTABLE.has(fetch.status)) return { findings: [couldNotTest(fetch.status)] };
    return { findings: [{ key: 'mail.mta_sts.policy_unreachable', status: 'fail', params: { reason: fetch.status } }] };
  }
  // §3.3: the policy must come with 200 OK (redirects are not followed) over HTTPS with a valid certificate.
  if (fetch.httpStatus !== 200)
    return { findings: [{ key: 'mail.mta_sts.policy_unreachable', status: 'fail', params: { reason: `http_${fetch.httpStatus}` } }] };
  const findings: Finding[] = [];
  if (fetch.certificateValid === false) findings.push({ key: 'mail.mta_sts.policy_cert_invalid', status: 'fail' });
  if (fetch.contentType !== undefined && !/^text\/plain\b/i.test(fetch.contentType)) {
    findings.push({ key: 'mail.mta_sts.policy_content_type', status: 'warn', severity: 'low', params: { contentType: fetch.contentType } });
  }

  const policy = parseMtaStsPolicy(fetch.body);
  const invalid = (field: string): Finding => ({ key: 'mail.mta_sts.policy_invalid', status: 'fail', params: { field } });
  if (policy.version !== 'STSv1') findings.push(invalid('version'));
  if (!policy.mode || !['enforce', 'testing', 'none'].includes(policy.mode)) findings.push(invalid('mode'));
  if (policy.maxAge === undefined || policy.maxAge > MAX_AGE_LIMIT) findings.push(invalid('max_age'));
  else if (policy.maxAge < MAX_AGE_MIN_SENSIBLE)
    findings.push({ key: 'mail.mta_sts.short_max_age', status: 'warn', severity: 'low', params: { maxAge: policy.maxAge } });
  if (policy.mode !== 'none' && policy.mx.length === 0) findings.push(invalid('mx'));

  // §5: in enforce mode, senders refuse to deliver to MX hosts that the policy does not list.
  const uncovered = reception.hosts.filter((h) => !policy.mx.some((p) => mxPatternMatches(p, h)));
  if (policy.mx.length > 0 && uncovered.length > 0) {
    findings.push({
      key: 'mail.mta_sts.mx_not_covered',
      status: policy.mode === 'enforce' ? 'fail' : 'warn',
      severity: 'high',
      params: { hosts: uncovered.join(', ') },
    });
  }
  if (policy.mode === 'testing') findings.push({ key: 'mail.mta_sts.testing', status: 'warn', severity: 'low' });
  if (policy.mode === 'none') findings.push({ key: 'mail.mta_sts.mode_none', status: 'warn', severity: 'low' });
  return { findings, details: { id, mode: policy.mode ?? null, maxAge: policy.maxAge ?? null, mx: policy.mx } };
});
