/**
 * The verdict on a reported (real) mail: each sign found adds its weight; the sum picks the band. Weights and bands
 * are data and versioned (ANALYSIS_VERSION), as the scan's grading is. The verdict never says "safe": a mail without
 * signs "looks legitimate, but …" (the answer always adds what to check). Sources: docs/mail-in.md.
 */
import { generateLookalikes } from '../scan/lookalike.ts';
import { attachmentReasons } from './attachments.ts';
import { domainShownIn, hostOf, isIpHost, registrableDomain, URL_SHORTENERS } from './links.ts';
import { textReasons } from './signals.ts';
import type { AnalysisContext, OriginalMail, Verdict } from './types.ts';

export const ANALYSIS_VERSION = 'mail-report-1';

/** Weight of each reason. Zero-weight reasons are told to the employee but do not move the verdict. */
export const REASON_WEIGHTS = {
  auth_dmarc_fail: 3,
  auth_spf_fail: 1,
  auth_dkim_fail: 1,
  auth_pass: 0,
  auth_unavailable: 0,
  sender_lookalike: 4,
  sender_young_domain: 2,
  reply_to_other_domain: 1,
  link_lookalike: 4,
  link_ip: 2,
  link_shortener: 1,
  link_text_mismatch: 3,
  link_young_domain: 2,
  attachment_executable: 4,
  attachment_script: 4,
  attachment_macro: 3,
  attachment_html: 3,
  attachment_disk_image: 3,
  archive_password: 3,
  urgency_words: 1,
  payment_change_words: 2,
  original_missing: 0,
} as const;

export type ReasonCode = keyof typeof REASON_WEIGHTS | 'simulation_token';
export const REASON_CODES = [...Object.keys(REASON_WEIGHTS), 'simulation_token'] as ReasonCode[];

/** At or above: likely_phishing; at or above SUSPICIOUS: suspicious; below: likely_legitimate. */
export const BANDS = { LIKELY_PHISHING: 4, SUSPICIOUS: 2 } as const;

/** A domain counts as young when registered less than this many days ago (new domains are a common phishing sign). */
export const YOUNG_DOMAIN_DAYS = 30;

export interface Analysis {
  verdict: Verdict;
  reasons: ReasonCode[];
  score: number;
  senderDomain: string | null;
  version: string;
}

function domainOfAddress(address: string | null): string | null {
  const at = address?.lastIndexOf('@') ?? -1;
  if (!address || at < 0) return null;
  return address.slice(at + 1).toLowerCase().replace(/\.$/, '') || null;
}

/** For each own domain, its lookalikes (computed once per analysis). */
function lookalikeIndex(own: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const d of own) {
    try {
      for (const l of generateLookalikes(d, { max: Number.POSITIVE_INFINITY })) set.add(l.domain);
    } catch {
      // A malformed stored domain just gives no lookalikes.
    }
  }
  return set;
}

function isYoung(domain: string | null, ctx: AnalysisContext): boolean {
  if (!domain) return false;
  const at = ctx.registeredAt.get(domain);
  return at !== undefined && ctx.now.getTime() - at.getTime() < YOUNG_DOMAIN_DAYS * 86_400_000;
}

export function authReasons(auth: OriginalMail['auth'], kind: OriginalMail['kind']): ReasonCode[] {
  if (auth.source === 'none') return kind === 'attachment' ? [] : ['auth_unavailable'];
  const reasons: ReasonCode[] = [];
  // RFC 7489 §6.6.2: DMARC fails when neither an aligned SPF nor an aligned DKIM pass exists — the From is not proven.
  if (auth.dmarc === 'fail') reasons.push('auth_dmarc_fail');
  if (auth.spf === 'fail' || auth.spf === 'softfail') reasons.push('auth_spf_fail');
  // A signature that does not verify: 'fail' (RFC 8601 §2.7.1), or 'neutral' as mailauth reports a body hash that no
  // longer matches (RFC 6376 §3.7: the body was changed after signing).
  if (auth.dkim === 'fail' || auth.dkim === 'neutral') reasons.push('auth_dkim_fail');
  if (auth.dmarc === 'pass') reasons.push('auth_pass');
  return reasons;
}

export function analyseMail(mail: OriginalMail, ctx: AnalysisContext): Analysis {
  const reasons = new Set<ReasonCode>(authReasons(mail.auth, mail.kind));
  const own = ctx.ownDomains.map((d) => d.toLowerCase());
  const ownSet = new Set(own);
  const lookalikes = lookalikeIndex(own);

  const senderHost = domainOfAddress(mail.fromAddress);
  const senderDomain = senderHost ? (registrableDomain(senderHost) ?? senderHost) : null;
  if (senderDomain && !ownSet.has(senderDomain) && lookalikes.has(senderDomain)) reasons.add('sender_lookalike');
  if (isYoung(senderDomain, ctx)) reasons.add('sender_young_domain');
  const replyHost = domainOfAddress(mail.replyTo);
  const replyDomain = replyHost ? (registrableDomain(replyHost) ?? replyHost) : null;
  if (replyDomain && senderDomain && replyDomain !== senderDomain) reasons.add('reply_to_other_domain');

  for (const link of mail.links) {
    const host = hostOf(link.href);
    if (!host) continue;
    if (isIpHost(host)) {
      reasons.add('link_ip');
      continue;
    }
    const domain = registrableDomain(host) ?? host;
    if (URL_SHORTENERS.has(domain) || URL_SHORTENERS.has(host)) reasons.add('link_shortener');
    if (!ownSet.has(domain) && lookalikes.has(domain)) reasons.add('link_lookalike');
    if (isYoung(domain, ctx)) reasons.add('link_young_domain');
    const shown = domainShownIn(link.text);
    if (shown && shown !== domain) reasons.add('link_text_mismatch');
  }

  for (const r of attachmentReasons(mail.attachments, mail.text)) reasons.add(r as ReasonCode);
  for (const r of textReasons(mail.subject ?? '', mail.text)) reasons.add(r as ReasonCode);
  if (mail.kind === 'none') reasons.add('original_missing');

  const list = REASON_CODES.filter((r) => reasons.has(r));
  const score = list.reduce((sum, r) => sum + (r === 'simulation_token' ? 0 : REASON_WEIGHTS[r]), 0);
  const verdict: Verdict = score >= BANDS.LIKELY_PHISHING ? 'likely_phishing' : score >= BANDS.SUSPICIOUS ? 'suspicious' : 'likely_legitimate';
  return { verdict, reasons: list, score, senderDomain, version: ANALYSIS_VERSION };
}

/** The domains whose registration date would help (sender and link domains), for the injected age lookup. */
export function domainsToDate(mail: OriginalMail): string[] {
  const out = new Set<string>();
  const sender = domainOfAddress(mail.fromAddress);
  if (sender) out.add(registrableDomain(sender) ?? sender);
  for (const l of mail.links) {
    const host = hostOf(l.href);
    if (host && !isIpHost(host)) out.add(registrableDomain(host) ?? host);
  }
  return [...out].slice(0, 10);
}

/**
 * Whether a message must not be answered, so two automatic systems never answer each other (RFC 3834 §2 and §5:
 * no answer to a message with Auto-Submitted other than "no", to bounces — empty return path or MAILER-DAEMON —
 * nor to list or bulk mail; RFC 3834 §3.1.8 and RFC 2076 for Precedence).
 */
export function mustNotAnswer(h: { envelopeFrom: string | null; from: string | null; autoSubmitted: string | null; precedence: string | null; listId: boolean; ourDomains: readonly string[] }): boolean {
  if (!h.envelopeFrom) return true;
  const local = h.envelopeFrom.split('@')[0]?.toLowerCase() ?? '';
  if (['mailer-daemon', 'postmaster', 'no-reply', 'noreply'].includes(local) || local.startsWith('owner-') || local.endsWith('-request')) return true;
  if (h.autoSubmitted && h.autoSubmitted.trim().toLowerCase() !== 'no') return true;
  if (h.precedence && /^(bulk|junk|list)$/i.test(h.precedence.trim())) return true;
  if (h.listId) return true;
  const fromDomain = domainOfAddress(h.from ?? h.envelopeFrom);
  return fromDomain !== null && h.ourDomains.includes(fromDomain);
}
