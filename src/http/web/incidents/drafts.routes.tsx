/** Drafts for each authority, as text to paste and as a PDF, in the company's language (or the report's). */
import type { FastifyInstance } from 'fastify';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { OBLIGATION_IDS, type ObligationId } from '../../../core/incidents/triage.ts';
import type { Locale } from '../../../core/locale.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { renderDraftPdf } from '../../../adapters/pdf/draft-pdf.ts';
import { translator } from '../../../i18n/index.ts';
import { draftDocument, draftText } from '../../presenters/incidents.ts';
import { sendPage } from '../../render.ts';
import { Layout } from '../ui/layout.tsx';
import { pageCtx } from '../ui/page-context.ts';
import { incidentLocators, loadIncident } from './incident-locators.tsx';

export function draftRoutes(deps: AppDeps, content: IncidentContent) {
  return async function (app: FastifyInstance): Promise<void> {
    for (const locator of incidentLocators(deps)) {
      const { prefix, view, baseOf } = locator;
      app.get(`${prefix}/drafts/:draft`, { config: { access: view } }, async (request, reply) => {
        const r = await loadIncident(locator, request, reply);
        if (!r) return reply;
        const raw = (request.params as { draft: string }).draft;
        const pdf = raw.endsWith('.pdf');
        const id = raw.replace(/\.pdf$/, '') as ObligationId;
        if (!(OBLIGATION_IDS as readonly string[]).includes(id) || !r.triage.obligations.some((o) => o.id === id))
          return reply.callNotFound();
        const lang: Locale = request.company?.language ?? r.lang;
        const doc = draftDocument(
          content,
          r,
          id,
          lang,
          translator(lang),
          request.company ? { name: request.company.name, enterpriseNumber: request.company.enterpriseNumber } : null,
          deps.clock.now(),
        );
        if (!doc) return reply.callNotFound();
        if (pdf)
          return reply
            .header('content-type', 'application/pdf')
            .header('content-disposition', `attachment; filename="${id}.pdf"`)
            .send(await renderDraftPdf(doc));
        const ctx = pageCtx(request);
        return sendPage(
          reply,
          <Layout ctx={ctx} title={doc.title} narrow>
            <p>
              <a href={baseOf(request)}>← {ctx.t('incident.page_title')}</a>
            </p>
            <h1>{doc.title}</h1>
            <p>{doc.intro}</p>
            <dl class="draft">
              {doc.fields.map((f) => (
                <>
                  <dt>{f.label}</dt>
                  <dd>{f.value || '—'}</dd>
                </>
              ))}
            </dl>
            <div class="field">
              <label for="draft-text">{ctx.t('incident.draft_copy')}</label>
              <textarea id="draft-text" rows={14} readOnly>
                {draftText(doc)}
              </textarea>
            </div>
          </Layout>,
        );
      });
    }
  };
}
