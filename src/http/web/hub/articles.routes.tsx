/**
 * Knowledge hub pages (issue 12): /:lang/articles (by theme, and search with GET ?q=) and /:lang/articles/:slug, which
 * shows up to three published testimonies on the article's threats below it. Public and server-rendered: the search
 * form works without JavaScript.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../app/deps.ts';
import { searchArticles } from '../../../app/article-search.ts';
import { publishedTestimonies } from '../../../app/testimonies.ts';
import type { Article } from '../../../core/articles/articles.ts';
import { MAX_QUERY_LENGTH } from '../../../core/articles/search-text.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { negotiateLocale } from '../../../core/locale.ts';
import type { NaceList } from '../../../core/nace.ts';
import { pickForArticle } from '../../../core/testimonies/testimony.ts';
import { PUBLIC } from '../../access.ts';
import { articlesByTheme, relatedArticles } from '../../presenters/articles.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { ArticleListPage, ArticlePage } from './articles-views.tsx';

export function articleRoutes(deps: AppDeps, catalog: AssessmentCatalog, articles: readonly Article[], nace: NaceList) {
  const themes = articlesByTheme(articles, catalog);
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/articles', { config: { access: PUBLIC } }, async (request, reply) => {
      reply.header('vary', 'Accept-Language');
      return reply.redirect(`/${negotiateLocale(request.headers['accept-language'])}/articles`, 302);
    });

    app.get('/:lang/articles', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const given = (request.query as Record<string, unknown>).q;
      // A repeated q counts once (its first value); an over-long one is refused with a message and nothing is searched.
      const raw = Array.isArray(given) ? given[0] : given;
      const query = typeof raw === 'string' ? raw.trim() : '';
      if (query.length > MAX_QUERY_LENGTH) {
        const error = ctx.t('hub.error.too_long', { max: MAX_QUERY_LENGTH });
        return sendPage(reply, <ArticleListPage ctx={ctx} themes={themes} query={query.slice(0, MAX_QUERY_LENGTH)} results={null} error={error} />, 422);
      }
      const results = query === '' ? null : await searchArticles(deps, articles, ctx.locale, query);
      return sendPage(reply, <ArticleListPage ctx={ctx} themes={themes} query={query} results={results} />);
    });

    app.get('/:lang/articles/:slug', { config: { access: PUBLIC } }, async (request, reply) => {
      const article = bySlug.get((request.params as { slug: string }).slug);
      if (!article) return reply.callNotFound();
      const control = article.controlId ? (catalog.controls.find((c) => c.id === article.controlId) ?? null) : null;
      const ctx = pageCtx(request);
      // Read on every request: a withdrawn or taken-down story is gone from the next page view (docs/testimonies.md).
      const testimonies = pickForArticle(await publishedTestimonies(deps, { threats: article.threats, limit: 50 }), article.threats, ctx.locale);
      return sendPage(
        reply,
        <ArticlePage ctx={ctx} article={article} control={control} related={relatedArticles(articles, article)} testimonies={{ list: testimonies, nace, catalog }} />,
      );
    });
  };
}
