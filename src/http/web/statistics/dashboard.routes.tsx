/**
 * The public analyst dashboard /:lang/statistics (issue 11): a GET filter form that works without JavaScript, then
 * maturity, measures, the most common gaps, adoption over time, incidents and duties for the chosen group. Read
 * from pre-aggregated tables only. A bad filter value answers 400 with a translated message and the unfiltered view.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../app/deps.ts';
import { statisticsDashboard, type DashboardView } from '../../../app/statistics-dashboard.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { negotiateLocale } from '../../../core/locale.ts';
import type { NaceList } from '../../../core/nace.ts';
import { REGIONS, SIZE_BANDS } from '../../../core/stats/cells.ts';
import type { FilterProblem } from '../../../core/stats/figures-filter.ts';
import { PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { ErrorSummary, Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { AdoptionSection, ControlsSection, GridSection, IncidentsSection, MaturitySection, regionLabel, sizeLabel, type Texts } from './dashboard-views.tsx';
import { dateTimeFormat } from '../../../i18n/intl.ts';

function Select(p: { name: string; label: string; value: string | null; options: [string, string][]; all: string; hint?: string }) {
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`f-${p.name}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <select id={`f-${p.name}`} name={p.name} aria-describedby={p.hint ? `f-${p.name}-hint` : undefined}>
        <option value="">{p.all}</option>
        {p.options.map(([v, label]) => (
          <option value={v} selected={v === p.value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function FilterForm({ ctx, view, nace }: { ctx: PageCtx; view: DashboardView; nace: NaceList }) {
  const { t, locale } = ctx;
  const f = view.filter;
  const sections = nace.entries.filter((e) => e.level === 'section').map((e): [string, string] => [e.code, `${e.code} — ${e.title[locale]}`]);
  const divisions = f.naceSection ? nace.entries.filter((e) => e.level === 'division' && e.parent === f.naceSection).map((e): [string, string] => [e.code, `${e.code} — ${e.title[locale]}`]) : [];
  return (
    <form method="get" action={`/${locale}/statistics`} class="card" aria-labelledby="filter-heading">
      <h2 id="filter-heading">{t('statsdash.filter.heading')}</h2>
      <Select name="naceSection" label={t('statsdash.filter.section')} value={f.naceSection} options={sections} all={t('statsdash.filter.all')} />
      {f.naceSection ? (
        <Select name="naceDivision" label={t('statsdash.filter.division')} value={f.naceDivision} options={divisions} all={t('statsdash.filter.all')} />
      ) : (
        <p class="hint">{t('statsdash.filter.division_hint')}</p>
      )}
      <Select name="sizeBand" label={t('statsdash.filter.size')} value={f.sizeBand} options={SIZE_BANDS.map((b): [string, string] => [b, sizeLabel(t, b)])} all={t('statsdash.filter.all')} />
      <Select name="region" label={t('statsdash.filter.region')} value={f.region} options={REGIONS.map((r): [string, string] => [r, regionLabel(t, r)])} all={t('statsdash.filter.all')} />
      <Select name="quarter" label={t('statsdash.filter.quarter')} value={f.quarter} options={view.quarters.map((q): [string, string] => [q, q])} all={t('statsdash.filter.latest')} />
      <button type="submit" class="button">
        {t('statsdash.filter.submit')}
      </button>
    </form>
  );
}

function DashboardPage({ ctx, view, problems, nace, texts }: { ctx: PageCtx; view: DashboardView; problems: FilterProblem[]; nace: NaceList; texts: Texts }) {
  const { t, locale } = ctx;
  const f = view.figures;
  const when = view.refreshedAt ? dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(view.refreshedAt)) : null;
  const errors = Object.fromEntries(problems.map((p) => [p.field, t(p.message)]));
  return (
    <Layout ctx={ctx} title={t('statsdash.title')}>
      <h1>{t('statsdash.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} general={problems.length > 0 ? t('statsdash.bad') : undefined} />
      <p class="lead">{t('statsdash.lead')}</p>
      <p>{t('statsdash.about')}</p>
      <p data-testid="refreshed">{when ? t('statsdash.refreshed', { time: when }) : t('statsdash.never')}</p>
      <p>
        <a href={`/${locale}/open-data`}>{t('statsdash.open_data')}</a>
      </p>
      <FilterForm ctx={ctx} view={view} nace={nace} />
      {f ? (
        <>
          <Notice kind="info">
            <span data-testid="companies">{t('statsdash.companies', { count: f.companies === null ? '–' : String(f.companies) })}</span>
            {' · '}
            {t('statsdash.hidden_note')}
          </Notice>
          <GridSection ctx={ctx} f={f} />
          <MaturitySection ctx={ctx} f={f} />
          <ControlsSection ctx={ctx} f={f} texts={texts} />
          <AdoptionSection ctx={ctx} f={f} texts={texts} />
          <IncidentsSection ctx={ctx} f={f} texts={texts} />
        </>
      ) : null}
    </Layout>
  );
}

export function statisticsDashboardPageRoutes(deps: AppDeps, nace: NaceList, catalog: AssessmentCatalog, incidents: IncidentContent) {
  const texts: Texts = { catalog, incidents };
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/statistics', { config: { access: PUBLIC } }, async (request, reply) => {
      reply.header('vary', 'Accept-Language');
      return reply.redirect(`/${negotiateLocale(request.headers['accept-language'])}/statistics`, 302);
    });
    app.get('/:lang/statistics', { config: { access: PUBLIC } }, async (request, reply) => {
      const r = await statisticsDashboard(deps, nace, catalog, (request.query ?? {}) as Record<string, unknown>);
      const page = <DashboardPage ctx={pageCtx(request)} view={r.view} problems={r.ok ? [] : r.problems} nace={nace} texts={texts} />;
      return sendPage(reply, page, r.ok ? 200 : 400);
    });
  };
}
