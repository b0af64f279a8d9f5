/**
 * The answer to the employee and the forward to Safeonweb, each sent once by a job. Answers carry
 * `Auto-Submitted: auto-replied` (RFC 3834 §5) so that other automatic systems do not answer them in turn.
 */
import { smtpTransport, type MailTransport, type OutgoingMail } from '../adapters/mailer.ts';
import { isLocale, type Locale } from '../core/locale.ts';
import { findMailReport, findOriginal, markAnswered, markForwarded } from '../db/repositories/mail-report.repository.ts';
import { translate, type MessageKey } from '../i18n/index.ts';
import type { AppDeps } from './deps.ts';
import { toMailReport, type MailReport } from './mail-reports.ts';
import { transact } from '../db/transaction.ts';

let transport: { url: string; t: MailTransport } | undefined;
function transportFor(url: string, from: string): MailTransport {
  if (!transport || transport.url !== url) transport = { url, t: smtpTransport(url, from) };
  return transport.t;
}

async function deliver(deps: AppDeps, mail: OutgoingMail): Promise<void> {
  if (!deps.config.smtpUrl) {
    deps.log.info({ mail: { to: mail.to, subject: mail.subject } }, 'mail-in answer (no SMTP_URL set: not sent)');
    return;
  }
  await transportFor(deps.config.smtpUrl, deps.config.mailFrom).send(mail);
}

/** The answer's text in the employee's language: headline, what we noticed, how much we could check, advice. */
export function renderAnswer(locale: Locale, report: MailReport, forwarding: boolean): { subject: string; text: string } {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(locale, key, params);
  const v = report.verdict;
  // Nothing forwarded and nothing found: do not call unseen mail "legitimate"; ask for the mail itself instead.
  const unseen = report.original === 'none' && v === 'likely_legitimate';
  const subject = t(unseen ? 'mailrep.answer.none.subject' : (`mailrep.answer.${v}.subject` as MessageKey));
  const parts = [t('mailrep.answer.hello'), ...(unseen ? [] : [t(`mailrep.answer.${v}.headline` as MessageKey)])];
  const shown = report.reasons.filter((r) => r !== 'simulation_token');
  if (shown.length > 0) parts.push(`${t('mailrep.answer.noticed')}\n${shown.map((r) => `- ${t(`mailrep.reason.${r}` as MessageKey)}`).join('\n')}`);
  if (v !== 'simulation') parts.push(t(`mailrep.original.${report.original}` as MessageKey));
  parts.push(t(`mailrep.answer.${v}.advice` as MessageKey));
  if (forwarding) parts.push(t('mailrep.answer.forwarded'));
  parts.push(`-- \n${t('mail.signature')}`);
  return { subject, text: parts.join('\n\n') };
}

export async function sendReportAnswer(deps: AppDeps, reportId: string): Promise<void> {
  const row = await findMailReport(deps.db, reportId);
  if (!row || row.answered_at || !row.reporter_email) return;
  const locale: Locale = isLocale(row.language) ? row.language : 'nl';
  const { subject, text } = renderAnswer(locale, toMailReport(row), row.forward_state !== 'none');
  await deliver(deps, { to: row.reporter_email, subject, text, headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } });
  await markAnswered(deps.db, reportId, deps.clock.now().toISOString());
}

/** Passes the original on to Safeonweb as an attachment (message/rfc822), then deletes our copy. */
export async function forwardToSafeonweb(deps: AppDeps, reportId: string): Promise<void> {
  const row = await findMailReport(deps.db, reportId);
  const raw = row ? await findOriginal(deps.db, reportId) : undefined;
  if (!row || !raw || row.forward_state === 'sent') return;
  await deliver(deps, {
    to: deps.config.mailIn.safeonwebAddress,
    subject: `Suspicious mail reported by an employee (Schild, ${row.verdict})`,
    text: `An employee of a small business forwarded the attached mail as suspicious. Automatic analysis: ${row.verdict} (${toMailReport(row).reasons.join(', ') || 'no details'}).\nSent on with the company's consent.`,
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: [{ filename: 'reported-mail.eml', contentType: 'message/rfc822', content: raw }],
  });
  // One transaction: nobody sees the report 'sent' while our copy of the original still exists.
  await transact(deps.db, (trx) => markForwarded(trx, reportId, deps.clock.now().toISOString()));
}
