import { z } from 'zod';
import { smtpTransport, type MailTransport } from '../adapters/mailer.ts';
import type { AppDeps } from '../app/deps.ts';
import { SEND_EMAIL_JOB } from '../app/mail.ts';
import { findOutbox, markOutbox } from '../db/repositories/outbox.repository.ts';
import type { JobType } from './job-types.ts';

const Payload = z.object({ outboxId: z.string() });

let transport: { url: string; t: MailTransport } | undefined;
function transportFor(url: string, from: string): MailTransport {
  if (!transport || transport.url !== url) transport = { url, t: smtpTransport(url, from) };
  return transport.t;
}

/** Stored extra headers: a JSON object of strings; anything else is ignored rather than sent. */
function parseHeaders(raw: string | null): Record<string, string> | undefined {
  if (!raw) return undefined;
  try {
    const r = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/), z.string().max(2000)).safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Delivers one outbox message over SMTP, or writes it to the log when no SMTP server is configured. */
export const sendEmailJob: JobType = {
  name: SEND_EMAIL_JOB,
  async perform(deps: AppDeps, payload: unknown) {
    const { outboxId } = Payload.parse(payload);
    const msg = await findOutbox(deps.db, outboxId);
    if (!msg || msg.status === 'sent' || msg.status === 'logged') return;
    const now = deps.clock.now().toISOString();
    if (!deps.config.smtpUrl) {
      // Locally the log is the inbox. In production a mail's links (password reset, invitation, follow-up) are
      // keys to accounts and reports, and logs travel further than the database: only say that a mail was not sent.
      if (deps.config.env === 'production') deps.log.warn({ mail: { to: msg.to_address, subject: msg.subject } }, 'mail not sent: SMTP_URL is not set (its text is not logged)');
      else deps.log.info({ mail: { to: msg.to_address, subject: msg.subject, text: msg.text_body } }, 'mail (no SMTP_URL set: logged, not sent)');
      await markOutbox(deps.db, outboxId, 'logged', now);
      return;
    }
    await transportFor(deps.config.smtpUrl, deps.config.mailFrom).send({ to: msg.to_address, subject: msg.subject, text: msg.text_body, html: msg.html_body, headers: parseHeaders(msg.headers) });
    await markOutbox(deps.db, outboxId, 'sent', now);
  },
};
