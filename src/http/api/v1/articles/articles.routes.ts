/**
 * Knowledge hub API (issue 12): GET /api/v1/articles?lang=…[&q=…] → { "articles": [ { slug, title, summary, url } ] }.
 * Public, no token needed. Without q: every article in content order; with q: the search results, best first.
 * A bad lang or a too long q is refused with 422 validation_failed and its issues.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { searchArticles } from '../../../../app/article-search.ts';
import type { Article } from '../../../../core/articles/articles.ts';
import { MAX_QUERY_LENGTH } from '../../../../core/articles/search-text.ts';
import { LOCALES } from '../../../../core/locale.ts';
import { api } from '../../../access.ts';
import { summarize } from '../../../presenters/articles.ts';
import { ErrorBody } from '../shared/schemas.ts';

const Query = z.object({
  lang: z.enum(LOCALES).default('nl').describe('language of the texts and of the addresses (nl when left out, as for /api/v1/catalog)'),
  q: z.string().max(MAX_QUERY_LENGTH).optional().describe(`words to search for (at most ${MAX_QUERY_LENGTH} characters); every word must match, by stem, accents optional`),
});

const ArticleListOut = z
  .object({
    articles: z.array(
      z.object({
        slug: z.string(),
        title: z.string(),
        summary: z.string(),
        url: z.string().describe('absolute path of the article page, e.g. /nl/articles/automatic-backup'),
      }),
    ),
  })
  .meta({ id: 'ArticleList' });

export function articleApiRoutes(deps: AppDeps, articles: readonly Article[]) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/articles',
      {
        config: { access: api(null) },
        // The refusal is answered here with 422 (a well-formed request whose values are not acceptable, RFC 9110 §15.5.21).
        attachValidation: true,
        schema: {
          tags: ['knowledge hub'],
          summary: 'Knowledge-hub articles in one language, all of them or those matching q (full-text search).',
          querystring: Query,
          response: { 200: ArticleListOut, 422: ErrorBody },
        },
      },
      async (request, reply) => {
        if (request.validationError) {
          const raw = request.query as Record<string, unknown>;
          const issues = [];
          if (raw.lang !== undefined && !z.enum(LOCALES).safeParse(raw.lang).success) issues.push({ path: 'querystring.lang', message: request.t('api.issue.invalid_value') });
          if (typeof raw.q === 'string' && raw.q.length > MAX_QUERY_LENGTH) issues.push({ path: 'querystring.q', message: request.t('hub.error.too_long', { max: MAX_QUERY_LENGTH }) });
          else if (raw.q !== undefined && typeof raw.q !== 'string') issues.push({ path: 'querystring.q', message: request.t('api.issue.invalid_value') });
          return reply
            .status(422)
            .header('cache-control', 'no-store')
            .send({ error: { code: 'validation_failed' as const, message: request.t('error.validation_failed'), issues } });
        }
        const { lang, q } = request.query;
        const query = q?.trim() ?? '';
        const list = query === '' ? articles : await searchArticles(deps, articles, lang, query);
        return { articles: list.map((a) => summarize(a, lang)) };
      },
    );
  };
}
