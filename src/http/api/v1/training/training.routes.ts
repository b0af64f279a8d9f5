/** Training JSON: the company's coverage (counts only, per person as a code from 5 people on) and RFC 8058 one-click unsubscribe. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { trainingCoverage, unsubscribe } from '../../../../app/training.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { companyForApi } from '../shared/company-access.ts';
import { ErrorBody } from '../shared/schemas.ts';

const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const TrainingCoverageOut = z
  .object({
    people: z.number().int().describe('People registered for the company'),
    invited: z.number().int().describe('People with a live invitation link'),
    active: z.number().int().describe('Invited people who opened their link'),
    perLesson: z.array(z.object({ lessonId: z.string(), done: z.number().int() })),
    perPerson: z.array(z.object({ pseudonym: z.string(), lessons: z.number().int() })).nullable().describe('Only from 5 invited people on, otherwise null'),
  })
  .meta({ id: 'TrainingCoverage' });

export function trainingApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/companies/:companyId/training',
      {
        config: { access: api('companies:read') },
        schema: {
          tags: ['training'],
          summary: 'Training coverage of a company (owners and admins)',
          security: [{ bearer: [] }],
          params: z.object({ companyId: z.uuid() }),
          response: { 200: TrainingCoverageOut, ...errors },
        },
      },
      async (request) => {
        // Coverage is for whoever manages the people: owners and admins, like the page.
        const { company } = await companyForApi(deps, request.user!.id, request.params.companyId, true);
        return (await trainingCoverage(deps, company.id)).coverage;
      },
    );

    app.post(
      '/api/v1/training/unsubscribe/:token',
      {
        config: { access: api(null) },
        schema: {
          tags: ['training'],
          summary: 'One-click unsubscribe from training tips and reminders (RFC 8058); the token comes from the List-Unsubscribe header',
          params: z.object({ token: z.string().min(1).max(100) }),
          response: { 200: z.object({ unsubscribed: z.literal(true) }), 404: ErrorBody },
        },
      },
      async (request) => {
        if (!(await unsubscribe(deps, request.params.token))) throw new AppError('not_found');
        return { unsubscribed: true as const };
      },
    );
  };
}
