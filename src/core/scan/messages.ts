/**
 * The words of the domain scan: a title per check and, per outcome messageKey, an explanation for the owner and a
 * concrete fix, in the four languages (content/scan/messages.json). Checks only produce keys and params (check.ts);
 * this module validates the texts at load time and fills them in for one outcome.
 *
 * SCAN_MESSAGE_PARAMS is the list of every messageKey the checks, their helpers and grading.ts can produce, with the
 * params each passes. Keys cannot be collected at runtime, so messages.test.ts reads the check sources and fails when
 * this list and the code drift apart. Validation then makes a missing title or text a load error, never a runtime
 * one: every check id has a title, every key has a text in nl/fr/de/en, and every language uses the same
 * placeholders, all of them params the key passes or `{domain}`.
 */
import { z } from 'zod';
import type { Locale } from '../locale.ts';
import type { CheckOutcome, Params } from './check.ts';
import { CHECK_IDS } from './registry.ts';

/** Params of web.cert.* and mail.starttls.cert.* (certificate.ts). */
const CERT = ['host', 'daysLeft', 'notAfter', 'issuer'] as const;
/** Params of every web.cookies problem (one finding lists all cookies with that problem). */
const COOKIES = ['names', 'count'] as const;

/** Every messageKey a scan outcome can carry, with the params the code passes for it. */
export const SCAN_MESSAGE_PARAMS = {
  // Shared (check.ts couldNotTest, grading.ts, web-response.ts, the mail checks' skip)
  'scan.could_not_test': ['reason'],
  'scan.check_failed': ['reason'],
  'mail.no_mail': [],
  'web.no_website': [],
  'web.no_https': [],

  'mail.dmarc.ok': [],
  'mail.dmarc.missing': [],
  'mail.dmarc.wrong_location': [],
  'mail.dmarc.multiple_records': ['count'],
  'mail.dmarc.no_policy': [],
  'mail.dmarc.invalid_version': [],
  'mail.dmarc.invalid_tag': ['code', 'tag', 'value'],
  'mail.dmarc.unknown_tag': ['tag'],
  'mail.dmarc.obsolete_tag': ['tag'],
  'mail.dmarc.policy_none': [],
  'mail.dmarc.subdomain_policy_none': [],
  'mail.dmarc.nonexistent_subdomain_policy_none': [],
  'mail.dmarc.testing_mode': [],
  'mail.dmarc.psd_not_suffix': [],
  'mail.dmarc.partial_pct': ['pct'],
  'mail.dmarc.no_rua': [],

  // mail.spf: `domain` here is the domain whose SPF record has the problem (possibly an include), not the scanned one.
  'mail.spf.ok': [],
  'mail.spf.missing': [],
  'mail.spf.multiple_records': ['count'],
  'mail.spf.syntax_error': ['domain', 'term', 'code'],
  'mail.spf.too_many_lookups': ['count', 'limit'],
  'mail.spf.too_many_void_lookups': ['count', 'limit', 'names'],
  'mail.spf.too_many_mx': ['domain', 'count', 'limit'],
  'mail.spf.include_loop': ['path'],
  'mail.spf.include_without_spf': ['domain'],
  'mail.spf.include_multiple_records': ['domain'],
  'mail.spf.lookup_incomplete': ['domain'],
  'mail.spf.softfail_all': [],
  'mail.spf.neutral_all': [],
  'mail.spf.pass_all': [],
  'mail.spf.no_all': [],
  'mail.spf.terms_after_all': [],
  'mail.spf.ptr_used': [],

  'mail.dkim.ok': [],
  'mail.dkim.invalid_record': ['selector', 'problem'],
  'mail.dkim.invalid_key': ['selector'],
  'mail.dkim.key_too_weak': ['selector', 'bits'],
  'mail.dkim.key_short': ['selector', 'bits'],
  'mail.dkim.unknown_key_type': ['selector', 'keyType'],
  'mail.dkim.testing': ['selector'],
  'mail.dkim.not_sending': [],
  'mail.dkim.selector_unknown': [],
  'mail.dkim.not_found': [],

  'mail.mx.ok': [],
  'mail.mx.none': [],
  'mail.mx.null': [],
  'mail.mx.null_mixed': [],
  'mail.mx.ip_literal': ['host'],
  'mail.mx.unresolvable': ['hosts'],
  'mail.mx.some_unresolvable': ['hosts'],

  'mail.starttls.ok': [],
  'mail.starttls.not_offered': ['host'],
  'mail.starttls.handshake_failed': ['host'],
  'mail.starttls.old_tls': ['host', 'version'],
  'mail.starttls.cert.expired': CERT,
  'mail.starttls.cert.expiring_soon': CERT,
  'mail.starttls.cert.not_yet_valid': CERT,
  'mail.starttls.cert.untrusted': [...CERT, 'reason'],
  'mail.starttls.cert.name_mismatch': [...CERT, 'names'],

  'mail.mta_sts.ok': [],
  'mail.mta_sts.missing': [],
  'mail.mta_sts.multiple_records': [],
  'mail.mta_sts.invalid_txt': [],
  'mail.mta_sts.policy_unreachable': ['reason'],
  'mail.mta_sts.policy_cert_invalid': [],
  'mail.mta_sts.policy_content_type': ['contentType'],
  'mail.mta_sts.policy_invalid': ['field'],
  'mail.mta_sts.short_max_age': ['maxAge'],
  'mail.mta_sts.mx_not_covered': ['hosts'],
  'mail.mta_sts.testing': [],
  'mail.mta_sts.mode_none': [],

  'mail.tlsrpt.ok': [],
  'mail.tlsrpt.missing': [],
  'mail.tlsrpt.multiple_records': [],
  'mail.tlsrpt.invalid': [],

  'mail.null_mx.ok': [],
  'mail.null_mx.mixed': [],
  'mail.null_mx.not_applicable': [],
  'mail.null_mx.recommended': [],

  'web.https.ok': [],
  'web.https.unavailable': ['reason'],
  'web.https.outdated_tls_only': [],
  'web.https.redirect_loop': [],

  'web.cert.ok': [],
  'web.cert.expired': CERT,
  'web.cert.expiring_soon': CERT,
  'web.cert.not_yet_valid': CERT,
  'web.cert.untrusted': [...CERT, 'reason'],
  'web.cert.name_mismatch': [...CERT, 'names'],
  'web.cert.weak_key': ['bits'],

  'web.redirect.ok': [],
  'web.redirect.no_http': [],
  'web.redirect.loop': [],
  'web.redirect.not_https': ['finalUrl'],
  'web.redirect.downgrade': ['url'],
  'web.redirect.not_same_host_first': ['to'],
  'web.redirect.not_https_first': ['to'],

  'web.tls_version.ok': [],
  'web.tls_version.legacy_enabled': ['versions'],
  'web.tls_version.no_modern': [],

  'web.hsts.ok': [],
  'web.hsts.missing': [],
  'web.hsts.untrusted_certificate': [],
  'web.hsts.invalid': ['header'],
  'web.hsts.disabled': [],
  'web.hsts.short_max_age': ['maxAge', 'minimum'],

  'web.cookies.ok': [],
  'web.cookies.none': [],
  'web.cookies.session_not_secure': COOKIES,
  'web.cookies.session_not_httponly': COOKIES,
  'web.cookies.session_no_samesite': COOKIES,
  'web.cookies.samesite_none_insecure': COOKIES,
  'web.cookies.not_secure': COOKIES,

  'web.csp.ok': [],
  'web.csp.missing': [],
  'web.csp.report_only': [],
  'web.csp.no_script_restriction': [],
  'web.csp.unsafe_inline': [],
  'web.csp.broad_script_source': ['sources'],
  'web.csp.insecure_script_source': ['sources'],
  'web.csp.unsafe_eval': [],

  'web.frame.ok': [],
  'web.frame.missing': [],
  'web.frame.allows_any': [],
  'web.frame.xfo_allow_from': [],
  'web.frame.invalid': ['value'],

  'web.sri.ok': [],
  'web.sri.no_html': [],
  'web.sri.insecure_script': ['count', 'urls'],
  'web.sri.missing_integrity': ['count', 'hosts'],

  'web.xcto.ok': [],
  'web.xcto.missing': [],
  'web.xcto.invalid': ['value'],

  'web.referrer.ok': [],
  'web.referrer.missing': [],
  'web.referrer.invalid': ['value'],
  'web.referrer.unsafe': ['policy'],

  'web.securitytxt.ok': [],
  'web.securitytxt.missing': [],
  'web.securitytxt.content_type': ['contentType'],
  'web.securitytxt.no_contact': [],
  'web.securitytxt.no_expires': [],
  'web.securitytxt.multiple_expires': [],
  'web.securitytxt.invalid_expires': ['expires'],
  'web.securitytxt.expired': ['expires'],
  'web.securitytxt.expires_too_far': ['expires'],

  'web.server_disclosure.ok': [],
  'web.server_disclosure.version': ['items'],

  'dns.dnssec.ok': [],
  'dns.dnssec.unsigned': [],
  'dns.dnssec.no_ds': [],
  'dns.dnssec.no_dnskey': [],
  'dns.dnssec.bogus': [],
  'dns.dnssec.not_validated': [],

  'dns.ns.ok': [],
  'dns.ns.missing': [],
  'dns.ns.too_few': ['count'],
  'dns.ns.none_answering': [],
  'dns.ns.not_answering': ['hosts', 'count'],
  'dns.ns.single_network': [],

  'dns.caa.ok': [],
  'dns.caa.missing': [],
  'dns.caa.no_issue': [],
  'dns.caa.unknown_critical_tag': ['tag'],

  'brand.lookalike.ok': [],
  'brand.lookalike.not_scanned': [],
  'brand.lookalike.with_mx': ['count', 'domains'],
  'brand.lookalike.registered': ['count'],
} as const satisfies Record<string, readonly string[]>;

export type ScanMessageKey = keyof typeof SCAN_MESSAGE_PARAMS;
export const SCAN_MESSAGE_KEYS = Object.keys(SCAN_MESSAGE_PARAMS) as readonly ScanMessageKey[];

/** The scanned domain; always passed to describeOutcome, so every text may use `{domain}`. */
export const ALWAYS_AVAILABLE_PARAMS = ['domain'] as const;

const Lang = <T extends z.ZodType>(t: T) => z.object({ nl: t, fr: t, de: t, en: t }).strict();
const Title = z.string().trim().min(3).max(100);
const Text = z.string().trim().min(2).max(900);

export const ScanMessagesSchema = z
  .object({
    checks: z.record(z.string(), Lang(z.object({ title: Title }).strict())),
    messages: z.record(z.string(), Lang(z.object({ explanation: Text, fix: Text }).strict())),
  })
  .strict();
export type ScanMessages = z.infer<typeof ScanMessagesSchema>;

const LANGS = ['nl', 'fr', 'de', 'en'] as const satisfies readonly Locale[];
const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{name}` placeholders of a text, sorted and without duplicates. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();
}

function hasStrayBrace(text: string): boolean {
  return /[{}]/.test(text.replace(PLACEHOLDER, ''));
}

function checkPlaceholders(where: string, texts: Record<Locale, string>, allowed: ReadonlySet<string>, problems: string[]): void {
  const reference = placeholdersOf(texts.en).join(',');
  for (const lang of LANGS) {
    const text = texts[lang];
    const found = placeholdersOf(text);
    if (found.join(',') !== reference)
      problems.push(`${where}.${lang}: placeholders {${found.join('},{')}} differ from en {${reference.split(',').join('},{')}}`);
    for (const name of found) if (!allowed.has(name)) problems.push(`${where}.${lang}: {${name}} is not a param of this key`);
    if (hasStrayBrace(text)) problems.push(`${where}.${lang}: stray { or } (placeholders are {name})`);
  }
}

export function validateScanMessages(data: unknown): ScanMessages {
  const r = ScanMessagesSchema.safeParse(data);
  if (!r.success)
    throw new Error(`Invalid scan messages:\n- ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n- ')}`);
  const c = r.data;
  const problems: string[] = [];

  const ids = new Set<string>(CHECK_IDS);
  for (const id of CHECK_IDS) if (!c.checks[id]) problems.push(`check ${id} has no title`);
  for (const [id, titles] of Object.entries(c.checks)) {
    if (!ids.has(id)) problems.push(`checks.${id}: not a check in ALL_CHECKS`);
    const byLang = { nl: titles.nl.title, fr: titles.fr.title, de: titles.de.title, en: titles.en.title };
    checkPlaceholders(`checks.${id}.title`, byLang, new Set(ALWAYS_AVAILABLE_PARAMS), problems);
  }

  const params: Readonly<Record<string, readonly string[]>> = SCAN_MESSAGE_PARAMS;
  for (const key of SCAN_MESSAGE_KEYS) if (!c.messages[key]) problems.push(`message ${key} is missing`);
  for (const [key, text] of Object.entries(c.messages)) {
    const keyParams = params[key];
    if (!keyParams) {
      problems.push(`messages.${key}: no check produces this key (not in SCAN_MESSAGE_KEYS)`);
      continue;
    }
    const allowed = new Set<string>([...keyParams, ...ALWAYS_AVAILABLE_PARAMS]);
    for (const field of ['explanation', 'fix'] as const) {
      const byLang = { nl: text.nl[field], fr: text.fr[field], de: text.de[field], en: text.en[field] };
      checkPlaceholders(`messages.${key}.${field}`, byLang, allowed, problems);
    }
  }
  if (problems.length) throw new Error(`Invalid scan messages:\n- ${problems.join('\n- ')}`);
  return c;
}

/** Fills `{name}` placeholders; unknown ones stay as they are (same rule as src/i18n). */
export function fillPlaceholders(template: string, values: Params): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

export interface OutcomeText {
  title: string;
  explanation: string;
  fix: string;
}

/**
 * The texts for one outcome in one language. `domain` is the scanned domain; a `domain` param of the outcome wins
 * (mail.spf names the include whose record is broken). Validated messages cover every key and check; an outcome
 * stored by another algorithm version may still carry an unknown key, which yields the key as explanation and an
 * empty fix rather than an exception.
 */
export function describeOutcome(
  messages: ScanMessages,
  outcome: Pick<CheckOutcome, 'id' | 'messageKey' | 'params'>,
  lang: Locale,
  domain: string,
): OutcomeText {
  const values: Params = { domain, ...outcome.params };
  const title = fillPlaceholders(messages.checks[outcome.id]?.[lang].title ?? outcome.id, values);
  const text = messages.messages[outcome.messageKey]?.[lang];
  if (!text) return { title, explanation: outcome.messageKey, fix: '' };
  return { title, explanation: fillPlaceholders(text.explanation, values), fix: fillPlaceholders(text.fix, values) };
}
