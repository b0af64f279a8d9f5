/** Campaign offers of organisations, the member companies' answers, and campaigns run from an offer (migration 019). */
import { sql } from 'kysely';
import { isOfferKind, type OfferAnswer, type OfferKind, type OfferTotals } from '../../core/organisations/offer.ts';
import type { AnnouncementTexts } from '../../core/organisations/organisation.ts';
import type { Conn } from './types.ts';
import { parseJson } from './json-column.ts';
import { prepared } from '../prepared.ts';

export interface Offer {
  id: string;
  organisationId: string;
  kind: OfferKind;
  texts: AnnouncementTexts;
  lessons: string[];
  templateId: string | null;
  startsOn: string;
  endsOn: string;
  createdAt: string;
  withdrawnAt: string | null;
}

type Row = { id: string; organisation_id: string; kind: string; texts: string; lessons: string; template_id: string | null; starts_on: string; ends_on: string; created_at: string; withdrawn_at: string | null };

function toOffer(r: Row): Offer {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: isOfferKind(r.kind) ? r.kind : 'training_challenge',
    texts: parseJson<AnnouncementTexts>(r.texts, {}),
    lessons: parseJson<string[]>(r.lessons, []),
    templateId: r.template_id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    createdAt: r.created_at,
    withdrawnAt: r.withdrawn_at,
  };
}

const COLUMNS = ['o.id', 'o.organisation_id', 'o.kind', 'o.texts', 'o.lessons', 'o.template_id', 'o.starts_on', 'o.ends_on', 'o.created_at', 'o.withdrawn_at'] as const;

export async function insertOffer(db: Conn, o: Omit<Offer, 'withdrawnAt' | 'createdAt'> & { createdBy: string; now: string }): Promise<void> {
  await db
    .insertInto('organisation_offers')
    .values({
      id: o.id,
      organisation_id: o.organisationId,
      kind: o.kind,
      texts: JSON.stringify(o.texts),
      lessons: JSON.stringify(o.lessons),
      template_id: o.templateId,
      starts_on: o.startsOn,
      ends_on: o.endsOn,
      created_by: o.createdBy,
      created_at: o.now,
      withdrawn_at: null,
    })
    .execute();
}

export async function withdrawOffer(db: Conn, organisationId: string, id: string, now: string): Promise<boolean> {
  const r = await db.updateTable('organisation_offers').set({ withdrawn_at: now }).where('id', '=', id).where('organisation_id', '=', organisationId).where('withdrawn_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listOffersOfOrganisation(db: Conn, organisationId: string, limit = 50): Promise<Offer[]> {
  const rows = await db.selectFrom('organisation_offers as o').select(COLUMNS).where('o.organisation_id', '=', organisationId).orderBy('o.created_at', 'desc').limit(limit).execute();
  return rows.map(toOffer);
}

export interface CompanyOffer extends Offer {
  organisationName: string;
  answer: OfferAnswer | null;
}

/**
 * The offers a company sees: from organisations it belongs to now, not withdrawn, last day not past, joined with the
 * company's answer if it gave one. One definition for the list and for the home's badge, so they cannot disagree.
 */
function openOffersFor(db: Conn, companyId: string, today: string) {
  return db
    .selectFrom('organisation_offers as o')
    .innerJoin('organisation_members as m', (j) => j.onRef('m.organisation_id', '=', 'o.organisation_id').on('m.company_id', '=', companyId))
    .innerJoin('organisations as org', 'org.id', 'o.organisation_id')
    .leftJoin('organisation_offer_responses as r', (j) => j.onRef('r.offer_id', '=', 'o.id').on('r.company_id', '=', companyId))
    .where('o.withdrawn_at', 'is', null)
    .where('o.ends_on', '>=', today);
}

export async function listOffersForCompany(db: Conn, companyId: string, today: string, limit = 20): Promise<CompanyOffer[]> {
  const rows = await openOffersFor(db, companyId, today).select([...COLUMNS, 'org.name as organisation_name', 'r.answer']).orderBy('o.created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...toOffer(r), organisationName: r.organisation_name, answer: r.answer === 'accepted' || r.answer === 'declined' ? r.answer : null }));
}

const unansweredOffers = prepared(['companyId', 'today'], (db, p: { companyId: string; today: string }) =>
  openOffersFor(db, p.companyId, p.today)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => eb.or([eb('r.answer', 'is', null), eb('r.answer', 'not in', ['accepted', 'declined'])])),
);

/**
 * How many open offers the company has not answered yet (the company home's badge): the same offers as
 * listOffersForCompany, counted by the database instead of read with their texts.
 */
export async function countUnansweredOffersForCompany(db: Conn, companyId: string, today: string): Promise<number> {
  return Number((await unansweredOffers.first(db, { companyId, today }))?.n ?? 0);
}

/** One offer as its member company sees it (undefined when the company is not a member of the offering organisation). */
export async function findOfferForCompany(db: Conn, companyId: string, offerId: string): Promise<CompanyOffer | undefined> {
  const r = await db
    .selectFrom('organisation_offers as o')
    .innerJoin('organisation_members as m', (j) => j.onRef('m.organisation_id', '=', 'o.organisation_id').on('m.company_id', '=', companyId))
    .innerJoin('organisations as org', 'org.id', 'o.organisation_id')
    .leftJoin('organisation_offer_responses as r', (j) => j.onRef('r.offer_id', '=', 'o.id').on('r.company_id', '=', companyId))
    .select([...COLUMNS, 'org.name as organisation_name', 'r.answer'])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
  return r && { ...toOffer(r), organisationName: r.organisation_name, answer: r.answer === 'accepted' || r.answer === 'declined' ? r.answer : null };
}

/** Records or changes a company's answer; returns the previous answer (null when it is the first). */
export async function upsertResponse(db: Conn, r: { offerId: string; companyId: string; answer: OfferAnswer; answeredBy: string; now: string }): Promise<OfferAnswer | null> {
  const previous = await db.selectFrom('organisation_offer_responses').select('answer').where('offer_id', '=', r.offerId).where('company_id', '=', r.companyId).executeTakeFirst();
  if (previous) {
    await db.updateTable('organisation_offer_responses').set({ answer: r.answer, answered_by: r.answeredBy, answered_at: r.now }).where('offer_id', '=', r.offerId).where('company_id', '=', r.companyId).execute();
    return previous.answer === 'accepted' ? 'accepted' : 'declined';
  }
  await db.insertInto('organisation_offer_responses').values({ offer_id: r.offerId, company_id: r.companyId, answer: r.answer, answered_by: r.answeredBy, answered_at: r.now }).execute();
  return null;
}

export async function linkCampaign(db: Conn, r: { offerId: string; companyId: string; campaignId: string; now: string }): Promise<void> {
  await db.insertInto('organisation_offer_campaigns').values({ offer_id: r.offerId, company_id: r.companyId, campaign_id: r.campaignId, created_at: r.now }).execute();
}

/**
 * Sums over the member companies that accepted the offer and count in the organisation's figures (the consent
 * rule of docs/statistics.md); bounded to those companies, so it is cheap at request time. Never per company.
 */
export async function offerTotals(db: Conn, offer: Offer): Promise<OfferTotals> {
  const accepting = db
    .selectFrom('organisation_offer_responses as r')
    .innerJoin('organisation_members as m', (j) => j.onRef('m.company_id', '=', 'r.company_id').on('m.organisation_id', '=', offer.organisationId))
    .select('r.company_id')
    .where('r.offer_id', '=', offer.id)
    .where('r.answer', '=', 'accepted')
    .where('m.counts_in_figures', '=', 1);
  const acc = await db.selectFrom(accepting.as('a')).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const totals: OfferTotals = { accepted: Number(acc.n) };

  if (offer.kind === 'training_challenge' && offer.lessons.length > 0) {
    // A learner finished when every lesson of the challenge has a completion on or before its last day (Brussels
    // dates compared as UTC text: an evening completion may fall on the next UTC day, never earlier).
    const until = `${offer.endsOn}T23:59:59.999Z`;
    const learners = await db
      .selectFrom('training_learners as l')
      .leftJoin('training_progress as p', (j) =>
        j.onRef('p.learner_id', '=', 'l.id').on('p.lesson_id', 'in', offer.lessons).on('p.completed_at', 'is not', null).on('p.completed_at', '<=', until),
      )
      .select(['l.company_id', 'l.id', (eb) => eb.fn.count<string | number>('p.lesson_id').distinct().as('done')])
      .where('l.company_id', 'in', accepting)
      .where('l.revoked_at', 'is', null)
      .groupBy(['l.company_id', 'l.id'])
      .execute();
    totals.training = {
      companies: new Set(learners.map((l) => l.company_id)).size,
      invited: learners.length,
      finished: learners.filter((l) => Number(l.done) >= offer.lessons.length).length,
    };
  }

  if (offer.kind === 'phishing_test') {
    const r = await db
      .selectFrom('organisation_offer_campaigns as oc')
      .innerJoin('phishing_recipients as pr', 'pr.campaign_id', 'oc.campaign_id')
      .select([
        (eb) => eb.fn.count<string | number>('oc.company_id').distinct().as('companies'),
        (eb) => eb.fn.countAll<string | number>().as('sent'),
        sql<string | number>`sum(case when pr.reported_at is not null then 1 else 0 end)`.as('reported'),
        sql<string | number>`sum(case when pr.clicked_at is not null then 1 else 0 end)`.as('clicked'),
      ])
      .where('oc.offer_id', '=', offer.id)
      .where('oc.company_id', 'in', accepting)
      .where('pr.sent_at', 'is not', null)
      .executeTakeFirstOrThrow();
    totals.phishing = { companies: Number(r.companies), sent: Number(r.sent), reported: Number(r.reported ?? 0), clicked: Number(r.clicked ?? 0) };
  }
  return totals;
}

/** The owners of member companies that did not opt out of the organisation's mail, with their company (one mail each). */
export async function offerRecipients(db: Conn, organisationId: string): Promise<{ email: string; language: string; companyId: string; companyName: string }[]> {
  const rows = await db
    .selectFrom('organisation_members as m')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .innerJoin('memberships as ms', 'ms.company_id', 'm.company_id')
    .innerJoin('users as u', 'u.id', 'ms.user_id')
    .select(['u.email', 'c.language', 'c.id', 'c.name'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.announcement_mail', '=', 1)
    .where('ms.role', '=', 'owner')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ email: r.email, language: r.language, companyId: r.id, companyName: r.name }));
}
