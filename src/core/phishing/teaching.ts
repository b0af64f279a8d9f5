/**
 * What the teaching page shows: the simulated mail as its recipient saw it, each of the template's signs attached to
 * the part of the mail it is about. Templates are H1's validated ones (core/phishing/templates.ts, loaded once at
 * start-up by adapters/content.ts); placeholders are filled exactly as the sent mail filled them (render.ts). Pure.
 */
import { fillPlaceholders } from './render.ts';
import { SIGN_PARTS, type PhishingTemplate, type SignPart, type TemplateText } from './templates.ts';

export { SIGN_PARTS, type SignPart };
export type LandingKind = PhishingTemplate['landing'];

/** The mail as its recipient saw it, with each template sign attached to the part it is about. */
export interface MarkedMail {
  senderName: string;
  senderLocal: string;
  subject: string;
  body: string[];
  button: string;
  signsByPart: Record<SignPart, string[]>;
}

export function markedMail(t: Pick<TemplateText, 'senderName' | 'senderLocal' | 'subject' | 'body' | 'button' | 'signs'>, values: { firstName: string; company: string }): MarkedMail {
  const signsByPart = Object.fromEntries(SIGN_PARTS.map((p) => [p, [] as string[]])) as Record<SignPart, string[]>;
  for (const s of t.signs) signsByPart[s.part].push(s.text);
  return {
    senderName: t.senderName,
    senderLocal: t.senderLocal,
    subject: fillPlaceholders(t.subject, values),
    body: t.body.map((b) => fillPlaceholders(b, values)),
    button: t.button,
    signsByPart,
  };
}
