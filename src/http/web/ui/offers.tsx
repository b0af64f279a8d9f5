/**
 * Page parts for an organisation's campaign offer shown in other areas: the training challenge on the training
 * page and the phishing exercise note on the new-campaign form. Shared here so no area imports another's routes.
 */
import { announcementIn } from '../../../core/organisations/organisation.ts';
import type { CompanyOffer } from '../../../db/repositories/offer.repository.ts';
import type { PageCtx } from './page-context.ts';
import { Notice } from './components.tsx';

/** A Brussels calendar date (YYYY-MM-DD) written out in the reader's language, e.g. "31 januari 2027". */
import { formatDay } from './components.tsx';

/** Accepted training challenges, each with its lessons and end date; `first` (from ?offer=) comes on top. */
export function TrainingChallenges(p: { ctx: PageCtx; offers: CompanyOffer[]; lessonTitle: (id: string) => string; first?: string | undefined }) {
  const { t, locale } = p.ctx;
  if (p.offers.length === 0) return null;
  const ordered = [...p.offers].sort((a, b) => Number(b.id === p.first) - Number(a.id === p.first));
  return (
    <>
      {ordered.map((o) => {
        const text = announcementIn(o.texts, locale);
        return (
          <section class="card" id={`challenge-${o.id}`} data-testid="challenge" aria-labelledby={`challenge-${o.id}-title`}>
            <h2 id={`challenge-${o.id}-title`}>{t('tchallenge.heading', { organisation: o.organisationName, title: text?.title ?? '' })}</h2>
            {text ? <p lang={text.locale}>{text.body}</p> : null}
            <p>{t('tchallenge.by', { date: formatDay(o.endsOn, locale) })}</p>
            <ul>
              {o.lessons.map((id) => (
                <li>{p.lessonTitle(id)}</li>
              ))}
            </ul>
            <p class="hint">{t('tchallenge.invite')}</p>
          </section>
        );
      })}
    </>
  );
}

/** The note above the new-campaign form when it was opened from an accepted phishing exercise offer. */
export function PhishingOfferNote(p: { ctx: PageCtx; offer: CompanyOffer }) {
  const { t, locale } = p.ctx;
  return (
    <Notice kind="info">
      <span data-testid="phishing-offer">{t('pchallenge.notice', { organisation: p.offer.organisationName, start: formatDay(p.offer.startsOn, locale), end: formatDay(p.offer.endsOn, locale) })}</span>
    </Notice>
  );
}

/** One line on the company home while offers of its organisations wait for an answer, linking to them. */
export function NewOffersLine(p: { ctx: PageCtx; companyId: string; count: number }) {
  if (p.count === 0) return null;
  return (
    <p data-testid="home-offers">
      <a href={`/${p.ctx.locale}/companies/${p.companyId}/organisations#offers-heading`}>{p.ctx.t('coffer.home', { n: p.count })}</a>
    </p>
  );
}
