/** Offers pages: the organisation's list with its form and aggregated figures, and the company's offers section. */
import { LOCALES } from '../../../core/locale.ts';
import { OFFER_KINDS, OFFER_LIMITS } from '../../../core/organisations/offer.ts';
import { announcementIn, orgCan, type OrgRole } from '../../../core/organisations/organisation.ts';
import { MIN_CELL_COMPANIES } from '../../../core/stats/cells.ts';
import type { OfferWithFigures } from '../../../app/organisation-offers.ts';
import type { CompanyOffer } from '../../../db/repositories/offer.repository.ts';
import type { Organisation } from '../../../db/repositories/organisation.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { BarChart } from '../ui/charts.tsx';
import { Choice, colon, Csrf, ErrorSummary, PostButton, TextField, type FieldErrors } from '../ui/components.tsx';
import { formatDay } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { OrgFrame } from './org-views.tsx';

export interface OffersPageProps {
  ctx: PageCtx;
  org: Organisation;
  role: OrgRole;
  items: OfferWithFigures[];
  lessons: { id: string; title: string }[];
  templates: { id: string; title: string; hint: string }[];
  today: string;
  errors?: FieldErrors | undefined;
  general?: string | undefined;
  values?: Record<string, string | string[]> | undefined;
  notice?: MessageKey | undefined;
}

function Figures(p: { ctx: PageCtx; item: OfferWithFigures }) {
  const { t } = p.ctx;
  const { accepted, outcome } = p.item.figures;
  const min = MIN_CELL_COMPANIES;
  const id = p.item.offer.id;
  return (
    <div data-testid="offer-figures">
      <p>{accepted === null ? t('offer.accepted_hidden', { min }) : t('offer.accepted', { n: accepted })}</p>
      {outcome === null ? <p>{t('offer.outcome_hidden', { min })}</p> : null}
      {outcome?.kind === 'training_challenge' ? <p>{t('offer.outcome.training', { share: outcome.finishedShare, staff: outcome.invitedStaff, n: outcome.companies })}</p> : null}
      {outcome?.kind === 'phishing_test' ? (
        <>
          <p>{t('offer.outcome.phishing', { sent: outcome.sent, n: outcome.companies })}</p>
          <BarChart
            id={`offer-${id}`}
            title={t('offer.outcome.share')}
            tableCaption={t('offer.outcome.table')}
            valueHeading={t('offer.outcome.share')}
            rows={[
              { label: t('offer.outcome.reported'), value: outcome.reportRate, valueText: t('offer.outcome.value', { value: outcome.reportRate, sent: outcome.sent }) },
              { label: t('offer.outcome.clicked'), value: outcome.clickRate, valueText: t('offer.outcome.value', { value: outcome.clickRate, sent: outcome.sent }) },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}

export function OffersPage(p: OffersPageProps) {
  const { t, locale } = p.ctx;
  const v = (k: string) => {
    const x = p.values?.[k];
    return typeof x === 'string' ? x : undefined;
  };
  const chosenLessons = new Set([p.values?.lessons ?? []].flat());
  const example = p.today.slice(0, 4) + '-12-31';
  const dateHint = t('offer.field.date.hint', { example });
  const kindError = p.errors?.kind;
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={t('offer.title')} current="offers" notice={p.notice}>
      <p>{t('offer.lead', { min: MIN_CELL_COMPANIES })}</p>
      {orgCan(p.role, 'announce') ? (
        <form method="post" action={`/${locale}/orgs/${p.org.id}/offers`} novalidate>
          <Csrf ctx={p.ctx} />
          <h2>{t('offer.new')}</h2>
          <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
          <fieldset class={kindError ? 'field has-error' : 'field'} id="f-kind">
            <legend>{t('offer.field.kind')}</legend>
            {kindError ? <p class="error">{kindError}</p> : null}
            <div class="choices">
              {OFFER_KINDS.map((k, i) => (
                <Choice type="radio" name="kind" value={k} label={t(`offer.kind.${k}`)} hint={t(`offer.kind.${k}.hint`)} checked={v('kind') ? v('kind') === k : i === 0} />
              ))}
            </div>
          </fieldset>
          <fieldset class={p.errors?.lessons ? 'field has-error' : 'field'} id="f-lessons">
            <legend>{t('offer.field.lessons')}</legend>
            {p.errors?.lessons ? <p class="error">{p.errors.lessons}</p> : null}
            <div class="choices">
              {p.lessons.map((l) => (
                <Choice type="checkbox" name="lessons" value={l.id} label={l.title} checked={chosenLessons.has(l.id)} />
              ))}
            </div>
          </fieldset>
          <fieldset class={p.errors?.templateId ? 'field has-error' : 'field'} id="f-templateId">
            <legend>{t('offer.field.template')}</legend>
            {p.errors?.templateId ? <p class="error">{p.errors.templateId}</p> : null}
            <div class="choices">
              {p.templates.map((tpl) => (
                <Choice type="radio" name="templateId" value={tpl.id} label={tpl.title} hint={tpl.hint} checked={v('templateId') === tpl.id} />
              ))}
            </div>
          </fieldset>
          <TextField name="startsOn" type="date" label={t('offer.field.starts_on')} hint={dateHint} value={v('startsOn')} error={p.errors?.startsOn} maxLength={10} />
          <TextField name="endsOn" type="date" label={t('offer.field.ends_on')} hint={dateHint} value={v('endsOn')} error={p.errors?.endsOn} maxLength={10} required />
          <p class="hint" id="f-texts">
            {t('offer.texts.hint')}
          </p>
          {p.errors?.texts ? <p class="error">{p.errors.texts}</p> : null}
          {LOCALES.map((l) => (
            <fieldset class="field">
              <legend>{t('org.ann.lang', { language: t(`lang.name.${l}` as MessageKey) })}</legend>
              <TextField name={`title_${l}`} label={t('org.ann.field.title')} value={v(`title_${l}`)} maxLength={OFFER_LIMITS.title} />
              <div class="field">
                <label for={`f-body_${l}`}>{t('org.ann.field.body')}</label>
                <textarea id={`f-body_${l}`} name={`body_${l}`} rows={4} maxLength={OFFER_LIMITS.body}>
                  {v(`body_${l}`) ?? ''}
                </textarea>
              </div>
            </fieldset>
          ))}
          <button type="submit">{t('offer.create')}</button>
        </form>
      ) : null}
      <h2>{t('offer.title')}</h2>
      {p.items.length === 0 ? <p>{t('offer.none')}</p> : null}
      {p.items.map((item) => {
        const o = item.offer;
        const text = announcementIn(o.texts, locale);
        const status = o.withdrawnAt ? 'withdrawn' : item.open ? 'open' : 'closed';
        return (
          <article class="card" id={`offer-${o.id}`} data-testid="offer">
            <h3 lang={text?.locale}>{text?.title ?? ''}</h3>
            <p>
              <span class="tag">{t(`offer.kind.${o.kind}`)}</span> <span class="tag">{t(`offer.status.${status}`)}</span>
            </p>
            <p>{t(`offer.period.${o.kind}`, { start: formatDay(o.startsOn, locale), end: formatDay(o.endsOn, locale) })}</p>
            <Figures ctx={p.ctx} item={item} />
            {orgCan(p.role, 'announce') && status === 'open' ? <PostButton ctx={p.ctx} action={`/${locale}/orgs/${p.org.id}/offers/withdraw`} fields={{ id: o.id }} label={t('offer.withdraw')} kind="secondary" /> : null}
          </article>
        );
      })}
    </OrgFrame>
  );
}

/** The company's view of its organisations' running offers, with accept and decline for whoever may answer. */
export function CompanyOffers(p: { ctx: PageCtx; companyId: string; offers: CompanyOffer[]; canAnswer: boolean; lessonTitle: (id: string) => string; templateTitle: (id: string) => string }) {
  const { t, locale } = p.ctx;
  if (p.offers.length === 0) return null;
  const action = `/${locale}/companies/${p.companyId}/offers`;
  const base = `/${locale}/companies/${p.companyId}`;
  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">{t('coffer.heading')}</h2>
      <p class="hint">{t('coffer.privacy', { min: MIN_CELL_COMPANIES })}</p>
      {!p.canAnswer ? <p class="hint">{t('coffer.answer_only')}</p> : null}
      {p.offers.map((o) => {
        const text = announcementIn(o.texts, locale);
        return (
          <article class="card" id={`offer-${o.id}`} data-testid="company-offer">
            <h3 lang={text?.locale}>{text?.title ?? ''}</h3>
            <p class="hint">
              {t('coffer.from', { organisation: o.organisationName })} · <span class="tag">{t(`offer.kind.${o.kind}`)}</span>
            </p>
            {text ? <p lang={text.locale}>{text.body}</p> : null}
            <p>{t(`offer.period.${o.kind}`, { start: formatDay(o.startsOn, locale), end: formatDay(o.endsOn, locale) })}</p>
            {o.kind === 'training_challenge' ? (
              <>
                <p>{t('offer.lessons')}</p>
                <ul>
                  {o.lessons.map((id) => (
                    <li>{p.lessonTitle(id)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>
                {t('offer.template')}
                {colon(locale)} {p.templateTitle(o.templateId ?? '')}
              </p>
            )}
            {o.answer ? <p>{t(o.answer === 'accepted' ? 'coffer.accepted' : 'coffer.declined')}</p> : null}
            {o.answer === 'accepted' ? (
              <p>
                <a href={o.kind === 'training_challenge' ? `${base}/training?offer=${o.id}` : `${base}/phishing?offer=${o.id}`}>{t(o.kind === 'training_challenge' ? 'coffer.go_training' : 'coffer.go_phishing')}</a>
              </p>
            ) : null}
            {p.canAnswer ? (
              <p>
                {o.answer !== 'accepted' ? <PostButton ctx={p.ctx} action={action} fields={{ offerId: o.id, answer: 'accepted' }} label={t('coffer.accept')} /> : null}{' '}
                {o.answer !== 'declined' ? <PostButton ctx={p.ctx} action={action} fields={{ offerId: o.id, answer: 'declined' }} label={t('coffer.decline')} kind="secondary" /> : null}
              </p>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
