/** Texts and JSON shapes shared by the phishing pages and API: problem messages, people, campaigns. */
import type { CsvLineError } from '../../core/phishing/people.ts';
import { RATE, WINDOW_BOUNDS } from '../../core/phishing/schedule.ts';
import type { CampaignView } from '../../app/phishing-campaigns.ts';
import type { StaffListFull } from '../../app/people.ts';
import type { Locale } from '../../core/locale.ts';
import { numberFormat } from '../../i18n/intl.ts';
import type { Person } from '../../db/repositories/people.repository.ts';
import type { MessageKey, T } from '../../i18n/index.ts';

export function personProblemText(t: T, problem: string, column?: string): string {
  return t(`people.problem.${problem}` as MessageKey, { column: column ?? '', max: 5000 });
}

export function csvLineText(t: T, e: CsvLineError): string {
  return t('people.line', { line: e.line, reason: personProblemText(t, e.problem, e.column) });
}

export function campaignProblemText(t: T, problem: string): string {
  return t(`phishing.problem.${problem}` as MessageKey, { min: RATE.min, max: RATE.max, earliest: WINDOW_BOUNDS.earliest, latest: WINDOW_BOUNDS.latest });
}

/** A number of people as the reader writes it ("10.000" in nl, fr and de, "10,000" in en). */
export function peopleCount(locale: Locale, n: number): string {
  return numberFormat(locale === 'en' ? 'en-GB' : `${locale}-BE`).format(n);
}

/** Why a full staff list refused an add or an import: the cap, how many it holds, and (an import) how many were new. */
export function staffListFullText(t: T, locale: Locale, r: StaffListFull, kind: 'add' | 'import'): string {
  return t(kind === 'add' ? 'people.full.add' : 'people.full.import', { max: peopleCount(locale, r.max), listed: peopleCount(locale, r.listed), adding: peopleCount(locale, r.adding) });
}

/** The error code for a failed import: a domain rule when one was broken (the first reason people must know). */
export function importErrorCode(errors: CsvLineError[]): 'public_mailbox_domain' | 'domain_not_verified' | 'validation_failed' {
  if (errors.some((e) => e.problem === 'public_mailbox_domain')) return 'public_mailbox_domain';
  if (errors.some((e) => e.problem === 'domain_not_verified')) return 'domain_not_verified';
  return 'validation_failed';
}

export function presentPerson(p: Person) {
  return { id: p.id, email: p.email, name: p.displayName, language: p.language, group: p.group, pseudonym: p.pseudonym, createdAt: p.createdAt };
}

export function presentCampaign(v: CampaignView) {
  const c = v.campaign;
  return {
    id: c.id,
    name: c.name,
    templateId: c.template_id,
    status: c.status as 'scheduled' | 'sending' | 'sent' | 'cancelled',
    startsAt: c.starts_at,
    windowStart: c.window_start,
    windowEnd: c.window_end,
    weekdaysOnly: c.weekdays_only === 1,
    ratePerMinute: c.rate_per_minute,
    createdAt: c.created_at,
    sentAt: c.sent_at,
    progress: { total: v.progress.total, pending: v.progress.pending, sending: v.progress.claimed, sent: v.progress.sent, failed: v.progress.failed },
  };
}
