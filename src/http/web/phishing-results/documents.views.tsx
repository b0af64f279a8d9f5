/** The employer's documents, print-friendly: plain headings and paragraphs, the company's name filled in. */
import type { FastifyRequest } from 'fastify';
import { LOCALES, type Locale } from '../../../core/locale.ts';
import { DOCUMENT_IDS, type DocumentId, type DocumentText } from '../../../core/phishing/documents.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';

const LANGUAGE_NAMES: Record<Locale, string> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' };

export function DocumentsPage(p: { ctx: PageCtx; request: FastifyRequest; titles: Record<DocumentId, Record<Locale, string>>; review: { date: string; sources: string[] } }) {
  const { t, locale } = p.ctx;
  const company = p.request.company!;
  const base = `/${locale}/companies/${company.id}/phishing/documents`;
  return (
    <Layout ctx={p.ctx} title={t('pdocs.title')}>
      <h1>{company.name}</h1>
      <CompanyNav ctx={p.ctx} company={company} role={p.request.companyRole!} current="phishing-results" />
      <h2>{t('pdocs.title')}</h2>
      <p>{t('pdocs.lead')}</p>
      {DOCUMENT_IDS.map((id) => (
        <section class="card" data-document={id}>
          <h3>{p.titles[id][locale]}</h3>
          <p>{t('pdocs.open')}</p>
          <ul class="plain">
            {LOCALES.map((l) => (
              <li>
                <a href={`${base}/${id}?in=${l}`} hreflang={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </a>{' '}
                (
                <a href={`${base}/${id}?in=${l}&format=pdf`} hreflang={l}>
                  PDF
                </a>
                )
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p class="hint">
        {t('pdocs.reviewed', { date: p.review.date })} {p.review.sources.join(' · ')}
      </p>
    </Layout>
  );
}

/** One document in one language: the frame follows the page language, the document its own (lang attribute). */
export function DocumentPage(p: { ctx: PageCtx; request: FastifyRequest; doc: DocumentText; docLocale: Locale }) {
  const company = p.request.company!;
  return (
    <Layout ctx={p.ctx} title={p.doc.title}>
      <article lang={p.docLocale} class="document" data-testid="document">
        <h1>{p.doc.title}</h1>
        {p.doc.sections.map((s) => (
          <section>
            <h2>{s.heading}</h2>
            {s.paragraphs.map((x) => (
              <p>{x}</p>
            ))}
          </section>
        ))}
        <p>{company.name}</p>
      </article>
    </Layout>
  );
}
