/**
 * Outgoing mail is durable: the message goes to the outbox table and a 'send-email' job in the same transaction,
 * and the worker delivers it (SMTP) or logs it (no SMTP configured). A crash between the two cannot lose a mail.
 */
import { createHash, randomUUID } from 'node:crypto';
import { enqueueJob } from '../db/repositories/job.repository.ts';
import { insertOutboxOnce } from '../db/repositories/outbox.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import type { Locale } from '../core/locale.ts';
import { translate, type MessageKey, type Params } from '../i18n/index.ts';
import type { AppDeps } from './deps.ts';

export const SEND_EMAIL_JOB = 'send-email';

export interface MailTemplate {
  subject: MessageKey;
  intro: MessageKey;
  action?: { label: MessageKey; url: string };
  outro?: MessageKey;
  params?: Params;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function renderMail(locale: Locale, tpl: MailTemplate): { subject: string; text: string; html: string } {
  const p = tpl.params;
  const subject = translate(locale, tpl.subject, p);
  const intro = translate(locale, tpl.intro, p);
  const outro = tpl.outro ? translate(locale, tpl.outro, p) : '';
  const action = tpl.action ? { label: translate(locale, tpl.action.label, p), url: tpl.action.url } : undefined;
  const signature = translate(locale, 'mail.signature');
  const text = [intro, action ? `${action.label}:\n${action.url}` : '', outro, `-- \n${signature}`].filter(Boolean).join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">
<p>${escapeHtml(intro)}</p>${action ? `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>` : ''}${outro ? `<p>${escapeHtml(outro)}</p>` : ''}<p>— ${escapeHtml(signature)}</p></body></html>`;
  return { subject, text, html };
}

/**
 * `headers`: extra mail headers (RFC 8058 List-Unsubscribe for nudges); stored with the message in the outbox.
 * `idempotencyKey`: names this one mail (e.g. reminder × deadline × person); a job that runs again after a crash
 * queues it only once, because the outbox id is derived from the key and a second insert is skipped.
 */
export async function queueMail(deps: AppDeps, conn: Conn, to: string, locale: Locale, tpl: MailTemplate, headers?: Record<string, string>, idempotencyKey?: string): Promise<string> {
  const now = deps.clock.now();
  const id = idempotencyKey ? `k-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}` : randomUUID();
  const { subject, text, html } = renderMail(locale, tpl);
  const inserted = await insertOutboxOnce(conn, {
    id,
    to_address: to.toLowerCase(),
    subject,
    text_body: text,
    html_body: html,
    status: 'queued',
    created_at: now.toISOString(),
    sent_at: null,
    error: null,
    headers: headers ? JSON.stringify(headers) : null,
  });
  if (inserted) await enqueueJob(conn, { type: SEND_EMAIL_JOB, payload: { outboxId: id }, runAt: now, maxAttempts: 8 }, now);
  return id;
}
