/**
 * The SMTP transport for simulated phishing mail: one pooled nodemailer connection, so at most one message is in
 * flight at a time (the bound on what a crash can duplicate, docs/decisions/0005-phishing-exactly-once.md), and a
 * caller-chosen Message-ID, so a message sent again after a crash carries the same identity.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import shared from 'nodemailer/lib/shared/index.js';
import { noDelaySmtpSocket } from './smtp-socket.ts';

export interface SimulationMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  /** "<recipientId@domain>" (RFC 5322 §3.6.4 msg-id): stable per recipient. */
  messageId: string;
  headers: Record<string, string>;
  attachments: { cid: string; filename: string; contentType: string; content: Uint8Array }[];
}

export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; error: string };

export interface SimulationTransport {
  send(mail: SimulationMail): Promise<SendOutcome>;
  close(): void;
}

export function simulationTransport(smtpUrl: string): SimulationTransport {
  // TCP_NODELAY: without it every message waits on a delayed ACK (smtp-socket.ts).
  const transporter: Transporter = nodemailer.createTransport({ ...shared.parseConnectionUrl(smtpUrl), pool: true, maxConnections: 1, getSocket: noDelaySmtpSocket });
  return {
    async send(mail) {
      try {
        const info = await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: mail.headers,
          attachments: mail.attachments.map((a) => ({ cid: a.cid, filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
        });
        if (info.rejected.length > 0) return { ok: false, permanent: true, error: 'recipient rejected' };
        return { ok: true };
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        // RFC 5321 §4.2.1: 5yz is a permanent refusal (do not retry that recipient); anything else may pass later.
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
        return { ok: false, permanent, error: (e.message ?? String(err)).slice(0, 300) };
      }
    },
    close: () => transporter.close(),
  };
}
