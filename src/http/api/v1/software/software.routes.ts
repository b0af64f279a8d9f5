/**
 * GET /api/v1/companies/:companyId/software?lang=… (issue 12): the products a company listed with its answers, and the
 * plan items they leave open, in the language asked for. Members of the company only (others get 404, as for every
 * company route of the API).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { softwarePlan } from '../../../../app/software.ts';
import { LOCALES } from '../../../../core/locale.ts';
import { FACT_IDS, SOFTWARE_CATEGORIES, type SoftwareCatalogue } from '../../../../core/software/catalogue.ts';
import { SETTING_IDS, SETTING_VALUES } from '../../../../core/software/plan.ts';
import { translate, type MessageKey } from '../../../../i18n/index.ts';
import { api } from '../../../access.ts';
import { companyForApi } from '../shared/company-access.ts';
import { ErrorBody } from '../shared/schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };

const SoftwareListOut = z
  .object({
    software: z.array(
      z.object({
        productId: z.string().describe('id of the product in the catalogue (content/software/products.json)'),
        name: z.string(),
        category: z.enum(SOFTWARE_CATEGORIES),
        settings: z.partialRecord(z.enum(SETTING_IDS), z.enum(SETTING_VALUES)).describe('the company’s answers; a question left out is not answered yet'),
      }),
    ),
    planItems: z.array(
      z.object({
        productId: z.string(),
        fact: z.enum(FACT_IDS).describe('the security fact the item is about'),
        title: z.string().describe('what to do, in the language asked for'),
        steps: z.array(z.string()).describe('the product’s own steps, empty when none is sourced yet'),
        source: z.object({ title: z.string(), url: z.string() }).nullable().describe('where the fact or the steps come from; null for an item that asks the vendor'),
      }),
    ),
  })
  .meta({ id: 'CompanySoftware' });

export function softwareApiRoutes(deps: AppDeps, catalogue: SoftwareCatalogue) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/companies/:companyId/software',
      {
        config: { access: api('companies:read') },
        schema: {
          tags: ['companies'],
          summary: 'The software a company uses, its answers per product, and the plan items that follow',
          security: [{ bearer: [] }],
          params: z.object({ companyId: z.uuid() }),
          querystring: z.object({ lang: z.enum(LOCALES).default('nl').describe('language of the titles and steps (nl when left out)') }),
          response: { 200: SoftwareListOut, ...errors },
        },
      },
      async (request) => {
        const { company } = await companyForApi(deps, request.user!.id, request.params.companyId, false);
        const lang = request.query.lang;
        const { listed, items } = await softwarePlan(deps, catalogue, company.id, lang);
        return {
          software: listed.map((l) => ({ productId: l.product.id, name: l.product.name, category: l.product.category, settings: l.settings })),
          planItems: items.map((i) => {
            const product = catalogue.byId.get(i.productId)!;
            return {
              productId: i.productId,
              fact: i.fact,
              title: translate(lang, `software.item.${i.kind}.${i.fact}` as MessageKey, { product: product.name, vendor: product.vendor }),
              steps: i.steps,
              source: i.source,
            };
          }),
        };
      },
    );
  };
}
