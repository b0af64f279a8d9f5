/** Knowledge-hub pages: the list by theme with the search form and its results, and one article. No JavaScript. */
import type { Article } from '../../../core/articles/articles.ts';
import { MAX_QUERY_LENGTH } from '../../../core/articles/search-text.ts';
import type { AssessmentCatalog, Control, Theme } from '../../../core/assessment/catalog.ts';
import type { NaceList } from '../../../core/nace.ts';
import type { PublicTestimony } from '../../../core/testimonies/testimony.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { articlePath } from '../../presenters/articles.ts';
import { TestimonyCard } from '../testimonies/testimony-card.tsx';
import { formatDay, SourceList, TextField } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { WithSiteLinks } from '../ui/site-links.tsx';

function ArticleList(p: { ctx: PageCtx; articles: readonly Article[]; testid?: string }) {
  const { locale } = p.ctx;
  return (
    <ul class="plain article-list" data-testid={p.testid}>
      {p.articles.map((a) => (
        <li>
          <a href={articlePath(locale, a.slug)}>{a.text[locale].title}</a>
          <p class="hint">{a.text[locale].summary}</p>
        </li>
      ))}
    </ul>
  );
}

function SearchForm(p: { ctx: PageCtx; query: string; error?: string | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <form method="get" action={`/${locale}/articles`} role="search" class="article-search">
      <TextField name="q" type="search" label={t('hub.search.label')} hint={t('hub.search.hint')} value={p.query} error={p.error} maxLength={MAX_QUERY_LENGTH} />
      <button type="submit">{t('hub.search.button')}</button>
    </form>
  );
}

export interface ListPageProps {
  ctx: PageCtx;
  themes: { theme: Theme | null; articles: Article[] }[];
  query: string;
  /** Null when no search was made (or it was refused). */
  results: Article[] | null;
  error?: string | undefined;
}

export function ArticleListPage(p: ListPageProps) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('hub.title')} narrow>
      <h1>{t('hub.title')}</h1>
      <p class="lead">{t('hub.lead')}</p>
      <SearchForm ctx={p.ctx} query={p.query} error={p.error} />
      <p>
        <a href={`/${locale}/testimonies`}>{t('testimony.hub.link')}</a>
      </p>
      {p.results !== null ? (
        <section aria-labelledby="results-heading" data-testid="results">
          <h2 id="results-heading">{t('hub.results.heading', { query: p.query, count: p.results.length })}</h2>
          {p.results.length === 0 ? (
            <div data-testid="no-results">
              <p>{t('hub.results.none', { query: p.query })}</p>
              <p>{t('hub.results.suggestions')}</p>
            </div>
          ) : (
            <ArticleList ctx={p.ctx} articles={p.results} />
          )}
          <p>
            <a href={`/${locale}/articles`}>{t('hub.results.all')}</a>
          </p>
        </section>
      ) : null}
      {p.themes.map((g) => (
        <section>
          <h2>{g.theme ? t(`theme.${g.theme}` as MessageKey) : t('hub.guides')}</h2>
          <ArticleList ctx={p.ctx} articles={g.articles} />
        </section>
      ))}
    </Layout>
  );
}


/** Stories of other businesses hit by the same threat, shown below the article (issue 12). */
function ArticleTestimonies(p: { ctx: PageCtx; list: PublicTestimony[]; nace: NaceList; catalog: AssessmentCatalog }) {
  const { t, locale } = p.ctx;
  return (
    <section aria-labelledby="testimonies-heading" data-testid="article-testimonies">
      <h2 id="testimonies-heading">{t('testimony.hub.heading')}</h2>
      {p.list.map((x) => (
        <TestimonyCard ctx={p.ctx} nace={p.nace} catalog={p.catalog} t={x} />
      ))}
      <p>
        <a href={`/${locale}/testimonies`}>{t('testimony.hub.more')}</a>
      </p>
    </section>
  );
}

export function ArticlePage(p: {
  ctx: PageCtx;
  article: Article;
  control: Control | null;
  related: Article[];
  testimonies?: { list: PublicTestimony[]; nace: NaceList; catalog: AssessmentCatalog };
}) {
  const { t, locale } = p.ctx;
  const text = p.article.text[locale];
  return (
    <Layout ctx={p.ctx} title={text.title} narrow>
      <p>
        <a href={`/${locale}/articles`}>{t('hub.back')}</a>
      </p>
      <article data-testid="article">
        <h1>{text.title}</h1>
        <p class="lead">{text.summary}</p>
        {text.body.map((para) => (
          <p>
            <WithSiteLinks text={para} />
          </p>
        ))}
        <h2>{t('hub.steps')}</h2>
        <ol class="steps">
          {text.steps.map((s) => (
            <li>
              <WithSiteLinks text={s} />
            </li>
          ))}
        </ol>
        {p.control ? (
          <aside class="notice" aria-labelledby="control-heading">
            <h2 id="control-heading">{t('hub.control.heading')}</h2>
            <p>{t('hub.control.question', { question: p.control.text[locale].question })}</p>
            <p>
              {p.control.quickRank !== null ? (
                <a href={`/${locale}/quick-scan`}>{t('hub.control.quick')}</a>
              ) : (
                <a href={`/${locale}/account`}>{t('hub.control.full')}</a>
              )}
            </p>
          </aside>
        ) : null}
        <SourceList heading={t('hub.sources')} sources={p.article.sources} />
        <p class="hint" data-testid="reviewed">
          {t('hub.reviewed', { date: formatDay(p.article.reviewed, locale) })}
        </p>
      </article>
      {p.testimonies && p.testimonies.list.length > 0 ? <ArticleTestimonies ctx={p.ctx} {...p.testimonies} /> : null}
      {p.related.length > 0 ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">{t('hub.related')}</h2>
          <ArticleList ctx={p.ctx} articles={p.related} testid="related" />
        </section>
      ) : null}
    </Layout>
  );
}
