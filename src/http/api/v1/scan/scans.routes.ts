/** Scan API: request a one-off scan of a public domain (202 with an id), then read its progress and results. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../../../core/locale.ts';
import type { ScanMessages } from '../../../../core/scan/messages.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { requestScan } from '../../../../app/scans.ts';
import { findScan } from '../../../../db/repositories/scan.repository.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { presentScan } from '../../../presenters/scan.ts';
import { ErrorBody } from '../shared/schemas.ts';

const CheckOut = z.object({
  id: z.string(),
  status: z.enum(['pass', 'warn', 'fail', 'info', 'error', 'skipped']),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  title: z.string(),
  explanation: z.string(),
  fix: z.string(),
  who: z.string(),
  details: z.record(z.string(), z.unknown()),
});

const ScanOut = z
  .object({
    id: z.string(),
    domain: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().int(),
    step: z.string().nullable(),
    result: z
      .object({ domain: z.string(), algorithmVersion: z.string(), startedAt: z.string(), durationMs: z.number(), grade: z.string(), score: z.number(), incomplete: z.boolean(), checks: z.array(CheckOut) })
      .nullable(),
    partial: z.array(CheckOut),
  })
  .meta({ id: 'Scan' });

export function scanApiRoutes(deps: AppDeps, messages: ScanMessages) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/v1/scans',
      {
        config: { access: api(null) },
        schema: {
          tags: ['scans'],
          summary: 'Scan a public domain (non-intrusive). Answers 202 with the scan id; read it with GET /api/v1/scans/{id}.',
          body: z.object({ domain: z.string().min(3).max(253) }).strict(),
          response: { 202: z.object({ id: z.string(), status: z.string(), url: z.string() }), 400: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const r = await requestScan(deps, request.body.domain, { user: request.user, ip: request.ip });
        if (!r.ok) {
          if (r.error === 'rate_limited') throw new AppError('rate_limited');
          throw new AppError('validation_failed', { issues: [{ path: 'domain', message: request.t('scan.error.domain') }] });
        }
        return reply.status(202).send({ id: r.scanId, status: r.reused ? 'reused' : 'queued', url: `/api/v1/scans/${r.scanId}` });
      },
    );

    app.get(
      '/api/v1/scans/:scanId',
      {
        config: { access: api(null) },
        schema: {
          tags: ['scans'],
          summary: 'Progress and results of a scan, texts in the asked language',
          params: z.object({ scanId: z.uuid() }),
          querystring: z.object({ lang: z.enum(LOCALES).default('nl') }),
          response: { 200: ScanOut, 404: ErrorBody },
        },
      },
      async (request) => {
        const row = await findScan(deps.db, request.params.scanId);
        if (!row) throw new AppError('not_found');
        return presentScan(messages, row, request.query.lang);
      },
    );
  };
}
