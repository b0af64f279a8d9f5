/**
 * Turns a template, a person and the person's link into the simulated mail: subject, plain text and HTML. Pure:
 * the QR code picture (for QR templates) is drawn by the caller (adapters/qr.ts) and passed in as PNG bytes.
 * Everything from the template or the person is HTML-escaped; the only link is the person's own tracked link.
 */
import type { Locale } from '../locale.ts';
import type { PhishingTemplate } from './templates.ts';

export interface RenderInput {
  template: PhishingTemplate;
  lang: Locale;
  person: { email: string; displayName: string | null };
  company: { name: string };
  /** `${baseUrl}/p/${token}`: the button (and the QR code). */
  link: string;
  /** `${baseUrl}/p/${token}/pixel.gif`: the open pixel. */
  pixelUrl: string;
  /** PNG of a QR code of `link`, required when the template has qr: true. */
  qrPng?: Uint8Array;
}

export interface RenderedMail {
  senderName: string;
  senderLocal: string;
  subject: string;
  text: string;
  html: string;
  attachments: { cid: string; filename: string; contentType: string; content: Uint8Array }[];
}

export const QR_CID = 'qr@schild.invalid';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The name to greet: the first word of the name, or else the first part of the address ("an.peeters@" → "An"). */
export function firstNameOf(person: { email: string; displayName: string | null }): string {
  const fromName = person.displayName?.trim().split(/\s+/)[0];
  if (fromName) return fromName;
  const local = person.email.slice(0, person.email.indexOf('@')).split(/[._+-]/)[0] ?? '';
  return local ? local.charAt(0).toUpperCase() + local.slice(1) : '';
}

/** Fills {{firstName}} and {{company}} as plain text; any other braces stay as they are (the validator refuses them). */
export function fillPlaceholders(s: string, values: { firstName: string; company: string }): string {
  return s.replace(/\{\{\s*(firstName|company)\s*\}\}/g, (_m, k: 'firstName' | 'company') => values[k]);
}

export function renderSimulation(input: RenderInput): RenderedMail {
  const t = input.template.i18n[input.lang];
  const values = { firstName: firstNameOf(input.person), company: input.company.name };
  // Header injection guard: a subject is one line (RFC 5322 §2.2 — unfolded header fields carry no CR or LF).
  const subject = fillPlaceholders(t.subject, values).replace(/[\r\n]+/g, ' ');
  const paragraphs = t.body.map((p) => fillPlaceholders(p, values));
  if (input.template.qr && !input.qrPng) throw new Error(`template ${input.template.id} needs a QR code picture`);

  const text = [...paragraphs, `${t.button}: ${input.link}`].join('\n\n') + '\n';
  const button = `<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:10px 18px;background:#1a56db;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(t.button)}</a></p>`;
  const qr = input.template.qr ? `<p><a href="${escapeHtml(input.link)}"><img src="cid:${QR_CID}" width="180" height="180" alt="${escapeHtml(t.button)}"></a></p>` : '';
  const html = [
    '<!doctype html>',
    `<html lang="${input.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222222">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    qr || button,
    `<img src="${escapeHtml(input.pixelUrl)}" width="1" height="1" alt="">`,
    '</body></html>',
  ].join('\n');
  return {
    senderName: t.senderName,
    senderLocal: t.senderLocal,
    subject,
    text,
    html,
    attachments: input.template.qr && input.qrPng ? [{ cid: QR_CID, filename: 'qr.png', contentType: 'image/png', content: input.qrPng }] : [],
  };
}
