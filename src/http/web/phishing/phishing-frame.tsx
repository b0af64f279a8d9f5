/** The frame of the phishing area's pages: company name, navigation (members) or a note (an IT partner with a grant). */
import type { ComponentChildren } from 'preact';
import type { FastifyRequest } from 'fastify';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';

export function PhishingFrame(p: { ctx: PageCtx; request: FastifyRequest; title: string; current: 'people' | 'phishing'; children: ComponentChildren }) {
  const { t, locale } = p.ctx;
  const company = p.request.company!;
  const role = p.request.companyRole;
  const base = `/${locale}/companies/${company.id}`;
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1>{company.name}</h1>
      {role ? (
        <CompanyNav ctx={p.ctx} company={company} role={role} current={p.current} />
      ) : (
        <>
          <p class="hint" data-testid="grantee-note">
            {t('grants.grantee_note')}
          </p>
          <nav aria-label={t('company.nav.label')}>
            <ul class="nav">
              <li>
                <a href={`${base}/phishing`} aria-current={p.current === 'phishing' ? 'page' : undefined}>
                  {t('company.nav.phishing')}
                </a>
              </li>
              <li>
                <a href={`${base}/people`} aria-current={p.current === 'people' ? 'page' : undefined}>
                  {t('company.nav.people')}
                </a>
              </li>
            </ul>
          </nav>
        </>
      )}
      {p.children}
    </Layout>
  );
}

/**
 * Where domains are confirmed: a link for the company's own people; for an IT partner who reaches the company through
 * a phishing grant (who may not open the domains page) the words say who does it instead.
 */
export function DomainLink(p: { ctx: PageCtx; request: FastifyRequest; base: string }) {
  if (p.request.companyGrant) return <span data-testid="verify-by-owner">{p.ctx.t('people.verify_by_owner')}</span>;
  return <a href={`${p.base}/domains`}>{p.ctx.t('people.verify_link')}</a>;
}
