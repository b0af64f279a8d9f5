/** Sends one message over SMTP with nodemailer. Without SMTP_URL the caller logs the message instead. */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Extra headers (for example RFC 8058 List-Unsubscribe and List-Unsubscribe-Post). */
  headers?: Record<string, string> | undefined;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined, ...(mail.headers ? { headers: mail.headers } : {}) });
    },
    close: () => transporter.close(),
  };
}
