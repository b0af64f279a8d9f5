/** Public list of the phishing simulation templates, in one language, with the signs that give each one away. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../../../core/locale.ts';
import type { PhishingTemplate } from '../../../../core/phishing/templates.ts';
import { api } from '../../../access.ts';
import { ErrorBody } from '../shared/schemas.ts';

const TemplateOut = z.object({ id: z.string(), scenario: z.string(), difficulty: z.number().int(), subject: z.string(), signs: z.array(z.string()) }).meta({ id: 'PhishingTemplate' });

export function phishingTemplateApiRoutes(templates: ReadonlyMap<string, PhishingTemplate>) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/phishing/templates',
      {
        config: { access: api(null) },
        schema: {
          tags: ['phishing'],
          summary: 'Phishing simulation templates in one language (nl, fr, de or en; default nl): subject and the signs to notice',
          querystring: z.object({ lang: z.enum(LOCALES).default('nl') }),
          response: { 200: z.object({ templates: z.array(TemplateOut) }), 400: ErrorBody },
        },
      },
      async (request) => {
        const lang = request.query.lang;
        return {
          templates: [...templates.values()].map((t) => ({ id: t.id, scenario: t.scenario, difficulty: t.difficulty, subject: t.i18n[lang].subject, signs: t.i18n[lang].signs.map((s) => s.text) })),
        };
      },
    );
  };
}
