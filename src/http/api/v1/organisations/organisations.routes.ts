/**
 * JSON API for organisation staff: their organisations, and an organisation's dashboard — the same aggregated
 * figures as the page, hidden (null) below MIN_CELL_COMPANIES, and the companies that granted answer access.
 * Anyone not on the organisation's staff gets 404, like on the pages (docs/organisations.md).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FUNCTIONS } from '../../../../core/assessment/catalog.ts';
import { ORG_KINDS, ORG_ROLES } from '../../../../core/organisations/organisation.ts';
import { organisationOverview } from '../../../../app/organisation-members.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { findStaffRole, listOrganisationsOfUser } from '../../../../db/repositories/organisation.repository.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { ErrorBody } from '../shared/schemas.ts';

const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const OrganisationOut = z
  .object({ id: z.uuid(), name: z.string(), kind: z.enum(ORG_KINDS), sectors: z.array(z.string()), verified: z.boolean(), role: z.enum(ORG_ROLES) })
  .meta({ id: 'Organisation' });

/** `value` is null while fewer than `minimum` counting companies stand behind the figure. */
const Figure = z.object({ value: z.number().nullable(), companies: z.number().int() }).meta({ id: 'OrganisationFigure' });

/** A count of companies, or null where hidden (fewer than `minimum`, or hidden so that no hidden count can be derived). */
const Count = z.number().int().nullable();
const CountCell = z.object({ key: z.string(), value: Count, companies: Count }).meta({ id: 'OrganisationCount' });

const DashboardOut = z
  .object({
    members: z.number().int(),
    counting: z.number().int(),
    minimum: z.number().int(),
    assessedShare: Figure,
    medianScore: Figure,
    functionsAbove: z.object(Object.fromEntries(FUNCTIONS.map((f) => [f, Figure])) as Record<(typeof FUNCTIONS)[number], typeof Figure>),
    openActions: z.array(z.object({ controlId: z.string(), share: z.number() })),
    refreshedAt: z.string().nullable().meta({ description: 'When the figures below were published (ISO 8601); null before the first refresh. members and counting are live' }),
    figuresWaiting: z.boolean().meta({
      description: 'Some companies joined, left or changed their answers since, but fewer than minimum: new figures wait until more did, so that no single company can be singled out',
    }),
    maturityByFunction: z.object(Object.fromEntries(FUNCTIONS.map((f) => [f, Figure])) as Record<(typeof FUNCTIONS)[number], typeof Figure>),
    topGaps: z.array(z.object({ controlId: z.string(), share: z.number(), companies: z.number().int() })),
    controls: z.array(
      z.object({ controlId: z.string(), answered: Count, yes: Count, partly: Count, no: Count, unknown: Count, gap: Count }).meta({ id: 'OrganisationControlAnswers' }),
    ),
    adoption: z.array(z.object({ quarter: z.string(), assessed: Count, inPlace: z.number().nullable() })),
    incidents: z.object({ total: CountCell, byRsitClass: z.array(CountCell), byCategory: z.array(CountCell), duties: z.array(CountCell) }),
    sharedWithYou: z.array(z.object({ companyId: z.uuid(), name: z.string(), overall: z.number().nullable(), openActions: z.number().int(), completed: z.boolean() })),
  })
  .meta({ id: 'OrganisationDashboard' });

export function organisationApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/organisations',
      {
        config: { access: api('organisations:read') },
        schema: { tags: ['organisations'], summary: 'The organisations the token owner is staff of', security: [{ bearer: [] }], response: { 200: z.array(OrganisationOut), ...errors } },
      },
      async (request) =>
        (await listOrganisationsOfUser(deps.db, request.user!.id)).map((o) => ({ id: o.id, name: o.name, kind: o.kind, sectors: o.sectors, verified: o.verifiedAt !== null, role: o.role })),
    );

    app.get(
      '/api/v1/organisations/:orgId/dashboard',
      {
        config: { access: api('organisations:read') },
        schema: {
          tags: ['organisations'],
          summary: 'Aggregated progress of the member companies that count (small cells hidden), and the companies that shared their answers',
          security: [{ bearer: [] }],
          params: z.object({ orgId: z.uuid() }),
          response: { 200: DashboardOut, ...errors },
        },
      },
      async (request) => {
        if (!(await findStaffRole(deps.db, request.params.orgId, request.user!.id))) throw new AppError('not_found');
        const { dashboard, figures, shared } = await organisationOverview(deps, request.params.orgId);
        const { refreshedAt, waiting, maturity, topGaps, controls, adoption, incidents } = figures;
        return { ...dashboard, refreshedAt, figuresWaiting: waiting, maturityByFunction: maturity, topGaps, controls, adoption, incidents, sharedWithYou: shared };
      },
    );
  };
}
