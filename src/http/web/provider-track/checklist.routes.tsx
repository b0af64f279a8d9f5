/**
 * "How to choose an IT provider", public: /:lang/it-provider-checklist (HTML) and /:lang/it-provider-checklist.pdf
 * (printable, with space to write the provider's answers). Content: content/providers/choosing-checklist.json.
 */
import type { FastifyInstance } from 'fastify';
import { renderChoosingChecklistPdf, type ChoosingChecklistDocument } from '../../../adapters/pdf/provider-checklist-pdf.ts';
import type { AppDeps } from '../../../app/deps.ts';
import type { ChoosingChecklist } from '../../../core/providers/checklist.ts';
import type { Locale } from '../../../core/locale.ts';
import type { T } from '../../../i18n/index.ts';
import { PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { ChecklistPage } from './checklist.views.tsx';
import { formatDay } from '../ui/components.tsx';
import { dateTimeFormat } from '../../../i18n/intl.ts';

export function checklistDocument(c: ChoosingChecklist, locale: Locale, t: T, now: Date): ChoosingChecklistDocument {
  const text = c.text[locale];
  const date = dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(now);
  return {
    lang: locale,
    title: text.title,
    subtitle: t('pchecklist.pdf.subtitle'),
    generatedLabel: `${t('pchecklist.pdf.generated', { date })} · ${t('pchecklist.reviewed', { date: formatDay(c.reviewed, locale) })}`,
    footer: t('pchecklist.pdf.footer'),
    intro: text.intro,
    questions: c.questions.map((q) => ({
      question: q.text[locale].question,
      goodLabel: t('pchecklist.good'),
      good: q.text[locale].good,
      warningLabel: t('pchecklist.warning'),
      warning: q.text[locale].warning,
      answerLabel: t('pchecklist.pdf.answer'),
    })),
    closing: text.closing,
    sourcesHeading: t('pchecklist.sources'),
    sources: c.sources.map((s) => `${s.title} — ${s.url}`),
  };
}

export function checklistRoutes(deps: AppDeps, checklist: ChoosingChecklist) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/it-provider-checklist', { config: { access: PUBLIC, anonymousCache: true } }, async (request, reply) =>
      sendPage(reply, <ChecklistPage ctx={pageCtx(request)} checklist={checklist} />),
    );

    app.get('/:lang/it-provider-checklist.pdf', { config: { access: PUBLIC } }, async (request, reply) => {
      const pdf = await renderChoosingChecklistPdf(checklistDocument(checklist, request.locale, request.t, deps.clock.now()));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'inline; filename="schild-it-provider-checklist.pdf"').send(pdf);
    });
  };
}
