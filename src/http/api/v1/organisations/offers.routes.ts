/**
 * GET /api/v1/organisations/:orgId/offers: an organisation's campaign offers with the same aggregated figures as the
 * page, null while fewer than MIN_CELL_COMPANIES companies stand behind them (docs/organisations.md, "Offers").
 * Anyone not on the organisation's staff gets 404, like on the pages.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OFFER_KINDS } from '../../../../core/organisations/offer.ts';
import { announcementIn } from '../../../../core/organisations/organisation.ts';
import { isLocale } from '../../../../core/locale.ts';
import { offersOfOrganisation } from '../../../../app/organisation-offers.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { findStaffRole } from '../../../../db/repositories/organisation.repository.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { ErrorBody } from '../shared/schemas.ts';

const Outcome = z
  .union([
    z.object({ kind: z.literal('training_challenge'), companies: z.number().int(), invitedStaff: z.number().int(), finishedShare: z.number().int().describe('percent of invited staff who finished every lesson') }),
    z.object({ kind: z.literal('phishing_test'), companies: z.number().int(), sent: z.number().int(), reportRate: z.number().int().describe('percent'), clickRate: z.number().int().describe('percent') }),
  ])
  .meta({ id: 'OfferOutcome' });

const OfferOut = z
  .object({
    id: z.uuid(),
    kind: z.enum(OFFER_KINDS),
    title: z.string().describe('in the language asked with ?lang=, else the first language the offer was written in'),
    startsOn: z.string().describe('YYYY-MM-DD'),
    endsOn: z.string().describe('YYYY-MM-DD'),
    withdrawn: z.boolean(),
    accepted: z.number().int().nullable().describe('member companies counting in the figures that accepted; null below 10'),
    outcome: Outcome.nullable().describe('null while fewer than 10 companies stand behind it'),
  })
  .meta({ id: 'OrganisationOffer' });

export function offerApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/organisations/:orgId/offers',
      {
        config: { access: api('organisations:read') },
        schema: {
          tags: ['organisations'],
          summary: 'Campaign offers of the organisation, with aggregated take-up and outcome (hidden under 10 companies)',
          security: [{ bearer: [] }],
          params: z.object({ orgId: z.uuid() }),
          querystring: z.object({ lang: z.enum(['nl', 'fr', 'de', 'en']).optional() }),
          response: { 200: z.object({ offers: z.array(OfferOut) }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        if (!(await findStaffRole(deps.db, request.params.orgId, request.user!.id))) throw new AppError('not_found');
        const lang = isLocale(request.query.lang) ? request.query.lang : 'en';
        const items = await offersOfOrganisation(deps, request.params.orgId);
        return {
          offers: items.map(({ offer, figures }) => ({
            id: offer.id,
            kind: offer.kind,
            title: announcementIn(offer.texts, lang)?.title ?? '',
            startsOn: offer.startsOn,
            endsOn: offer.endsOn,
            withdrawn: offer.withdrawnAt !== null,
            accepted: figures.accepted,
            outcome: figures.outcome,
          })),
        };
      },
    );
  };
}
