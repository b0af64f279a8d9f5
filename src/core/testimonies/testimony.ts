/**
 * Testimonies: a company's own story of an incident, shared with explicit consent, published only after an
 * administrator's review, and withdrawn at any time (docs/testimonies.md). Pure rules: statuses and their moves, the
 * limits of the texts, and which published stories an article shows.
 */
import type { Locale } from '../locale.ts';

export const TESTIMONY_STATUSES = ['pending', 'published', 'rejected', 'withdrawn'] as const;
export type TestimonyStatus = (typeof TESTIMONY_STATUSES)[number];

/** Long enough to tell what happened, short enough to read on a phone beside an article. */
export const LIMITS = { story: { min: 40, max: 2000 }, lesson: { min: 20, max: 1000 }, note: 1000 } as const;

/** How many stories an article shows beside it. */
export const ARTICLE_TESTIMONIES = 3;

export interface Testimony {
  id: string;
  companyId: string;
  incidentId: string;
  threats: string[];
  lang: Locale;
  story: string;
  lesson: string;
  sectorSection: string | null;
  sizeBand: string | null;
  publishedStory: string | null;
  publishedLesson: string | null;
  status: TestimonyStatus;
  consentBy: string | null;
  consentAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  withdrawnAt: string | null;
}

/** What a public page may show of a published testimony: never the company, never the text before review. */
export interface PublicTestimony {
  id: string;
  threats: string[];
  lang: Locale;
  story: string;
  lesson: string;
  sector: string | null;
  sizeBand: string | null;
  publishedAt: string;
}

/** A testimony still in play: while one is pending or published, the incident gets no second one. */
export function isActive(t: Pick<Testimony, 'status'>): boolean {
  return t.status === 'pending' || t.status === 'published';
}

/** The owner may withdraw consent at any time while the story is under review or public (GDPR Art. 7(3)). */
export function canWithdraw(t: Pick<Testimony, 'status'>): boolean {
  return isActive(t);
}

/** The administrator publishes a pending story; a published one can still be taken down (rejected) later. */
export function canReview(t: Pick<Testimony, 'status'>, decision: 'publish' | 'reject'): boolean {
  return decision === 'publish' ? t.status === 'pending' : isActive(t);
}

/**
 * Plain text only: no mark-up (it would show as code, and a link hidden in it would escape the check) and no control
 * characters other than line breaks and tabs. Returns the text with its line ends made uniform and outer spaces trimmed.
 */
export function plainText(s: string): string | null {
  const text = s.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  // \p{Cc} is every control character; line breaks (\n) and tabs are the ones plain text may hold.
  if (/<\s*[a-z/!]/i.test(text) || /[^\P{Cc}\n\t]/u.test(text)) return null;
  return text;
}

/**
 * The published stories an article shows: those sharing a threat with the article, most shared threats first, then
 * those written in the page's language, then the newest; at most `max`.
 */
export function pickForArticle(list: readonly PublicTestimony[], articleThreats: readonly string[], locale: Locale, max = ARTICLE_TESTIMONIES): PublicTestimony[] {
  const overlap = (t: PublicTestimony) => t.threats.filter((x) => articleThreats.includes(x)).length;
  return list
    .filter((t) => overlap(t) > 0)
    .sort((a, b) => overlap(b) - overlap(a) || Number(b.lang === locale) - Number(a.lang === locale) || b.publishedAt.localeCompare(a.publishedAt))
    .slice(0, max);
}
