/** The insurance-readiness page of a company: one block per question area with status, evidence and what to do. */
import type { Company, Role } from '../../../core/company-profile.ts';
import { can } from '../../../core/company-profile.ts';
import { INSURANCE_SOURCES } from '../../../core/insurance/readiness.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import type { PresentedArea, PresentedGap } from './insurance-presenter.ts';

function GapItem(p: { ctx: PageCtx; gap: PresentedGap }) {
  const { t } = p.ctx;
  const g = p.gap;
  const links = [
    g.planUrl ? { href: g.planUrl, label: t('insurance.todo.plan') } : null,
    g.answerUrl ? { href: g.answerUrl, label: t('insurance.todo.answer') } : null,
    g.articleUrl ? { href: g.articleUrl, label: t('insurance.todo.read') } : null,
  ].filter((x) => x !== null);
  return (
    <li data-gap={g.controlId}>
      {g.title}
      {links.map((l) => (
        <>
          {' · '}
          <a href={l.href}>{l.label}</a>
        </>
      ))}
    </li>
  );
}

export function InsurancePage(p: {
  ctx: PageCtx;
  company: Company;
  role: Role;
  areas: PresentedArea[];
  summaryText: string;
  basedOnText: string | null;
}) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  return (
    <Layout ctx={p.ctx} title={t('insurance.title')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="insurance" />
      <h2>{t('insurance.title')}</h2>
      <p class="lead">{t('insurance.lead')}</p>
      <Notice kind="info">{t('insurance.disclaimer')}</Notice>
      {p.basedOnText === null ? (
        <Notice kind="warn">
          {t('insurance.no_assessment')} {can(p.role, 'assess') ? <a href={`${base}/assessment`}>{t('insurance.start')}</a> : null}
        </Notice>
      ) : (
        <p class="hint">{p.basedOnText}</p>
      )}
      <p data-testid="insurance-summary">
        <strong>{p.summaryText}</strong>
      </p>
      <p>
        <a href={`${base}/insurance.pdf`} download>
          {t('insurance.pdf')}
        </a>
      </p>
      <ol class="plain insurance-areas">
        {p.areas.map((a) => (
          <li data-area={a.area} data-status={a.status} id={`area-${a.area}`}>
            <section aria-labelledby={`h-${a.area}`}>
              <h3 id={`h-${a.area}`}>{a.title}</h3>
              <p class={`insurance-status status-${a.status}`}>
                <strong>{t('insurance.status', { status: a.statusText })}</strong>
              </p>
              <p class="hint">{t('insurance.asks', { question: a.question })}</p>
              <h4>{t('insurance.evidence')}</h4>
              <ul class="evidence">
                {a.evidence.map((e) => (
                  <li>{e}</li>
                ))}
              </ul>
              <h4>{t('insurance.todo')}</h4>
              {a.gaps.length === 0 ? (
                <p>{t('insurance.todo.none')}</p>
              ) : (
                <ul class="gaps">
                  {a.gaps.map((g) => (
                    <GapItem ctx={p.ctx} gap={g} />
                  ))}
                </ul>
              )}
            </section>
          </li>
        ))}
      </ol>
      <h2>{t('insurance.sources')}</h2>
      <ul>
        {INSURANCE_SOURCES.map((s) => (
          <li>
            <a href={s.url} rel="noopener">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
