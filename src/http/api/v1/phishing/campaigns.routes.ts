/** API: phishing simulation campaigns of a company: create (domains checked), list, read progress, cancel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_WINDOW, RATE } from '../../../../core/phishing/schedule.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { campaignOf, campaignsOf, cancelCampaign, createCampaign } from '../../../../app/phishing-campaigns.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { campaignProblemText, personProblemText, presentCampaign } from '../../../presenters/phishing.ts';
import { ErrorBody } from '../shared/schemas.ts';
import { phishingCompanyForApi } from '../shared/company-access.ts';

const CampaignOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    templateId: z.string(),
    status: z.enum(['scheduled', 'sending', 'sent', 'cancelled']),
    startsAt: z.string(),
    windowStart: z.string(),
    windowEnd: z.string(),
    weekdaysOnly: z.boolean(),
    ratePerMinute: z.number().int(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    progress: z.object({ total: z.number().int(), pending: z.number().int(), sending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
  })
  .meta({ id: 'PhishingCampaign' });

const CampaignIn = z
  .object({
    name: z.string().max(200),
    templateId: z.string().max(100),
    /** Groups to include ("" = people without a group); left out or null = everyone on the staff list. */
    groups: z.array(z.string().max(200)).max(200).nullish(),
    /** ISO 8601 with offset; left out = now. Sending waits for the window either way. */
    startsAt: z.string().max(40).optional(),
    windowStart: z.string().max(5).default(DEFAULT_WINDOW.start),
    windowEnd: z.string().max(5).default(DEFAULT_WINDOW.end),
    weekdaysOnly: z.boolean().default(true),
    ratePerMinute: z.number().int().default(RATE.default),
  })
  .strict();

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };
const Params = z.object({ companyId: z.uuid() });
const OneParams = Params.extend({ campaignId: z.uuid() });

export function campaignApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const base = '/api/v1/companies/:companyId/phishing/campaigns';

    app.get(
      base,
      { config: { access: api('companies:read') }, schema: { tags: ['phishing'], summary: 'Phishing campaigns of a company, newest first', security: [{ bearer: [] }], params: Params, response: { 200: z.object({ campaigns: z.array(CampaignOut) }), ...errors } } },
      async (request) => {
        const company = await phishingCompanyForApi(deps, request.user!, request.params.companyId);
        return { campaigns: (await campaignsOf(deps, company.id)).map(presentCampaign) };
      },
    );

    app.post(
      base,
      {
        config: { access: api('companies:write') },
        schema: {
          tags: ['phishing'],
          summary: 'Plan a campaign. Every recipient must be on a verified company domain (422 domain_not_verified) and not at a public mailbox service (422 public_mailbox_domain).',
          security: [{ bearer: [] }],
          params: Params,
          body: CampaignIn,
          response: { 201: CampaignOut, 429: ErrorBody, ...errors },
        },
      },
      async (request, reply) => {
        const company = await phishingCompanyForApi(deps, request.user!, request.params.companyId);
        const b = request.body;
        const r = await createCampaign(deps, company, { userId: request.user!.id, ip: request.ip }, { ...b, groups: b.groups ?? null, startsAt: b.startsAt ?? '' });
        if (!r.ok) {
          if (r.error === 'invalid') throw new AppError('validation_failed', { issues: Object.entries(r.problems).map(([path, p]) => ({ path, message: campaignProblemText(request.t, p) })) });
          if (r.error === 'rate_limited') throw new AppError('rate_limited', { retryAfterSeconds: r.retryAfterSeconds });
          throw new AppError(r.error, { issues: r.addresses.map((a) => ({ path: 'recipients', message: `${a}: ${personProblemText(request.t, r.error)}` })) });
        }
        const view = await campaignOf(deps, company.id, r.campaign.id);
        return reply.status(201).send(presentCampaign(view!));
      },
    );

    app.get(
      `${base}/:campaignId`,
      { config: { access: api('companies:read') }, schema: { tags: ['phishing'], summary: 'One campaign: status and sending progress', security: [{ bearer: [] }], params: OneParams, response: { 200: CampaignOut, ...errors } } },
      async (request) => {
        const company = await phishingCompanyForApi(deps, request.user!, request.params.companyId);
        const view = await campaignOf(deps, company.id, request.params.campaignId);
        if (!view) throw new AppError('not_found');
        return presentCampaign(view);
      },
    );

    app.post(
      `${base}/:campaignId/cancel`,
      { config: { access: api('companies:write') }, schema: { tags: ['phishing'], summary: 'Stop a scheduled or sending campaign; mails not yet sent stay unsent', security: [{ bearer: [] }], params: OneParams, response: { 200: CampaignOut, ...errors } } },
      async (request) => {
        const company = await phishingCompanyForApi(deps, request.user!, request.params.companyId);
        const r = await cancelCampaign(deps, company.id, request.params.campaignId, { userId: request.user!.id, ip: request.ip });
        if (r === 'not_found') throw new AppError('not_found');
        return presentCampaign((await campaignOf(deps, company.id, request.params.campaignId))!);
      },
    );
  };
}
