/**
 * Links in a reported mail and what is wrong with them. Pure: HTML/text in, links and reason codes out.
 * The signs follow the Safeonweb/CCB advice on recognising phishing ("check where a link really goes") and the
 * lookalike generator of the domain scan (src/core/scan/lookalike.ts).
 */
import { parse } from 'tldts';
import type { LinkInfo } from './types.ts';

const MAX_LINKS = 200;

/** Common public URL shorteners: a short link hides where it goes. Kept short and generic on purpose. */
export const URL_SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'rb.gy', 't.ly', 'tiny.cc', 'bl.ink', 's.id', 'lnkd.in',
]);

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&nbsp;/gi, ' ');
}

/** Visible text of an HTML fragment (tags dropped, entities decoded, spaces collapsed). */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/tr>/gi, '\n')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** Links of the HTML part (href and visible text) and bare http(s) URLs of the text part, without duplicates. */
export function extractLinks(html: string | null, text: string): LinkInfo[] {
  const links: LinkInfo[] = [];
  const seen = new Set<string>();
  const push = (href: string, label: string) => {
    const key = `${href}\u0000${label}`;
    if (seen.has(key) || links.length >= MAX_LINKS) return;
    seen.add(key);
    links.push({ href, text: label });
  };
  if (html) {
    for (const m of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a>/gi)) {
      const href = decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim());
      if (/^https?:\/\//i.test(href)) push(href, htmlToText(m[4] ?? ''));
    }
  }
  for (const m of text.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) push(m[0].replace(/[.,;:!?]+$/, ''), '');
  return links;
}

/** Lower-case host of an http(s) URL, or null. */
export function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/** The registrable domain (`shop.example.co.uk` → `example.co.uk`), per the Public Suffix List (tldts). */
export function registrableDomain(host: string): string | null {
  return parse(host, { allowPrivateDomains: true }).domain ?? null;
}

export function isIpHost(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** A domain written in the visible text of a link ("www.mybank.be", "https://mybank.be/login"), or null. */
export function domainShownIn(text: string): string | null {
  const m = /(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?=$|[\s/:?#])/i.exec(text.trim());
  if (!m?.[1]) return null;
  return registrableDomain(m[1].toLowerCase());
}
