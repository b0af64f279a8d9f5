/**
 * The report address: each company's secret address, the owner's consent to pass real phishing on to Safeonweb,
 * receiving a forwarded mail (simulation → counted as reported; real → analysed), and the reports list.
 * Answers and forwards go out through the job queue (src/workers/mail-report.job.ts), so a crash loses nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '../adapters/crypto.ts';
import type { User } from '../core/account.ts';
import type { Company } from '../core/company-profile.ts';
import { isLocale, type Locale } from '../core/locale.ts';
import { findSimulationTokens } from '../core/mail-report/simulation-token.ts';
import type { Verdict } from '../core/mail-report/types.ts';
import { analyseMail, domainsToDate, mustNotAnswer, type ReasonCode } from '../core/mail-report/verdict.ts';
import { findCompany } from '../db/repositories/company.repository.ts';
import { listCompanyDomains } from '../db/repositories/domain.repository.ts';
import { enqueueJob } from '../db/repositories/job.repository.ts';
import {
  countMailReportsByMonth,
  findMemberLocaleByEmail,
  findPersonByEmail,
  findRecipientByTokenHash,
  findReportSettings,
  findReportSettingsByCode,
  insertMailReport,
  insertOriginal,
  insertReportSettings,
  listMailReports,
  markRecipientReported,
  setForwardConsent as storeForwardConsent,
  type MailReportRow,
} from '../db/repositories/mail-report.repository.ts';
import { audit } from './audit.ts';
import type { AppDeps } from './deps.ts';
import { readReportedMail, type DnsLookup } from './mail-report-reading.ts';
import { transact } from '../db/transaction.ts';

export const MAIL_REPORT_ANSWER_JOB = 'mail-report-answer';
export const MAIL_REPORT_FORWARD_JOB = 'mail-report-forward';

/** Looks up when a domain was registered (e.g. RDAP); null when unknown or when no source is available. */
export type DomainAgeLookup = (domain: string) => Promise<Date | null>;
/** The default: no domain-age source (Schild has no RDAP client yet, docs/mail-in.md), so "young domain" is never said. */
export const noDomainAge: DomainAgeLookup = async () => null;

export interface MailInServices {
  dns: DnsLookup;
  domainAge: DomainAgeLookup;
}

export interface ReportSettings {
  code: string;
  address: string;
  forwardConsent: boolean;
  consentAt: string | null;
}

/** 16 characters of lower-case base32 (80 random bits): unguessable, and safe in an address's local part, which mail systems may lower-case. */
function newCode(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(16)].map((b) => alphabet[b & 31]).join('');
}

export const CODE_PATTERN = /^[a-z2-7]{16}$/;

export function reportAddress(deps: AppDeps, code: string): string {
  return `${code}@${deps.config.mailIn.domain}`;
}

/** The company's report settings, created with a fresh code on first use. */
export async function reportSettings(deps: AppDeps, companyId: string): Promise<ReportSettings> {
  let row = await findReportSettings(deps.db, companyId);
  if (!row) {
    await insertReportSettings(deps.db, { company_id: companyId, code: newCode(), forward_consent: 0, consent_by: null, consent_at: null, created_at: deps.clock.now().toISOString() });
    row = await findReportSettings(deps.db, companyId);
  }
  if (!row) throw new Error('report settings could not be created');
  return { code: row.code, address: reportAddress(deps, row.code), forwardConsent: row.forward_consent === 1, consentAt: row.consent_at };
}

/** The owner's consent to pass real phishing on to Safeonweb; recorded in the security log. */
export async function setForwardConsent(deps: AppDeps, company: Company, actor: User, consent: boolean, ip: string): Promise<void> {
  await reportSettings(deps, company.id);
  await transact(deps.db, async (trx) => {
    await storeForwardConsent(trx, company.id, consent, actor.id, deps.clock.now().toISOString());
    await audit(deps, trx, { type: 'company.report_forwarding_changed', companyId: company.id, userId: actor.id, ip, detail: { consent } });
  });
}

/** The company whose report code this is, or null (the receiver then answers 550 to RCPT TO). */
export async function companyForReportCode(deps: AppDeps, code: string): Promise<string | null> {
  const c = code.toLowerCase();
  if (!CODE_PATTERN.test(c)) return null;
  return (await findReportSettingsByCode(deps.db, c))?.company_id ?? null;
}

export interface MailReport {
  id: string;
  receivedAt: string;
  reporterEmail: string;
  verdict: Verdict;
  reasons: ReasonCode[];
  original: 'attachment' | 'inline' | 'none';
  senderDomain: string | null;
  subject: string | null;
  answered: boolean;
  forwarded: boolean;
}

export function toMailReport(r: MailReportRow): MailReport {
  let reasons: ReasonCode[] = [];
  try {
    reasons = JSON.parse(r.reasons) as ReasonCode[];
  } catch {
    reasons = [];
  }
  return {
    id: r.id,
    receivedAt: r.received_at,
    reporterEmail: r.reporter_email,
    verdict: r.verdict as Verdict,
    reasons,
    original: r.original as MailReport['original'],
    senderDomain: r.sender_domain,
    subject: r.subject,
    answered: r.answered_at !== null,
    forwarded: r.forward_state === 'sent',
  };
}

export async function listReports(deps: AppDeps, companyId: string): Promise<{ reports: MailReport[]; months: { month: string; verdict: string; count: number }[] }> {
  const [rows, months] = await Promise.all([listMailReports(deps.db, companyId), countMailReportsByMonth(deps.db, companyId)]);
  return { reports: rows.map(toMailReport), months };
}

function addressDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** Domains that are ours: an answer to them would be a loop (our answers, our report address). */
function ourDomains(deps: AppDeps): string[] {
  const from = /<?([^<>\s]+@[^<>\s]+)>?\s*$/.exec(deps.config.mailFrom)?.[1];
  return [deps.config.mailIn.domain, ...(from ? [addressDomain(from)] : [])];
}

const SUBJECT_MAX = 200;

/**
 * One forwarded mail for one company: find a simulation token, else analyse; store the report (never the body);
 * queue the answer (only to someone the company knows, so a forged sender cannot turn us into a spam cannon) and,
 * with consent, the forward to Safeonweb. Returns the report id, or null when the mail was a loop and was dropped.
 */
export async function receiveReport(deps: AppDeps, services: MailInServices, input: { companyId: string; raw: Buffer; envelopeFrom: string | null }): Promise<string | null> {
  const company = await findCompany(deps.db, input.companyId);
  if (!company) return null;
  const mail = await readReportedMail(input.raw, services.dns);
  const reporter = (mail.outer.fromAddress ?? input.envelopeFrom ?? '').toLowerCase();
  if (mustNotAnswer({ envelopeFrom: input.envelopeFrom, from: mail.outer.fromAddress, autoSubmitted: mail.outer.autoSubmitted, precedence: mail.outer.precedence, listId: mail.outer.listId, ourDomains: ourDomains(deps) })) {
    deps.log.info({ companyId: company.id }, 'mail-in: automatic or looping mail dropped (RFC 3834)');
    return null;
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const domains = await listCompanyDomains(deps.db, company.id);
  const verified = domains.filter((d) => d.verified_at !== null).map((d) => d.domain.toLowerCase());
  const person = reporter ? await findPersonByEmail(deps.db, company.id, reporter) : undefined;
  const memberLocale = reporter && !person ? await findMemberLocaleByEmail(deps.db, company.id, reporter) : undefined;
  const knownReporter = person !== undefined || memberLocale !== undefined || (reporter !== '' && verified.includes(addressDomain(reporter)));

  let recipient: Awaited<ReturnType<typeof findRecipientByTokenHash>>;
  for (const token of findSimulationTokens(mail.texts)) {
    recipient = await findRecipientByTokenHash(deps.db, company.id, sha256(token));
    if (recipient) break;
  }

  let verdict: Verdict;
  let reasons: ReasonCode[];
  let senderDomain: string | null;
  let language: Locale = person && isLocale(person.language) ? person.language : memberLocale && isLocale(memberLocale) ? memberLocale : company.language;
  if (recipient) {
    verdict = 'simulation';
    reasons = ['simulation_token'];
    senderDomain = null;
    if (isLocale(recipient.language)) language = recipient.language;
  } else {
    const registeredAt = new Map<string, Date>();
    for (const d of domainsToDate(mail.original)) {
      const date = await services.domainAge(d).catch(() => null);
      if (date) registeredAt.set(d, date);
    }
    const analysis = analyseMail(mail.original, { ownDomains: verified, registeredAt, now });
    verdict = analysis.verdict;
    reasons = analysis.reasons;
    senderDomain = analysis.senderDomain;
  }

  const settings = await reportSettings(deps, company.id);
  const forward = settings.forwardConsent && knownReporter && (verdict === 'likely_phishing' || verdict === 'suspicious');
  const id = randomUUID();
  await transact(deps.db, async (trx) => {
    if (recipient) await markRecipientReported(trx, recipient, at);
    await insertMailReport(trx, {
      id,
      company_id: company.id,
      received_at: at,
      reporter_email: reporter.slice(0, 320),
      person_id: person?.id ?? null,
      language,
      verdict,
      reasons: JSON.stringify(reasons),
      original: mail.original.kind,
      sender_domain: senderDomain,
      subject: recipient ? null : (mail.original.subject?.slice(0, SUBJECT_MAX) ?? null),
      recipient_id: recipient?.id ?? null,
      answered_at: null,
      forward_state: forward ? 'pending' : 'none',
      forwarded_at: null,
    });
    if (knownReporter) await enqueueJob(trx, { type: MAIL_REPORT_ANSWER_JOB, payload: { reportId: id }, runAt: now, maxAttempts: 8 }, now);
    if (forward) {
      await insertOriginal(trx, id, mail.originalRaw ?? input.raw, at);
      await enqueueJob(trx, { type: MAIL_REPORT_FORWARD_JOB, payload: { reportId: id }, runAt: now, maxAttempts: 8 }, now);
    }
  });
  if (!knownReporter) deps.log.info({ companyId: company.id, reportId: id }, 'mail-in: reporter not known to the company; stored, not answered');
  deps.kickWorker();
  return id;
}
