/**
 * What the analysis of a reported mail looks at, as plain values: the I/O shell (src/app/mail-reports.ts) parses
 * the MIME message, runs the authentication checks and fills these in; everything in src/core/mail-report/ is pure.
 */

export const VERDICTS = ['likely_phishing', 'suspicious', 'likely_legitimate', 'simulation'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * How much of the original mail reached us (said in the answer):
 * - attachment: forwarded "as attachment", the original with all its headers (authentication can be checked);
 * - inline: an ordinary forward, only the text and the few header lines the mail program copied into it;
 * - none: no forwarded mail found, only what the employee sent.
 */
export type OriginalKind = 'attachment' | 'inline' | 'none';

export interface AttachmentInfo {
  filename: string;
  contentType: string;
  /** File names inside it when it is a ZIP archive we could list; null when it is not or could not be read. */
  entries: string[] | null;
  /** True when a ZIP entry is encrypted (a password-protected archive). */
  encrypted: boolean;
}

export interface LinkInfo {
  href: string;
  /** The visible text of the link (HTML) or '' for a bare URL in plain text. */
  text: string;
}

/** SPF, DKIM and DMARC outcomes as RFC 8601 result words (pass, fail, softfail, neutral, none, temperror, permerror). */
export interface AuthOutcome {
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  /** Where the outcome comes from: our own check (mailauth) or the company's mail server's Authentication-Results. */
  source: 'checked' | 'header' | 'none';
}

export interface OriginalMail {
  kind: OriginalKind;
  fromAddress: string | null;
  fromName: string | null;
  replyTo: string | null;
  subject: string | null;
  /** Plain text of the body (HTML reduced to text when there is no text part), cut to a sane length. */
  text: string;
  links: LinkInfo[];
  attachments: AttachmentInfo[];
  auth: AuthOutcome;
}

export interface AnalysisContext {
  /** The company's own verified domains and other domains it deals with (suppliers), lower case. */
  ownDomains: string[];
  /** Registration dates found for domains (sender and links); a domain missing here was not looked up. */
  registeredAt: ReadonlyMap<string, Date>;
  now: Date;
}
