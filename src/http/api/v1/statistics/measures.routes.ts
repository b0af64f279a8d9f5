/**
 * GET /api/v1/statistics/measures (issue 11): per control, the share of companies with an incident in the year after
 * their assessment, with and without the measure, with 95 % intervals (Wilson; difference: Newcombe's hybrid score).
 * Public, no token needed; a control with fewer than 10 companies in either group has null figures. It shows an
 * association, not proof that a measure works (docs/statistics.md, "Effectiveness of measures").
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { measuresFigures } from '../../../../app/effectiveness.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { api } from '../../../access.ts';

const Interval = z.tuple([z.number(), z.number()]).describe('95 % interval [low, high]');

const GroupOut = z
  .object({
    companies: z.number().int().min(10).describe('companies in the group (at least 10, else the control is hidden)'),
    withIncident: z.number().int().min(0).describe('of them, companies with at least one incident in the follow-up year'),
    rate: z.number().min(0).max(1).describe('withIncident / companies, as a fraction'),
    ci95: Interval.describe('Wilson score interval, as fractions'),
  })
  .meta({ id: 'MeasureGroup' });

export const MeasuresOut = z
  .object({
    refreshedAt: z.string().nullable().describe('when the figures were last rebuilt (ISO 8601), null before the first refresh'),
    followUpDays: z.literal(365).describe('incidents are counted this many days after the assessment'),
    controls: z.array(
      z.object({
        controlId: z.string(),
        with: GroupOut.nullable().describe('companies that answered yes; null when hidden'),
        without: GroupOut.nullable().describe('companies that answered no or partly; null when hidden'),
        difference: z
          .object({ value: z.number().describe('rate with − rate without'), ci95: Interval.describe('Newcombe hybrid score interval (1998, method 10)') })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'MeasuresEffectiveness' });

export function measuresApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/statistics/measures',
      {
        config: { access: api(null) },
        schema: {
          tags: ['statistics'],
          summary: 'Effectiveness of measures: incident rates in the year after the assessment with and without each control, with 95 % intervals. An association, not proof.',
          response: { 200: MeasuresOut },
        },
      },
      async (_request, reply) => {
        const figures = await measuresFigures(deps);
        reply.header('cache-control', 'no-cache');
        return { refreshedAt: figures.refreshedAt, followUpDays: 365 as const, controls: figures.controls };
      },
    );
  };
}
