/**
 * The public analyst dashboard as JSON (issue 11): the same figures as /:lang/statistics, null for every figure the
 * small-cell rules hide (docs/statistics.md, "Public dashboards"). Public, no token; read from pre-aggregated
 * tables only. A bad filter is a 422 with the field issues (error catalogue: invalid_filter).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { statisticsDashboard } from '../../../../app/statistics-dashboard.ts';
import type { AssessmentCatalog } from '../../../../core/assessment/catalog.ts';
import type { NaceList } from '../../../../core/nace.ts';
import type { MessageKey } from '../../../../i18n/index.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { ErrorBody } from '../shared/schemas.ts';

const Count = z.number().int().min(0).nullable();
const Share = z.number().min(0).max(100).nullable().describe('percent of the companies that answered, one decimal; null = hidden');
const QuartilesOut = z.object({ p25: z.number(), median: z.number(), p75: z.number(), companies: z.number().int() }).nullable();
const IncidentRow = (key: string) => z.object({ [key]: z.string(), incidents: Count, companies: Count });

export const StatisticsDashboardOut = z
  .object({
    refreshedAt: z.string().nullable().describe('when the figures were last rebuilt; null before the first refresh'),
    filter: z.object({
      naceSection: z.string().nullable(),
      naceDivision: z.string().nullable(),
      sizeBand: z.string().nullable(),
      region: z.string().nullable(),
      quarter: z.string().nullable().describe('the quarter shown (the latest when none was asked)'),
    }),
    companies: Count.describe('companies counted in the selection and quarter; null = fewer than 10 (or hidden to protect such a figure)'),
    maturity: z.object({ overall: QuartilesOut, byFunction: z.record(z.string(), QuartilesOut) }),
    controls: z.array(
      z.object({
        id: z.string(),
        function: z.string(),
        answered: Count,
        counts: z.object({ yes: Count, partly: Count, no: Count, unknown: Count, na: Count }),
        shares: z.object({ yes: Share, partly: Share, no: Share, unknown: Share, na: Share }),
      }),
    ),
    gaps: z.array(z.string()).describe('ids of the ten most often missing measures (highest share of "no")'),
    adoption: z.array(z.object({ controlId: z.string(), quarters: z.array(z.object({ quarter: z.string(), answered: Count, shareYes: Share })) })),
    incidents: z.object({ total: Count, companies: Count, byRsit: z.array(IncidentRow('class')), byCategory: z.array(IncidentRow('category')) }),
    duties: z.array(IncidentRow('duty')),
    companiesBySizeAndRegion: z.array(z.object({ sizeBand: z.string(), region: z.string(), companies: Count })),
  })
  .meta({ id: 'StatisticsDashboard' });

const FilterQuery = z.object({
  naceSection: z.string().optional(),
  naceDivision: z.string().optional(),
  sizeBand: z.string().optional(),
  region: z.string().optional(),
  quarter: z.string().optional(),
});

export function statisticsDashboardApiRoutes(deps: AppDeps, nace: NaceList, catalog: AssessmentCatalog) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/statistics',
      {
        config: { access: api(null) },
        schema: {
          tags: ['open data'],
          summary: 'Public dashboard figures for one selection (NACE section or division, size band, region, quarter); null = hidden by the small-cell rules.',
          querystring: FilterQuery,
          response: { 200: StatisticsDashboardOut, 400: ErrorBody, 422: ErrorBody },
        },
      },
      async (request, reply) => {
        const r = await statisticsDashboard(deps, nace, catalog, request.query);
        if (!r.ok) throw new AppError('invalid_filter', { issues: r.problems.map((p) => ({ path: p.field, message: request.t(p.message as MessageKey) })) });
        const { view } = r;
        const f = view.figures;
        reply.header('cache-control', 'public, max-age=300');
        return {
          refreshedAt: view.refreshedAt,
          filter: { ...view.filter, quarter: f?.quarter ?? view.filter.quarter },
          companies: f?.companies ?? null,
          maturity: f ? f.maturity : { overall: null, byFunction: {} },
          controls: f?.controls ?? [],
          gaps: f?.gaps.map((g) => g.id) ?? [],
          adoption: f?.adoption ?? [],
          incidents: f
            ? {
                total: f.incidents.total,
                companies: f.incidents.companies,
                byRsit: f.incidents.byRsit.map((x) => ({ class: x.key, incidents: x.incidents, companies: x.companies })),
                byCategory: f.incidents.byCategory.map((x) => ({ category: x.key, incidents: x.incidents, companies: x.companies })),
              }
            : { total: null, companies: null, byRsit: [], byCategory: [] },
          duties: f?.duties.map((x) => ({ duty: x.key, incidents: x.incidents, companies: x.companies })) ?? [],
          companiesBySizeAndRegion: f?.regionBySize ?? [],
        };
      },
    );
  };
}
