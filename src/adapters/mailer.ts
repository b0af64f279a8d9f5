/** Sends one message over SMTP with nodemailer. Without SMTP_URL the caller logs the message instead. */
import nodemailer from 'nodemailer';
import shared from 'nodemailer/lib/shared/index.js';
import { noDelaySmtpSocket } from './smtp-socket.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Extra header fields, e.g. Auto-Submitted (RFC 3834) on automatic answers, RFC 8058 List-Unsubscribe. */
  headers?: Record<string, string> | undefined;
  /** Files to attach, e.g. a reported original as message/rfc822. */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  // TCP_NODELAY: without it every message waits on a delayed ACK (smtp-socket.ts).
  // Timeouts well under the job lease (JOB_LEASE_SECONDS, default 300 s): nodemailer's own defaults (2 min to connect,
  // 10 min of socket silence) let one unreachable server hold the worker's one mail slot for longer than a lease.
  const transporter = nodemailer.createTransport({ ...shared.parseConnectionUrl(smtpUrl), getSocket: noDelaySmtpSocket, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        ...(mail.headers ? { headers: mail.headers } : {}),
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
      });
    },
    close: () => transporter.close(),
  };
}
