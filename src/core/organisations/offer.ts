/**
 * Campaign offers of an organisation to its member companies (issue 11): a training challenge ("every staff member
 * finishes these lessons by …") or a phishing test (a template from the catalogue, to be run within a window of
 * dates). Pure rules: validation of the form, when an offer is open, and which figures the organisation may see.
 * Who sees what: docs/organisations.md, section "Offers".
 */
import { MIN_CELL_COMPANIES } from '../stats/cells.ts';
import { LOCALES } from '../locale.ts';
import type { AnnouncementTexts } from './organisation.ts';
import { isCalendarDate } from '../calendar-date.ts';
export { isCalendarDate } from '../calendar-date.ts';

export const OFFER_KINDS = ['training_challenge', 'phishing_test'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const OFFER_ANSWERS = ['accepted', 'declined'] as const;
export type OfferAnswer = (typeof OFFER_ANSWERS)[number];

/** Bounds of one offer (same text sizes as announcements). Reviewed 2026-12; docs/organisations.md. */
export const OFFER_LIMITS = { title: 120, body: 2000, maxLessons: 12, maxDaysAhead: 366, maxWindowDays: 92 } as const;

export function isOfferKind(v: unknown): v is OfferKind {
  return typeof v === 'string' && (OFFER_KINDS as readonly string[]).includes(v);
}

export interface OfferDraft {
  kind: OfferKind;
  texts: AnnouncementTexts;
  lessons: string[];
  templateId: string | null;
  startsOn: string;
  endsOn: string;
}

export type OfferField = 'kind' | 'texts' | 'lessons' | 'templateId' | 'startsOn' | 'endsOn';
export type OfferProblem = 'required' | 'texts' | 'lessons' | 'template' | 'date' | 'past' | 'too_far' | 'order' | 'window';

export interface OfferInput {
  kind: unknown;
  /** title_<locale> and body_<locale> as typed. */
  texts: Record<string, unknown>;
  lessons: unknown;
  templateId: unknown;
  startsOn: unknown;
  endsOn: unknown;
}



export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Made once, not per call: building a DateTimeFormat with a time zone loads ICU zone data and costs far more than
// formatting with it (it showed in the page profiles of issue 13); ECMA-402 formatters are immutable, so sharing is safe.
const BRUSSELS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Belgium (Europe/Brussels), the date that counts for "in the future". */
export function brusselsDate(now: Date): string {
  return BRUSSELS_DAY.format(now);
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Checks an offer as typed in the form. `today` is the Brussels date; every date must lie after it ("dates in the
 * future"), at most a year ahead; a phishing window runs at most OFFER_LIMITS.maxWindowDays. The texts follow the
 * announcement rule: one or more of the four languages, each with both a title and a text.
 */
export function validateOffer(
  input: OfferInput,
  today: string,
  catalogue: { lessons: readonly string[]; templates: readonly string[] },
): { ok: true; draft: OfferDraft } | { ok: false; problems: Partial<Record<OfferField, OfferProblem>> } {
  const problems: Partial<Record<OfferField, OfferProblem>> = {};
  const kind = isOfferKind(input.kind) ? input.kind : null;
  if (!kind) problems.kind = 'required';

  const texts: AnnouncementTexts = {};
  let textsOk = true;
  for (const l of LOCALES) {
    const rawTitle = input.texts[`title_${l}`];
    const rawBody = input.texts[`body_${l}`];
    if ((rawTitle !== undefined && typeof rawTitle !== 'string') || (rawBody !== undefined && typeof rawBody !== 'string')) textsOk = false;
    const title = str(rawTitle);
    const body = str(rawBody);
    if (title.length > OFFER_LIMITS.title || body.length > OFFER_LIMITS.body || (title === '') !== (body === '')) textsOk = false;
    else if (title !== '') texts[l] = { title, body };
  }
  if (!textsOk || Object.keys(texts).length === 0) problems.texts = 'texts';

  const rawLessons = input.lessons === undefined ? [] : [input.lessons].flat();
  const lessons = [...new Set(rawLessons.filter((x): x is string => typeof x === 'string'))];
  let templateId: string | null = null;
  if (kind === 'training_challenge') {
    const allKnown = rawLessons.length === lessons.length && lessons.every((l) => catalogue.lessons.includes(l));
    if (lessons.length === 0 || lessons.length > OFFER_LIMITS.maxLessons || !allKnown) problems.lessons = 'lessons';
  }
  if (kind === 'phishing_test') {
    templateId = str(input.templateId);
    if (!catalogue.templates.includes(templateId)) problems.templateId = 'template';
  }

  const endsOn = str(input.endsOn);
  const latest = addDays(today, OFFER_LIMITS.maxDaysAhead);
  // A training challenge runs from the day it is offered; a phishing test from the first day of its window.
  let startsOn = today;
  if (kind === 'phishing_test') {
    startsOn = str(input.startsOn);
    if (!isCalendarDate(startsOn)) problems.startsOn = 'date';
    else if (startsOn <= today) problems.startsOn = 'past';
    else if (startsOn > latest) problems.startsOn = 'too_far';
  }
  if (!isCalendarDate(endsOn)) problems.endsOn = 'date';
  else if (endsOn <= today) problems.endsOn = 'past';
  else if (endsOn > addDays(latest, kind === 'phishing_test' ? OFFER_LIMITS.maxWindowDays : 0)) problems.endsOn = 'too_far';
  else if (kind === 'phishing_test' && !problems.startsOn) {
    if (endsOn < startsOn) problems.endsOn = 'order';
    else if (endsOn > addDays(startsOn, OFFER_LIMITS.maxWindowDays - 1)) problems.endsOn = 'window';
  }

  if (Object.keys(problems).length > 0 || !kind) return { ok: false, problems };
  return {
    ok: true,
    draft: { kind, texts, lessons: kind === 'training_challenge' ? lessons : [], templateId: kind === 'phishing_test' ? templateId : null, startsOn, endsOn },
  };
}

/** An offer members can still answer: not withdrawn and its last day not past. */
export function isOfferOpen(offer: { withdrawnAt: string | null; endsOn: string }, today: string): boolean {
  return offer.withdrawnAt === null && offer.endsOn >= today;
}

/** What accepting companies that count in the organisation's figures did, summed (never per company). */
export interface OfferTotals {
  /** Member companies that accepted and count in the organisation's figures. */
  accepted: number;
  /** Training challenge: companies with invited staff, their invited staff, and those who finished every lesson. */
  training?: { companies: number; invited: number; finished: number };
  /** Phishing test: companies whose campaigns from the offer sent mail; mails sent, reported, clicked. */
  phishing?: { companies: number; sent: number; reported: number; clicked: number };
}

export type OfferOutcome =
  | { kind: 'training_challenge'; companies: number; invitedStaff: number; finishedShare: number }
  | { kind: 'phishing_test'; companies: number; sent: number; reportRate: number; clickRate: number };

export interface OfferFigures {
  /** null while fewer than MIN_CELL_COMPANIES companies accepted. */
  accepted: number | null;
  /** null while fewer than MIN_CELL_COMPANIES companies stand behind the outcome. */
  outcome: OfferOutcome | null;
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/**
 * The figures an organisation may see about one offer. The small-cell rule (docs/statistics.md, MIN_CELL_COMPANIES):
 * no number is shown that fewer than 10 companies stand behind, the count of accepting companies included. An offer
 * has no margins or totals across cells, so complementary suppression has nothing to protect here; the outcome's
 * numbers all come from the one set of companies behind it.
 */
export function offerFigures(kind: OfferKind, totals: OfferTotals, minimum = MIN_CELL_COMPANIES): OfferFigures {
  const accepted = totals.accepted >= minimum ? totals.accepted : null;
  let outcome: OfferOutcome | null = null;
  if (kind === 'training_challenge' && totals.training && totals.training.companies >= minimum && totals.training.invited > 0) {
    const t = totals.training;
    outcome = { kind, companies: t.companies, invitedStaff: t.invited, finishedShare: pct(t.finished, t.invited) };
  }
  if (kind === 'phishing_test' && totals.phishing && totals.phishing.companies >= minimum && totals.phishing.sent > 0) {
    const p = totals.phishing;
    outcome = { kind, companies: p.companies, sent: p.sent, reportRate: pct(p.reported, p.sent), clickRate: pct(p.clicked, p.sent) };
  }
  return { accepted, outcome };
}
