/**
 * The owner's testimony page of one incident: the form (story, lesson, threats, language, explicit consent) or the
 * status of the shared story with the withdrawal button; and the messages of the anonymisation check.
 */
import type { FieldFindings } from '../../../app/testimonies.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { Company, Role } from '../../../core/company-profile.ts';
import { LOCALES, type Locale } from '../../../core/locale.ts';
import type { NaceList } from '../../../core/nace.ts';
import { isActive, LIMITS, type Testimony } from '../../../core/testimonies/testimony.ts';
import type { MessageKey, T } from '../../../i18n/index.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Choice, Csrf, formatDateTime, Notice, TextArea, type FieldErrors } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { languageName, testimonyHeading, threatName } from './testimony-card.tsx';

export interface TestimonyFormValues {
  story: string;
  lesson: string;
  threats: string[];
  lang: Locale;
}

/** One line per finding: the field, the kind of detail and the text as written, in the reader's language. */
export function findingMessages(t: T, findings: FieldFindings[]): string[] {
  return findings.flatMap((f) =>
    f.findings.map((x) => t('testimony.found', { field: t(`testimony.field.${f.field}` as MessageKey), kind: t(`testimony.kind.${x.kind}` as MessageKey), found: x.found })),
  );
}


function StatusPart(p: { ctx: PageCtx; testimony: Testimony; base: string }) {
  const { t, locale } = p.ctx;
  const x = p.testimony;
  return (
    <section aria-labelledby="status-heading" data-testid="testimony-status" data-status={x.status}>
      <h2 id="status-heading">{t('testimony.status.heading')}</h2>
      <p>
        <span class="tag" data-status={x.status}>
          {t(`testimony.status.${x.status}` as MessageKey)}
        </span>
      </p>
      <p>{t(`testimony.status.${x.status}_hint` as MessageKey, { date: formatDateTime(x.reviewedAt ?? x.withdrawnAt ?? x.consentAt, locale) })}</p>
      {x.status === 'rejected' && x.reviewNote ? (
        <Notice kind="info">
          <p>
            <strong>{t('testimony.status.note')}</strong> {x.reviewNote}
          </p>
        </Notice>
      ) : null}
      {x.status === 'published' ? (
        <p>
          <a href={`/${locale}/testimonies`}>{t('testimony.status.see_public')}</a>
        </p>
      ) : null}
      {isActive(x) ? (
        <form method="post" action={`${p.base}/withdraw`}>
          <Csrf ctx={p.ctx} />
          <p class="hint">{t('testimony.withdraw.hint')}</p>
          <button type="submit" class="danger">
            {t('testimony.withdraw.button')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function TestimonyPage(p: {
  ctx: PageCtx;
  company: Company;
  role: Role;
  catalog: AssessmentCatalog;
  nace: NaceList;
  incidentLabel: string;
  incidentBase: string;
  latest: Testimony | undefined;
  sectorSection: string | null;
  sizeBand: string | null;
  values: TestimonyFormValues;
  errors?: FieldErrors | undefined;
  general?: string[] | undefined;
  notice?: MessageKey | undefined;
}) {
  const { t, locale } = p.ctx;
  const base = `${p.incidentBase}/testimony`;
  const showForm = !p.latest || !isActive(p.latest);
  const context = testimonyHeading(t, p.nace, locale, p.sectorSection, p.sizeBand);
  const general = p.general ?? [];
  return (
    <Layout ctx={p.ctx} title={t('testimony.page_title')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="incidents" />
      <p>
        <a href={p.incidentBase}>← {p.incidentLabel}</a>
      </p>
      <h2>{t('testimony.page_title')}</h2>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      {general.length > 0 || p.errors ? (
        <div class="error-summary" role="alert" tabIndex={-1} data-autofocus data-testid="testimony-problems">
          <h2>{t('form.problem')}</h2>
          <ul>
            {general.map((g) => (
              <li>{g}</li>
            ))}
            {Object.entries(p.errors ?? {}).map(([field, message]) => (
              <li>
                <a href={`#f-${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.latest ? <StatusPart ctx={p.ctx} testimony={p.latest} base={base} /> : null}
      {showForm ? (
        <form method="post" action={base} novalidate data-testid="testimony-form">
          <Csrf ctx={p.ctx} />
          <p class="lead">{t('testimony.intro')}</p>
          <Notice kind="info">{t('testimony.no_names')}</Notice>
          <TextArea
            name="story"
            label={t('testimony.field.story')}
            hint={t('testimony.story_hint', { min: LIMITS.story.min, max: LIMITS.story.max })}
            value={p.values.story}
            error={p.errors?.story}
            maxLength={LIMITS.story.max}
            rows={8}
          />
          <TextArea
            name="lesson"
            label={t('testimony.field.lesson')}
            hint={t('testimony.lesson_hint', { min: LIMITS.lesson.min, max: LIMITS.lesson.max })}
            value={p.values.lesson}
            error={p.errors?.lesson}
            maxLength={LIMITS.lesson.max}
            rows={4}
          />
          <fieldset class={p.errors?.threats ? 'field has-error' : 'field'} id="f-threats">
            <legend>{t('testimony.threats')}</legend>
            <p class="hint">{t('testimony.threats_hint')}</p>
            {p.errors?.threats ? <p class="error">{p.errors.threats}</p> : null}
            <div class="choices">
              {p.catalog.threats.map((x) => (
                <Choice type="checkbox" name="threats" value={x.id} label={threatName(p.catalog, x.id, locale)} checked={p.values.threats.includes(x.id)} />
              ))}
            </div>
          </fieldset>
          <fieldset class="field" id="f-lang">
            <legend>{t('testimony.language')}</legend>
            <div class="choices">
              {LOCALES.map((l) => (
                <Choice type="radio" name="lang" value={l} label={languageName(t, l)} checked={p.values.lang === l} />
              ))}
            </div>
          </fieldset>
          <fieldset class={p.errors?.consent ? 'field has-error' : 'field'} id="f-consent">
            <legend>{t('testimony.consent.legend')}</legend>
            {p.errors?.consent ? <p class="error">{p.errors.consent}</p> : null}
            <p>{t('testimony.consent.what')}</p>
            <ul>
              <li>{t('testimony.consent.item_story')}</li>
              <li>{t('testimony.consent.item_context', { context })}</li>
            </ul>
            <p>{t('testimony.consent.never')}</p>
            <Choice type="checkbox" name="consent" value="yes" label={t('testimony.consent.label')} checked={false} />
          </fieldset>
          <button type="submit">{t('testimony.submit')}</button>
        </form>
      ) : null}
    </Layout>
  );
}
