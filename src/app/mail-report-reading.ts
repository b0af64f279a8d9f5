/**
 * Reading a reported mail: MIME parsing (mailparser), finding the forwarded original, and its SPF/DKIM/DMARC
 * outcome (mailauth, with DNS through an injected resolver). The I/O half of the analysis; the judgement is pure, in
 * src/core/mail-report/.
 */
// mailparser and mailauth are loaded with the first reported mail, not at start: together about 40 MiB of memory
// that a web process which never reads a report would hold for nothing (bench/README.md, memory).
import type { AddressObject, ParsedMail } from 'mailparser';
import { listZip, extensionOf } from '../core/mail-report/attachments.ts';
import { extractLinks, htmlToText } from '../core/mail-report/links.ts';
import { inlineForwarded, parseAuthenticationResults } from '../core/mail-report/signals.ts';
import type { AttachmentInfo, AuthOutcome, OriginalMail } from '../core/mail-report/types.ts';

/** A DNS lookup as mailauth calls it (name, record type) → records, throwing ENOTFOUND/ENODATA like node:dns. */
export type DnsLookup = (name: string, rrtype: string) => Promise<unknown>;

export interface ReadMail {
  /** The forwarding message itself (the employee's). */
  outer: { fromAddress: string | null; autoSubmitted: string | null; precedence: string | null; listId: boolean };
  original: OriginalMail;
  /** The original as bytes when it was attached (to pass it on as it was); null otherwise. */
  originalRaw: Buffer | null;
  /** Every decoded text we saw, at every level (headers, bodies, attachments), to look for a simulation token. */
  texts: string[];
}

const MAX_TEXT = 100_000;
const MAX_DEPTH = 3;
const AUTH_TIMEOUT_MS = 20_000;
const PARSE_OPTIONS = { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 2_000_000 } as const;

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) for (const v of obj.value) if (v.address) return { address: v.address.toLowerCase(), name: v.name || null };
  return { address: null, name: null };
}

function headerText(p: ParsedMail): string {
  return p.headerLines.map((h) => h.line).join('\n').slice(0, MAX_TEXT);
}

function headerValue(p: ParsedMail, name: string): string | null {
  const line = p.headerLines.find((h) => h.key === name)?.line;
  return line ? line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

function isMessage(a: { contentType: string; filename?: string | undefined }): boolean {
  return /^message\/rfc822\b/i.test(a.contentType) || extensionOf(a.filename ?? '') === 'eml';
}

function attachmentInfo(p: ParsedMail): AttachmentInfo[] {
  return p.attachments
    .filter((a) => !isMessage(a))
    .slice(0, 50)
    .map((a) => {
      const filename = a.filename ?? '';
      const zip = extensionOf(filename) === 'zip' || /zip/i.test(a.contentType) ? listZip(a.content) : null;
      return { filename, contentType: a.contentType, entries: zip?.entries ?? null, encrypted: zip?.encrypted ?? false };
    });
}

function bodyText(p: ParsedMail): string {
  const html = typeof p.html === 'string' ? p.html : null;
  return (p.text && p.text.trim() ? p.text : html ? htmlToText(html) : '').slice(0, MAX_TEXT);
}

async function parse(raw: Buffer): Promise<ParsedMail> {
  const { simpleParser } = await import('mailparser');
  return simpleParser(raw, PARSE_OPTIONS);
}

/** SPF, DKIM and DMARC of an attached original: our own check first, else the company's server's Authentication-Results. */
async function authOf(raw: Buffer, parsed: ParsedMail, resolver: DnsLookup): Promise<AuthOutcome> {
  let checked: AuthOutcome = { spf: null, dkim: null, dmarc: null, source: 'checked' };
  // Loaded outside the try: a missing package is an installation fault to report, not an unauthenticated mail.
  const { authenticate } = await import('mailauth');
  try {
    // trustReceived: the newest Received header was written by the company's own mail server when it took the mail
    // from the sender, so its client address is the one SPF must judge (RFC 7208 §2.4, "client IP").
    // Bounded, so a sender's deliberately slow DNS cannot hold the answer past the minute promised to the employee.
    const r = await Promise.race([
      authenticate(raw, { trustReceived: true, resolver: resolver as never, mta: 'schild-mail-in', disableArc: true, disableBimi: true }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('authentication timed out')), AUTH_TIMEOUT_MS).unref()),
    ]);
    const dkimResults = r.dkim?.results ?? [];
    const dkimPass = dkimResults.find((d) => d.status?.result === 'pass');
    checked = {
      spf: r.spf ? r.spf.status.result : null,
      dkim: dkimPass ? 'pass' : (dkimResults[0]?.status?.result ?? null),
      dmarc: r.dmarc ? r.dmarc.status.result : null,
      source: 'checked',
    };
  } catch {
    checked = { spf: null, dkim: null, dmarc: null, source: 'checked' };
  }
  if (checked.dmarc === 'pass' || checked.dmarc === 'fail') return checked;
  // RFC 8601 §5: only the header of the server that received the mail is trusted — the topmost one.
  const ar = headerValue(parsed, 'authentication-results');
  if (ar) {
    const h = parseAuthenticationResults(ar);
    if (h.dmarc || h.spf || h.dkim) return { ...h, source: 'header' };
  }
  return checked.spf || checked.dkim || checked.dmarc ? checked : { spf: null, dkim: null, dmarc: null, source: 'none' };
}

/** The first attached message (depth first, at most MAX_DEPTH levels), with its bytes. */
async function findAttachedMessage(p: ParsedMail, texts: string[], depth: number): Promise<{ raw: Buffer; parsed: ParsedMail } | null> {
  let found: { raw: Buffer; parsed: ParsedMail } | null = null;
  for (const a of p.attachments.slice(0, 50)) {
    if (isMessage(a)) {
      if (depth >= MAX_DEPTH) continue;
      const inner = await parse(a.content);
      texts.push(headerText(inner), inner.text ?? '', typeof inner.html === 'string' ? inner.html : '');
      const deeper = await findAttachedMessage(inner, texts, depth + 1);
      found ??= { raw: a.content, parsed: inner };
      // A forward of a forward: the innermost attached message is the original.
      if (deeper) found = deeper;
    } else if (/^text\//i.test(a.contentType) && a.content.length <= MAX_TEXT) {
      texts.push(a.content.toString('utf8'));
    }
  }
  return found;
}

export async function readReportedMail(raw: Buffer, resolver: DnsLookup): Promise<ReadMail> {
  const outer = await parse(raw);
  const outerHtml = typeof outer.html === 'string' ? outer.html : null;
  const texts = [headerText(outer), outer.text ?? '', outerHtml ?? ''];
  const attached = await findAttachedMessage(outer, texts, 0);
  const outerInfo = {
    fromAddress: firstAddress(outer.from).address,
    autoSubmitted: headerValue(outer, 'auto-submitted'),
    precedence: headerValue(outer, 'precedence'),
    listId: headerValue(outer, 'list-id') !== null,
  };
  if (attached) {
    const p = attached.parsed;
    const from = firstAddress(p.from);
    const html = typeof p.html === 'string' ? p.html : null;
    const text = bodyText(p);
    return {
      outer: outerInfo,
      original: {
        kind: 'attachment',
        fromAddress: from.address,
        fromName: from.name,
        replyTo: firstAddress(p.replyTo).address,
        subject: p.subject ?? null,
        text,
        links: extractLinks(html, text),
        attachments: attachmentInfo(p),
        auth: await authOf(attached.raw, p, resolver),
      },
      originalRaw: attached.raw,
      texts,
    };
  }
  const text = bodyText(outer);
  const inline = inlineForwarded(text);
  const none: AuthOutcome = { spf: null, dkim: null, dmarc: null, source: 'none' };
  return {
    outer: outerInfo,
    original: {
      kind: inline ? 'inline' : 'none',
      fromAddress: inline?.fromAddress ?? null,
      fromName: inline?.fromName ?? null,
      replyTo: null,
      subject: inline?.subject ?? outer.subject ?? null,
      text,
      links: extractLinks(outerHtml, text),
      attachments: attachmentInfo(outer),
      auth: none,
    },
    originalRaw: null,
    texts,
  };
}
