/**
 * The sector risk report of a federation: /:lang/orgs/:orgId/report (HTML) and /:lang/orgs/:orgId/report.pdf, for
 * the organisation's staff (org('view')). Only a federation has one: for another kind of organisation the report does
 * not exist (404), as for anyone who is not its staff.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderSectorReportPdf } from '../../../adapters/pdf/sector-report-pdf.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { sectorReport } from '../../../app/sector-report.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import type { NaceList } from '../../../core/nace.ts';
import { org } from '../../access.ts';
import { AppError } from '../../errors.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { SectorReportPage, sectorReportDocument } from './sector-report-views.tsx';

export function sectorReportRoutes(deps: AppDeps, catalog: AssessmentCatalog, incidents: IncidentContent, nace: NaceList) {
  return async function (app: FastifyInstance): Promise<void> {
    const build = async (request: FastifyRequest) => {
      const o = request.organisation!;
      if (o.kind !== 'federation') throw new AppError('not_found');
      const report = await sectorReport(deps, catalog, nace, o);
      return sectorReportDocument(report, { org: o, catalog, incidents, t: request.t, locale: request.locale, now: deps.clock.now() });
    };

    app.get('/:lang/orgs/:orgId/report', { config: { access: org('view') } }, async (request, reply) =>
      sendPage(reply, <SectorReportPage ctx={pageCtx(request)} org={request.organisation!} doc={await build(request)} />),
    );

    app.get('/:lang/orgs/:orgId/report.pdf', { config: { access: org('view') } }, async (request, reply) => {
      const pdf = await renderSectorReportPdf(await build(request));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="schild-sector-report.pdf"').send(pdf);
    });
  };
}
