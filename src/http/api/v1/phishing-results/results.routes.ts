/** JSON results of one phishing campaign: counts with 95% Wilson ranges, machines apart, groups ≥ 5, people by code. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { resultsOfCampaign } from '../../../../app/phishing-results.ts';
import { OTHER_GROUPS, type Outcomes } from '../../../../core/phishing/results.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { phishingCompanyForApi } from '../shared/company-access.ts';
import { ErrorBody } from '../shared/schemas.ts';

const ProportionOut = z
  .object({ count: z.number().int(), total: z.number().int(), rate: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() })
  .meta({ id: 'PhishingProportion', description: 'count of total, the rate 0..1 and its 95% Wilson score interval (null when total is 0)' });

const OutcomesOut = {
  recipients: z.number().int(),
  delivered: z.number().int(),
  reported: ProportionOut,
  clicked: ProportionOut,
  submitted: ProportionOut,
  opened: ProportionOut,
  secondsToFirstReport: z.number().int().nullable(),
};

const ResultsOut = z
  .object({
    campaign: z.object({ id: z.string(), name: z.string(), templateId: z.string(), startsAt: z.string(), status: z.string(), purgedAt: z.string().nullable() }),
    ...OutcomesOut,
    scanner: z.object({ total: z.number().int(), byReason: z.record(z.string(), z.number().int()) }),
    lessons: z.number().int(),
    groups: z.array(z.object({ group: z.string().nullable(), otherGroups: z.boolean(), ...OutcomesOut })),
    people: z.array(z.object({ pseudonym: z.string(), opened: z.boolean(), clicked: z.boolean(), submitted: z.boolean(), reported: z.boolean() })).nullable(),
  })
  .meta({ id: 'PhishingCampaignResults' });

const outcomes = (o: Outcomes) => ({ recipients: o.recipients, delivered: o.delivered, reported: o.reported, clicked: o.clicked, submitted: o.submitted, opened: o.opened, secondsToFirstReport: o.secondsToFirstReport });

export function phishingResultsApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/companies/:companyId/phishing/campaigns/:campaignId/results',
      {
        config: { access: api('companies:read') },
        schema: {
          tags: ['phishing'],
          summary: 'Results of a phishing campaign (owners, admins and the phishing grantee): report, click and submit counts with 95% ranges; groups only from 5 people; people only by code and only from 5 recipients',
          security: [{ bearer: [] }],
          params: z.object({ companyId: z.uuid(), campaignId: z.uuid() }),
          response: { 200: ResultsOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        // Whoever runs the exercises sees their results, as on the pages: owners, admins and the phishing grantee.
        await phishingCompanyForApi(deps, request.user!, request.params.companyId);
        const found = await resultsOfCampaign(deps, request.params.companyId, request.params.campaignId);
        if (!found) throw new AppError('not_found');
        const r = found.results;
        return {
          campaign: found.campaign,
          ...outcomes(r.totals),
          scanner: r.scanner,
          lessons: r.lessons,
          groups: r.groups.map((g) => ({ group: g.group === OTHER_GROUPS ? null : g.group, otherGroups: g.group === OTHER_GROUPS, ...outcomes(g.outcomes) })),
          people: r.people,
        };
      },
    );
  };
}
