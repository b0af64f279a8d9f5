/**
 * Published testimonies (issue 12, docs/testimonies.md): GET /api/v1/testimonies?lang=…&threat=… →
 * { "testimonies": [ { id, threats, lang, story, lesson, sector, sizeBand, publishedAt } ] }. Public, no token needed.
 * Only stories an administrator published, in their reviewed text; a withdrawn one is gone at the next request.
 * A bad lang or threat is refused with 422 validation_failed and its issues.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { publishedTestimonies } from '../../../../app/testimonies.ts';
import type { AssessmentCatalog } from '../../../../core/assessment/catalog.ts';
import { LOCALES } from '../../../../core/locale.ts';
import { api } from '../../../access.ts';
import { ErrorBody } from '../shared/schemas.ts';

const TestimonyListOut = z
  .object({
    testimonies: z.array(
      z.object({
        id: z.string(),
        threats: z.array(z.string()).describe('threat ids of the risk catalogue (GET /api/v1/catalog)'),
        lang: z.enum(LOCALES).describe('the language the story was written in'),
        story: z.string().describe('what happened, as published after review'),
        lesson: z.string().describe('what the business learned, as published after review'),
        sector: z.string().nullable().describe('NACE-BEL section letter of the business, e.g. "G"'),
        sizeBand: z.string().nullable().describe('staff: "0", "1-9", "10-49" or "50-249"'),
        publishedAt: z.string().describe('ISO-8601 time of publication'),
      }),
    ),
  })
  .meta({ id: 'TestimonyList' });

export function testimonyApiRoutes(deps: AppDeps, catalog: AssessmentCatalog) {
  const threatIds = catalog.threats.map((x) => x.id) as [string, ...string[]];
  const Query = z.object({
    lang: z.enum(LOCALES).optional().describe('only stories written in this language'),
    threat: z.enum(threatIds).optional().describe('only stories about this threat'),
  });
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/testimonies',
      {
        config: { access: api(null) },
        // The refusal is answered here with 422 (a well-formed request whose values are not acceptable, RFC 9110 §15.5.21).
        attachValidation: true,
        schema: {
          tags: ['knowledge hub'],
          summary: 'Published testimonies: anonymised incident stories of businesses, newest first (at most 100).',
          querystring: Query,
          response: { 200: TestimonyListOut, 422: ErrorBody },
        },
      },
      async (request, reply) => {
        if (request.validationError) {
          const raw = request.query as Record<string, unknown>;
          const issues = (['lang', 'threat'] as const)
            .filter((k) => raw[k] !== undefined && !Query.shape[k].safeParse(raw[k]).success)
            .map((k) => ({ path: `querystring.${k}`, message: request.t('api.issue.invalid_value') }));
          return reply
            .status(422)
            .header('cache-control', 'no-store')
            .send({ error: { code: 'validation_failed' as const, message: request.t('error.validation_failed'), issues } });
        }
        const { lang, threat } = request.query;
        const list = await publishedTestimonies(deps, { ...(lang ? { lang } : {}), ...(threat ? { threats: [threat] } : {}) });
        // Withdrawal must take effect at the next request: no shared cache may keep a copy.
        void reply.header('cache-control', 'no-store');
        return { testimonies: list };
      },
    );
  };
}
