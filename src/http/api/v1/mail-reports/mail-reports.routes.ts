/** Reported mails of a company (the report address): owners and admins, with a `companies:read` token. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { listReports, reportSettings } from '../../../../app/mail-reports.ts';
import { VERDICTS } from '../../../../core/mail-report/types.ts';
import { REASON_CODES } from '../../../../core/mail-report/verdict.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { companyForApi } from '../shared/company-access.ts';
import { ErrorBody } from '../shared/schemas.ts';

const MailReportsOut = z
  .object({
    address: z.string(),
    forwardConsent: z.boolean(),
    reports: z.array(
      z.object({
        id: z.uuid(),
        receivedAt: z.string(),
        verdict: z.enum(VERDICTS),
        reasons: z.array(z.enum(REASON_CODES as [string, ...string[]])),
        original: z.enum(['attachment', 'inline', 'none']),
        senderDomain: z.string().nullable(),
        subject: z.string().nullable(),
        answered: z.boolean(),
        forwarded: z.boolean(),
      }),
    ),
    months: z.array(z.object({ month: z.string(), verdict: z.enum(VERDICTS), count: z.number().int() })),
  })
  .meta({ id: 'MailReports' });

export function mailReportApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/companies/:companyId/mail-reports',
      {
        config: { access: api('companies:read') },
        schema: {
          tags: ['mail-reports'],
          summary: 'The company report address and the mails its staff reported (verdict, reasons, counts per month); owners and admins',
          security: [{ bearer: [] }],
          params: z.object({ companyId: z.uuid() }),
          response: { 200: MailReportsOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody },
        },
      },
      async (request) => {
        const { role } = await companyForApi(deps, request.user!.id, request.params.companyId, false);
        // The reports show what staff found suspicious: the same people as on the page (owner, admin).
        if (role === 'member') throw new AppError('forbidden');
        const [settings, list] = await Promise.all([reportSettings(deps, request.params.companyId), listReports(deps, request.params.companyId)]);
        return {
          address: settings.address,
          forwardConsent: settings.forwardConsent,
          reports: list.reports.map((r) => ({ id: r.id, receivedAt: r.receivedAt, verdict: r.verdict, reasons: r.reasons, original: r.original, senderDomain: r.senderDomain, subject: r.subject, answered: r.answered, forwarded: r.forwarded })),
          months: list.months.map((m) => ({ month: m.month, verdict: m.verdict as (typeof VERDICTS)[number], count: m.count })),
        };
      },
    );
  };
}
