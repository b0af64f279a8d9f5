/**
 * Open data (issue 11): the list of quarterly releases and each release as JSON or CSV. Public, no token needed.
 * A release is served exactly as stored when it was built: its noise was drawn once, so asking again gains nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../../app/deps.ts';
import { findReleaseBody, listReleases } from '../../../../db/repositories/open-data.repository.ts';
import { api } from '../../../access.ts';
import { csvDocument } from '../../../csv.ts';
import { AppError } from '../../../errors.ts';
import { ErrorBody } from '../shared/schemas.ts';

/** One published figure; `value` is null when the small-cell rules hide it. Documented in docs/open-data.schema.json. */
export const OpenDataRowOut = z
  .object({
    naceSection: z.string().describe('NACE section A to U, or "all"'),
    sizeBand: z.string().describe('0, 1-9, 10-49, 50-249 employees, or "all"'),
    region: z.string().describe('flanders, wallonia, brussels, unknown, or "all"'),
    quarter: z.string().describe('e.g. 2026-Q4'),
    measure: z.string().describe('companies, or incident:rsit:<RSIT class>'),
    value: z.number().int().min(0).nullable().describe('noisy number of companies; null = hidden (fewer than 10 companies, or hidden to protect another cell)'),
  })
  .meta({ id: 'OpenDataRow' });

export const OpenDataReleaseOut = z
  .object({
    release: z.string(),
    epsilon: z.number().positive().describe('privacy-loss budget ε of this release (differential privacy)'),
    method: z.string(),
    rows: z.array(OpenDataRowOut),
  })
  .meta({ id: 'OpenDataRelease' });

const ReleaseListOut = z
  .object({
    releases: z.array(
      z.object({
        release: z.string(),
        quarter: z.string(),
        epsilon: z.number().positive(),
        method: z.string(),
        rows: z.number().int(),
        createdAt: z.string(),
        json: z.string().describe('path of the JSON download'),
        csv: z.string().describe('path of the CSV download'),
      }),
    ),
  })
  .meta({ id: 'OpenDataReleaseList' });

const CSV_HEADER = ['naceSection', 'sizeBand', 'region', 'quarter', 'measure', 'value'] as const;
/** Releases never change once stored, so caches may keep them. */
const CACHE = 'public, max-age=3600';

export function openDataApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/open-data',
      {
        config: { access: api(null) },
        schema: { tags: ['open data'], summary: 'The quarterly open-data releases, newest first, with their ε and download paths.', response: { 200: ReleaseListOut } },
      },
      async (_request, reply) => {
        const releases = await listReleases(deps.db);
        reply.header('cache-control', 'no-cache');
        return {
          releases: releases.map((r) => ({
            release: r.release,
            quarter: r.quarter,
            epsilon: Number(r.epsilon),
            method: r.method,
            rows: r.rowCount,
            createdAt: r.createdAt,
            json: `/api/v1/open-data/${encodeURIComponent(r.release)}.json`,
            csv: `/api/v1/open-data/${encodeURIComponent(r.release)}.csv`,
          })),
        };
      },
    );

    app.get(
      '/api/v1/open-data/:release.:format',
      {
        config: { access: api(null) },
        schema: {
          tags: ['open data'],
          summary: 'One release: counts of companies by NACE section, size band, region, RSIT class and quarter, margins as "all"; hidden cells are null.',
          params: z.object({ release: z.string().min(1).max(40), format: z.enum(['json', 'csv']) }),
          response: { 200: OpenDataReleaseOut.or(z.string().describe('CSV, header row first')), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const { release, format } = request.params;
        const body = await findReleaseBody(deps.db, release);
        if (body === undefined) throw new AppError('release_not_found');
        reply.header('cache-control', CACHE);
        if (format === 'json') return reply.type('application/json; charset=utf-8').send(body);
        const doc = JSON.parse(body) as z.infer<typeof OpenDataReleaseOut>;
        const rows = doc.rows.map((r) => [r.naceSection, r.sizeBand, r.region, r.quarter, r.measure, r.value === null ? '' : String(r.value)]);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="schild-open-data-${release.replace(/[^A-Za-z0-9-]/g, '_')}.csv"`)
          .send(csvDocument([...CSV_HEADER], rows));
      },
    );
  };
}
