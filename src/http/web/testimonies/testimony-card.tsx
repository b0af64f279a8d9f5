/**
 * A published testimony as the public sees it (article page, public list), and the public list page. Only the reviewed
 * text, the sector section and the size band: never who wrote it (docs/testimonies.md).
 */
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { Locale } from '../../../core/locale.ts';
import { findNace, type NaceList } from '../../../core/nace.ts';
import type { PublicTestimony } from '../../../core/testimonies/testimony.ts';
import type { MessageKey, T } from '../../../i18n/index.ts';
import { ErrorSummary } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { dateTimeFormat } from '../../../i18n/intl.ts';

export const languageName = (t: T, l: Locale) => t(`testimony.lang.${l}` as MessageKey);

export function threatName(catalog: AssessmentCatalog, id: string, locale: Locale): string {
  return catalog.threats.find((x) => x.id === id)?.text[locale].name ?? id;
}

/** "What happened to a business in Retail trade (1 to 9 staff)", or less when the profile did not say. */
export function testimonyHeading(t: T, nace: NaceList, locale: Locale, sector: string | null, sizeBand: string | null): string {
  const sectorName = sector ? (findNace(nace, sector)?.title[locale] ?? null) : null;
  const size = sizeBand ? t(`testimony.size.${sizeBand}` as MessageKey) : null;
  if (sectorName && size) return t('testimony.heading.full', { sector: sectorName, size });
  if (sectorName) return t('testimony.heading.sector', { sector: sectorName });
  if (size) return t('testimony.heading.size', { size });
  return t('testimony.heading.plain');
}

function Paragraphs(p: { text: string }) {
  return (
    <>
      {p.text
        .split(/\n+/)
        .filter((x) => x.trim() !== '')
        .map((para) => (
          <p>{para}</p>
        ))}
    </>
  );
}

export function TestimonyCard(p: { ctx: PageCtx; nace: NaceList; catalog: AssessmentCatalog; t: PublicTestimony; level?: 'h2' | 'h3' }) {
  const { t, locale } = p.ctx;
  const H = p.level ?? 'h3';
  const other = p.t.lang !== locale;
  const date = dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(new Date(p.t.publishedAt));
  return (
    <article class="testimony" data-testid="testimony" data-id={p.t.id}>
      <H>{testimonyHeading(t, p.nace, locale, p.t.sector, p.t.sizeBand)}</H>
      {other ? (
        <p class="hint" data-testid="testimony-language">
          {t('testimony.written_in', { language: languageName(t, p.t.lang) })}
        </p>
      ) : null}
      <div lang={other ? p.t.lang : undefined}>
        <Paragraphs text={p.t.story} />
        <p>
          <strong>{t('testimony.learned')}</strong> {p.t.lesson}
        </p>
      </div>
      <p class="hint">
        {t('testimony.about', { threats: p.t.threats.map((id) => threatName(p.catalog, id, locale)).join(', '), date })}
      </p>
    </article>
  );
}

export function PublicListPage(p: { ctx: PageCtx; nace: NaceList; catalog: AssessmentCatalog; threat: string; list: PublicTestimony[]; error?: string | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('testimony.public.title')} narrow>
      <p>
        <a href={`/${locale}/articles`}>{t('hub.back')}</a>
      </p>
      <h1>{t('testimony.public.title')}</h1>
      <p class="lead">{t('testimony.public.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.error ? { threat: p.error } : undefined} />
      <form method="get" action={`/${locale}/testimonies`} class="article-search">
        <div class={p.error ? 'field has-error' : 'field'}>
          <label for="f-threat">{t('testimony.public.filter')}</label>
          {p.error ? (
            <p class="error" id="f-threat-error">
              {p.error}
            </p>
          ) : null}
          <select id="f-threat" name="threat" aria-describedby={p.error ? 'f-threat-error' : undefined}>
            <option value="" selected={p.threat === ''}>
              {t('testimony.public.all')}
            </option>
            {p.catalog.threats.map((x) => (
              <option value={x.id} selected={x.id === p.threat}>
                {x.text[locale].name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('testimony.public.show')}</button>
      </form>
      {p.list.length === 0 ? (
        <p data-testid="no-testimonies">{t('testimony.public.none')}</p>
      ) : (
        <div data-testid="testimonies">
          {p.list.map((x) => (
            <TestimonyCard ctx={p.ctx} nace={p.nace} catalog={p.catalog} t={x} level="h2" />
          ))}
        </div>
      )}
    </Layout>
  );
}
