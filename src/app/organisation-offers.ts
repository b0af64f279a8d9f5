/**
 * Campaign offers between an organisation and its member companies: the staff create or withdraw an offer (mailed
 * to member owners who did not opt out), a company accepts or declines it (audit logged on both sides), accepting
 * leads to the company's training or phishing page, and the organisation sees only aggregated outcomes from
 * MIN_CELL_COMPANIES companies on. Rules: docs/organisations.md, section "Offers".
 */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import { isLocale } from '../core/locale.ts';
import { addDays, brusselsDate, isOfferOpen, offerFigures, validateOffer, type OfferAnswer, type OfferField, type OfferFigures, type OfferInput, type OfferKind, type OfferProblem } from '../core/organisations/offer.ts';
import { announcementIn } from '../core/organisations/organisation.ts';
import { loadContent } from '../adapters/content.ts';
import {
  findOfferForCompany,
  insertOffer,
  linkCampaign,
  listOffersForCompany,
  countUnansweredOffersForCompany,
  listOffersOfOrganisation,
  offerRecipients,
  offerTotals,
  upsertResponse,
  withdrawOffer,
  type CompanyOffer,
  type Offer,
} from '../db/repositories/offer.repository.ts';
import type { Organisation } from '../db/repositories/organisation.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { parseStart } from './phishing-campaigns.ts';
import { consume, HOUR } from './rate-limit.ts';
import { transact } from '../db/transaction.ts';

/** Each offer mails every member owner, like an announcement: the same daily bound (OWASP ASVS 4.0.3 §11.1.4). */
export const OFFERS_PER_DAY = { max: 5, windowMs: 24 * HOUR };

export function todayIn(deps: AppDeps): string {
  return brusselsDate(deps.clock.now());
}

export function offerCatalogue(): { lessons: string[]; templates: string[] } {
  const content = loadContent();
  return { lessons: content.lessons.map((l) => l.id), templates: [...content.phishing.templates.keys()] };
}

export type CreateOfferResult = Result<{ offerId: string; mailed: number }, 'rate_limited'> | { ok: false; error: 'invalid'; problems: Partial<Record<OfferField, OfferProblem>> };

/** Validates, stores and mails an offer in one transaction: either all of it happens or nothing. */
export async function createOffer(deps: AppDeps, org: Organisation, actor: User, input: OfferInput, meta: RequestMeta): Promise<CreateOfferResult> {
  const checked = validateOffer(input, todayIn(deps), offerCatalogue());
  if (!checked.ok) return { ok: false, error: 'invalid', problems: checked.problems };
  const limited = await consume(deps, [{ key: `org-offer:${org.id}`, ...OFFERS_PER_DAY }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const draft = checked.draft;
  const now = deps.clock.now().toISOString();
  const id = randomUUID();
  const mailed = await transact(deps.db, async (trx) => {
    await insertOffer(trx, { id, organisationId: org.id, ...draft, createdBy: actor.id, now });
    let count = 0;
    for (const r of await offerRecipients(trx, org.id)) {
      const language = isLocale(r.language) ? r.language : 'nl';
      const text = announcementIn(draft.texts, language);
      if (!text) continue;
      await queueMail(deps, trx, r.email, language, {
        subject: `mail.org_offer.subject.${draft.kind}`,
        intro: 'mail.org_offer.intro',
        action: { label: 'mail.org_offer.action', url: `${deps.config.baseUrl}/${language}/companies/${r.companyId}/organisations#offer-${id}` },
        outro: 'mail.org_offer.outro',
        params: { organisation: org.name, title: text.title, body: text.body, company: r.companyName },
      });
      count++;
    }
    await audit(deps, trx, { type: 'organisation.offer_created', organisationId: org.id, userId: actor.id, ip: meta.ip, detail: { offerId: id, kind: draft.kind, mailed: count } });
    return count;
  });
  deps.kickWorker();
  return { ok: true, offerId: id, mailed };
}

export async function withdrawOfferOf(deps: AppDeps, organisationId: string, actor: User, offerId: string, meta: RequestMeta): Promise<boolean> {
  return transact(deps.db, async (trx) => {
    if (!(await withdrawOffer(trx, organisationId, offerId, deps.clock.now().toISOString()))) return false;
    await audit(deps, trx, { type: 'organisation.offer_withdrawn', organisationId, userId: actor.id, ip: meta.ip, detail: { offerId } });
    return true;
  });
}

export interface OfferWithFigures {
  offer: Offer;
  open: boolean;
  figures: OfferFigures;
}

/** The organisation's offers, each with the figures it may see (nulls under the small-cell threshold). */
export async function offersOfOrganisation(deps: AppDeps, organisationId: string): Promise<OfferWithFigures[]> {
  const today = todayIn(deps);
  const offers = await listOffersOfOrganisation(deps.db, organisationId);
  const out: OfferWithFigures[] = [];
  for (const offer of offers) out.push({ offer, open: isOfferOpen(offer, today), figures: offerFigures(offer.kind, await offerTotals(deps.db, offer)) });
  return out;
}

export async function offersForCompany(deps: AppDeps, companyId: string): Promise<CompanyOffer[]> {
  return listOffersForCompany(deps.db, companyId, todayIn(deps));
}

/** How many open offers wait for the company's answer (the company home's badge). */
export async function unansweredOfferCount(deps: AppDeps, companyId: string): Promise<number> {
  return countUnansweredOffersForCompany(deps.db, companyId, todayIn(deps));
}

/**
 * A company's owner or admin accepts or declines an open offer of an organisation it belongs to. The event carries
 * both ids, so it shows in the company's log and the organisation's (docs/organisations.md).
 */
export async function answerOffer(deps: AppDeps, companyId: string, actor: User, offerId: string, answer: OfferAnswer, meta: RequestMeta): Promise<Result<{ offer: CompanyOffer }, 'not_found' | 'closed'>> {
  const today = todayIn(deps);
  return transact(deps.db, async (trx) => {
    const offer = await findOfferForCompany(trx, companyId, offerId);
    if (!offer) return { ok: false, error: 'not_found' } as const;
    if (!isOfferOpen(offer, today)) return { ok: false, error: 'closed' } as const;
    const previous = await upsertResponse(trx, { offerId, companyId, answer, answeredBy: actor.id, now: deps.clock.now().toISOString() });
    if (previous !== answer) {
      await audit(deps, trx, {
        type: answer === 'accepted' ? 'organisation.offer_accepted' : 'organisation.offer_declined',
        organisationId: offer.organisationId,
        companyId,
        userId: actor.id,
        ip: meta.ip,
        detail: { offerId, kind: offer.kind },
      });
    }
    return { ok: true, offer: { ...offer, answer } } as const;
  });
}

/** An open offer of the given kind that the company accepted, for the training and phishing pages; else undefined. */
export async function acceptedOffer(deps: AppDeps, companyId: string, offerId: unknown, kind: OfferKind): Promise<CompanyOffer | undefined> {
  if (typeof offerId !== 'string' || !/^[0-9a-f-]{36}$/.test(offerId)) return undefined;
  const offer = await findOfferForCompany(deps.db, companyId, offerId);
  if (!offer || offer.kind !== kind || offer.answer !== 'accepted' || !isOfferOpen(offer, todayIn(deps))) return undefined;
  return offer;
}

/** The training challenges the company accepted and that are still running, for its training page. */
export async function acceptedChallenges(deps: AppDeps, companyId: string): Promise<CompanyOffer[]> {
  return (await offersForCompany(deps, companyId)).filter((o) => o.kind === 'training_challenge' && o.answer === 'accepted');
}

/** Counts a phishing campaign the company planned from an accepted offer (checked by the caller) towards its outcome. */
export async function linkOfferCampaign(deps: AppDeps, offer: CompanyOffer, companyId: string, campaignId: string): Promise<void> {
  await linkCampaign(deps.db, { offerId: offer.id, companyId, campaignId, now: deps.clock.now().toISOString() });
}

/**
 * The new-campaign form opened from an accepted phishing exercise offer: its template, and a start at 09:00 on the
 * first day of the window still ahead (tomorrow at the earliest, so the normal "start in the future" rule holds).
 */
export function phishingOfferDefaults(deps: AppDeps, offer: CompanyOffer): { templateId: string; startsAt: string; weekdaysOnly: string } {
  const tomorrow = addDays(todayIn(deps), 1);
  const day = offer.startsOn >= tomorrow ? offer.startsOn : tomorrow <= offer.endsOn ? tomorrow : offer.endsOn;
  return { templateId: offer.templateId ?? '', startsAt: `${day}T09:00`, weekdaysOnly: 'yes' };
}

/** Whether a campaign start typed in the form falls on a day of the offer's window (Brussels dates, inclusive). */
export function startsWithinOffer(deps: AppDeps, offer: CompanyOffer, startsAt: string): boolean {
  const start = parseStart(startsAt, deps.clock.now());
  if (!start) return false;
  const day = brusselsDate(start);
  return day >= offer.startsOn && day <= offer.endsOn;
}
