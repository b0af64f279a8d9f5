/** Phishing results and employer documents of a company; owners and admins ('run_phishing'). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadPhishingTrackingContent } from '../../../adapters/phishing-content.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { resultsOfCampaign, resultsOverTime } from '../../../app/phishing-results.ts';
import { isLocale, LOCALES, type Locale } from '../../../core/locale.ts';
import { DOCUMENT_IDS, fillDocument, type DocumentId } from '../../../core/phishing/documents.ts';
import { company as companyAccess } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { renderEmployerDocumentPdf } from '../../../adapters/pdf/employer-document-pdf.ts';
import { translator } from '../../../i18n/index.ts';
import { pageCtx } from '../ui/page-context.ts';
import { DocumentPage, DocumentsPage } from './documents.views.tsx';
import { CampaignResultsPage, OverviewPage } from './results.views.tsx';

export function phishingResultsRoutes(deps: AppDeps) {
  const content = loadPhishingTrackingContent();
  return async function (app: FastifyInstance): Promise<void> {
    const config = { access: companyAccess('run_phishing') };

    app.get('/:lang/companies/:companyId/phishing/results', { config }, async (request, reply) => {
      const items = await resultsOverTime(deps, request.company!.id);
      return sendPage(reply, <OverviewPage ctx={pageCtx(request)} request={request} items={items} />);
    });

    app.get('/:lang/companies/:companyId/phishing/campaigns/:campaignId/results', { config }, async (request, reply) => {
      const id = z.object({ campaignId: z.uuid() }).safeParse(request.params);
      if (!id.success) return reply.callNotFound();
      const found = await resultsOfCampaign(deps, request.company!.id, id.data.campaignId);
      if (!found) return reply.callNotFound();
      return sendPage(reply, <CampaignResultsPage ctx={pageCtx(request)} request={request} campaign={found.campaign} results={found.results} />);
    });

    app.get('/:lang/companies/:companyId/phishing/documents', { config }, async (request, reply) => {
      const titles = Object.fromEntries(
        DOCUMENT_IDS.map((id) => [id, Object.fromEntries(LOCALES.map((l) => [l, fillDocument(content.documents.documents[id][l], { company: request.company!.name, months: deps.config.phishingRetentionMonths }).title]))]),
      ) as Record<DocumentId, Record<Locale, string>>;
      return sendPage(reply, <DocumentsPage ctx={pageCtx(request)} request={request} titles={titles} review={content.documents.review} />);
    });

    app.get('/:lang/companies/:companyId/phishing/documents/:documentId', { config }, async (request, reply) => {
      const documentId = (request.params as { documentId: string }).documentId as DocumentId;
      if (!DOCUMENT_IDS.includes(documentId)) return reply.callNotFound();
      const asked = (request.query as Record<string, unknown>).in;
      const docLocale: Locale = isLocale(asked) ? asked : request.locale;
      const doc = fillDocument(content.documents.documents[documentId][docLocale], { company: request.company!.name, months: deps.config.phishingRetentionMonths });
      if ((request.query as Record<string, unknown>).format === 'pdf') {
        const t = translator(docLocale);
        const pdf = await renderEmployerDocumentPdf({ lang: docLocale, title: doc.title, subtitle: request.company!.name, generatedLabel: t('pdocs.pdf_generated', { date: content.documents.review.date }), footer: t('pdocs.pdf_footer'), sections: doc.sections });
        return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="schild-${documentId}-${docLocale}.pdf"`).send(pdf);
      }
      return sendPage(reply, <DocumentPage ctx={pageCtx(request)} request={request} doc={doc} docLocale={docLocale} />);
    });
  };
}
