import { z } from 'zod';
import { smtpTransport, type MailTransport } from '../adapters/mailer.ts';
import type { AppDeps } from '../app/deps.ts';
import { SEND_EMAIL_JOB } from '../app/mail.ts';
import { claimOutboxForSending, findOutbox, markOutbox, releaseOutbox } from '../db/repositories/outbox.repository.ts';
import { countMail } from '../app/work-counts.ts';
import type { JobAttempt, JobType } from './job-types.ts';

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

/**
 * Whether an SMTP failure proves the server did not take the message: it answered with a refusal (a reply code,
 * RFC 5321 §4.2) or no conversation took place (connection, DNS, TLS, authentication). Anything else (the connection
 * dropped or timed out mid-DATA) leaves it open whether the server accepted it.
 */
function notAccepted(err: unknown): boolean {
  const e = err as { responseCode?: unknown; code?: unknown };
  return typeof e.responseCode === 'number' || ['ECONNECTION', 'EDNS', 'ETLS', 'EAUTH', 'EENVELOPE'].includes(String(e.code));
}

/**
 * One message at a time per process, whatever the worker's concurrency (WORKER_CONCURRENCY). A message is marked
 * 'sending' before its SMTP transaction and, if the process dies before the answer is recorded, never sent again (at
 * most once; docs/operations.md, "Crashes and duplicates"). With several sends at once a kill -9 would leave several
 * messages in that window, each lost rather than duplicated; one at a time keeps it to one message per process.
 */
let sending: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = sending.then(work, work);
  sending = run.catch(() => undefined);
  return run;
}

/** Delivers one outbox message over SMTP, or writes it to the log when no SMTP server is configured. */
export const sendEmailJob: JobType = {
  name: SEND_EMAIL_JOB,
  perform: (deps: AppDeps, payload: unknown, attempt?: JobAttempt) => oneAtATime(() => deliver(deps, payload, attempt)),
};

async function deliver(deps: AppDeps, payload: unknown, attempt: JobAttempt | undefined): Promise<void> {
  // Waiting for the slot may have outlasted the lease, and another worker may have taken this job over and be sending
  // the message now: then this run must not touch it (it would find it 'sending' and settle it as 'unknown').
  if (attempt?.renew && !(await attempt.renew())) return;
  const { outboxId } = Payload.parse(payload);
  const msg = await findOutbox(deps.db, outboxId);
  if (!msg || msg.status === 'sent' || msg.status === 'logged' || msg.status === 'unknown') return;
  if (msg.status === 'sending') {
    // An earlier attempt died (killed worker) between claiming this message and recording the SMTP answer. The
    // server may have accepted it, so it is not sent again: at most once (docs/operations.md, "Crashes and duplicates").
    deps.log.warn({ outboxId }, 'mail not resent: a worker stopped while sending it; delivery unknown');
    await markOutbox(deps.db, outboxId, 'unknown', deps.clock.now().toISOString(), 'worker stopped while sending; not resent to avoid a duplicate');
    countMail('unknown');
    return;
  }
  const now = deps.clock.now().toISOString();
  if (!deps.config.smtpUrl) {
    // Locally the log is the inbox. In production a mail's links (password reset, invitation, follow-up) are
    // keys to accounts and reports, and logs travel further than the database: only say that a mail was not sent.
    if (deps.config.env === 'production') deps.log.warn({ mail: { to: msg.to_address, subject: msg.subject } }, 'mail not sent: SMTP_URL is not set (its text is not logged)');
    else deps.log.info({ mail: { to: msg.to_address, subject: msg.subject, text: msg.text_body } }, 'mail (no SMTP_URL set: logged, not sent)');
    await markOutbox(deps.db, outboxId, 'logged', now);
    countMail('logged');
    return;
  }
  // Claimed before the SMTP transaction, recorded right after it: a crash in between never leads to a second copy.
  if (!(await claimOutboxForSending(deps.db, outboxId))) return;
  try {
    await transportFor(deps.config.smtpUrl, deps.config.mailFrom).send({ to: msg.to_address, subject: msg.subject, text: msg.text_body, html: msg.html_body, headers: parseHeaders(msg.headers) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (notAccepted(err)) {
      await releaseOutbox(deps.db, outboxId, message);
      // The runner tries again while attempts remain; at the last one the mail stays unsent (queued, with the error).
      countMail(attempt && attempt.attempt >= attempt.maxAttempts ? 'failed' : 'retry');
      throw err; // the job retries with backoff
    }
    await markOutbox(deps.db, outboxId, 'unknown', deps.clock.now().toISOString(), message.slice(0, 2000));
    countMail('unknown');
    return;
  }
  await markOutbox(deps.db, outboxId, 'sent', now);
  countMail('sent');
}
