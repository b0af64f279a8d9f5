/**
 * Insurance readiness of a company (issue 12, docs/insurance.md): GET /:lang/companies/:companyId/insurance and
 * .../insurance.pdf, for everyone who may view the company (company('view')); outsiders get 404 from the access hook.
 */
import type { FastifyInstance } from 'fastify';
import { renderInsurancePdf } from '../../../adapters/pdf/insurance-pdf.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { insuranceSummary } from '../../../app/insurance.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { INSURANCE_SOURCES } from '../../../core/insurance/readiness.ts';
import { company as companyAccess } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { presentInsurance } from './insurance-presenter.ts';
import { InsurancePage } from './insurance.views.tsx';
import { dateTimeFormat } from '../../../i18n/intl.ts';

export function insuranceRoutes(deps: AppDeps, catalog: AssessmentCatalog) {
  return async function (app: FastifyInstance): Promise<void> {
    const config = { access: companyAccess('view') };

    app.get('/:lang/companies/:companyId/insurance', { config }, async (request, reply) => {
      const company = request.company!;
      const summary = await insuranceSummary(deps, catalog, company);
      const view = presentInsurance(summary, catalog, company.id, request.locale, request.t);
      return sendPage(reply, <InsurancePage ctx={pageCtx(request)} company={company} role={request.companyRole!} {...view} />);
    });

    app.get('/:lang/companies/:companyId/insurance.pdf', { config }, async (request, reply) => {
      const company = request.company!;
      const { t, locale } = request;
      const summary = await insuranceSummary(deps, catalog, company);
      const view = presentInsurance(summary, catalog, company.id, locale, t);
      const date = dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(deps.clock.now());
      const pdf = await renderInsurancePdf({
        lang: locale,
        title: t('insurance.pdf_title'),
        subtitle: t('doc.subtitle_company', { company: company.name, date }),
        generatedLabel: t('insurance.pdf_generated', { date }),
        footer: t('insurance.pdf_footer'),
        intro: [t('insurance.lead'), t('insurance.disclaimer'), view.basedOnText ?? t('insurance.no_assessment'), view.summaryText],
        areas: view.areas.map((a) => ({
          title: a.title,
          status: t('insurance.status', { status: a.statusText }),
          question: t('insurance.asks', { question: a.question }),
          evidenceHeading: t('insurance.evidence'),
          evidence: a.evidence,
          todoHeading: t('insurance.todo'),
          todo: a.gaps.length === 0 ? [t('insurance.todo.none')] : a.gaps.map((g) => g.title),
        })),
        sourcesHeading: t('insurance.sources'),
        sources: INSURANCE_SOURCES.map((s) => `${s.title} – ${s.url}`),
      });
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="schild-insurance.pdf"').send(pdf);
    });
  };
}
