/**
 * IT provider directory API (issue 12): GET /api/v1/providers?region=&language=&sector=&service=&lang= →
 * { "providers": [ { id, name, regions, languages, services, sectors, verifiedOrganisation, certifications, trackCompleted, url } ] }.
 * Public, no token. Every listed provider matching the filters, in directory order (verified claims first, then name).
 * A bad filter value is a 422 invalid_filter with one issue per field (RFC 9110 §15.5.21).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { directoryCards } from '../../../../app/provider-directory.ts';
import { LOCALES } from '../../../../core/locale.ts';
import { CERTIFICATION_KINDS } from '../../../../core/providers/certifications.ts';
import { readDirectoryQuery } from '../../../../core/providers/directory.ts';
import { NACE_SECTIONS, PROVIDER_REGIONS, PROVIDER_SERVICES } from '../../../../core/providers/profile.ts';
import type { MessageKey } from '../../../../i18n/index.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { ErrorBody } from '../shared/schemas.ts';

/** Strings, or arrays when a parameter is repeated: a repeated filter is answered with invalid_filter, like any bad value. */
const Param = z.union([z.string(), z.array(z.string())]).optional();

const Query = z.object({
  region: Param.describe(`one of ${PROVIDER_REGIONS.join(', ')}`),
  language: Param.describe(`a language the provider serves customers in: ${LOCALES.join(', ')}`),
  sector: Param.describe('a NACE section letter A–U the provider knows well'),
  service: Param.describe(`one of ${PROVIDER_SERVICES.join(', ')}`),
  lang: Param.describe('language of the addresses (nl when left out)'),
});

const ProviderListOut = z
  .object({
    providers: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        regions: z.array(z.enum(PROVIDER_REGIONS)),
        languages: z.array(z.enum(LOCALES)),
        services: z.array(z.enum(PROVIDER_SERVICES)),
        sectors: z.array(z.enum(NACE_SECTIONS)),
        verifiedOrganisation: z.boolean().describe('a Schild administrator checked the organisation itself'),
        certifications: z.array(
          z.object({
            kind: z.enum(CERTIFICATION_KINDS),
            issuer: z.string(),
            verified: z.boolean().describe('true only when a Schild administrator verified the claim and it has not expired; otherwise declared by the provider and not checked'),
            validUntil: z.string().describe('YYYY-MM-DD'),
          }),
        ),
        trackCompleted: z.boolean().describe('one current staff member passed every lesson of the Schild IT-provider track'),
        url: z.string().describe('path of the provider’s directory page, e.g. /nl/providers/<id>'),
      }),
    ),
  })
  .meta({ id: 'ProviderList' });

export function providerApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/providers',
      {
        config: { access: api(null) },
        schema: {
          tags: ['IT providers'],
          summary: 'Listed IT providers matching region, language, sector (NACE section) and service.',
          querystring: Query,
          response: { 200: ProviderListOut, 422: ErrorBody },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const read = readDirectoryQuery({ region: q.region, language: q.language, sector: q.sector, service: q.service });
        const issues = read.ok ? [] : read.problems.map((p) => ({ path: `querystring.${p.field}`, message: request.t(p.message as MessageKey) }));
        if (q.lang !== undefined && (typeof q.lang !== 'string' || !(LOCALES as readonly string[]).includes(q.lang))) issues.push({ path: 'querystring.lang', message: request.t('api.issue.invalid_value') });
        if (!read.ok || issues.length > 0) throw new AppError('invalid_filter', { issues });
        const lang = (q.lang ?? 'nl') as (typeof LOCALES)[number];
        // The API gives the whole filtered list: the pages only exist for people reading the site.
        const all = await directoryCards(deps, read.filter);
        reply.header('cache-control', 'public, max-age=300');
        return {
          providers: all.map((c) => ({
            id: c.organisationId,
            name: c.name,
            regions: c.profile.regions,
            languages: c.profile.languages,
            services: c.profile.services,
            sectors: c.profile.sectors,
            verifiedOrganisation: c.verifiedAt !== null,
            certifications: c.claims.map((x) => ({ kind: x.kind, issuer: x.issuer, verified: x.verified, validUntil: x.validUntil })),
            trackCompleted: c.trackCompleted,
            url: `/${lang}/providers/${c.organisationId}`,
          })),
        };
      },
    );
  };
}
