/**
 * The public dashboard's sections: every chart is server-rendered SVG with its table (ui/charts.tsx); a hidden figure
 * shows as "–" with the note "fewer than 10 companies". Wide tables scroll inside their own focusable box at 360 px.
 */
import type { ComponentChildren } from 'preact';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { ANSWERS } from '../../../core/assessment/engine.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import type { DashboardFigures, IncidentFigure } from '../../../core/stats/figures.ts';
import type { Quartiles } from '../../../core/stats/peers.ts';
import { FUNCTIONS } from '../../../core/assessment/catalog.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { BarChart, LineChart } from '../ui/charts.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { numberFormat } from '../../../i18n/intl.ts';

export const DASH = '–';

export interface Texts {
  catalog: AssessmentCatalog;
  incidents: IncidentContent;
}

export function sizeLabel(t: PageCtx['t'], band: string): string {
  return band === 'all' ? t('statsdash.total') : t(`peers.size.${band}` as MessageKey);
}
export function regionLabel(t: PageCtx['t'], region: string): string {
  if (region === 'all') return t('statsdash.total');
  return region === 'unknown' ? t('statsdash.region.unknown') : t(`region.${region}` as MessageKey);
}

export function Scroll(p: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={p.label} tabIndex={0}>
      {p.children}
    </div>
  );
}

function num(ctx: PageCtx, v: number | null): string {
  return v === null ? DASH : numberFormat(`${ctx.locale}-BE`, { maximumFractionDigits: 1 }).format(v);
}

export function GridSection({ ctx, f }: { ctx: PageCtx; f: DashboardFigures }) {
  const { t } = ctx;
  const bands = [...new Set(f.regionBySize.map((c) => c.sizeBand))];
  const regions = [...new Set(f.regionBySize.map((c) => c.region))];
  const at = (b: string, r: string) => f.regionBySize.find((c) => c.sizeBand === b && c.region === r)?.companies ?? null;
  return (
    <section>
      <h2>{t('statsdash.grid.heading')}</h2>
      <Scroll label={t('statsdash.grid.heading')}>
        <table data-testid="grid">
          <thead>
            <tr>
              <th scope="col">{t('statsdash.filter.size')}</th>
              {regions.map((r) => (
                <th scope="col">{regionLabel(t, r)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bands.map((b) => (
              <tr>
                <th scope="row">{sizeLabel(t, b)}</th>
                {regions.map((r) => (
                  <td>{num(ctx, at(b, r))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

export function MaturitySection({ ctx, f }: { ctx: PageCtx; f: DashboardFigures }) {
  const { t } = ctx;
  const row = (label: string, q: Quartiles | null) => ({
    label,
    value: q === null ? null : Math.round(q.median),
    valueText: q === null ? DASH : `${num(ctx, q.median)} (${t('peers.range', { low: num(ctx, q.p25), high: num(ctx, q.p75) })}; ${q.companies})`,
  });
  const rows = [row(t('statsdash.maturity.overall'), f.maturity.overall), ...FUNCTIONS.map((fn) => row(t(`function.${fn}`), f.maturity.byFunction[fn]))];
  return (
    <section data-testid="maturity">
      <h2>{t('statsdash.maturity.heading')}</h2>
      <p>{t('statsdash.maturity.intro')}</p>
      <BarChart id="maturity" title={t('statsdash.maturity.chart')} rows={rows} tableCaption={t('statsdash.table')} valueHeading={`${t('statsdash.col.median')} (${t('statsdash.col.quartiles')}; ${t('statsdash.col.companies')})`} />
    </section>
  );
}

export function ControlsSection({ ctx, f, texts }: { ctx: PageCtx; f: DashboardFigures; texts: Texts }) {
  const { t, locale } = ctx;
  const title = (id: string) => texts.catalog.controls.find((c) => c.id === id)?.text[locale].title ?? id;
  const sorted = [...f.controls].filter((c) => c.answered !== null).sort((a, b) => (b.shares.no ?? -1) - (a.shares.no ?? -1) || a.id.localeCompare(b.id));
  return (
    <section data-testid="controls">
      <h2>{t('statsdash.gaps.heading')}</h2>
      {f.gaps.length === 0 ? (
        <p>{t('statsdash.gaps.none')}</p>
      ) : (
        <BarChart
          id="gaps"
          highIsBad
          title={t('statsdash.gaps.chart')}
          rows={f.gaps.map((g) => ({ label: title(g.id), value: g.shares.no, valueText: `${num(ctx, g.shares.no)} %` }))}
          tableCaption={t('statsdash.table')}
          valueHeading={t('statsdash.col.share')}
        />
      )}
      <h2>{t('statsdash.controls.heading')}</h2>
      <p>{t('statsdash.controls.intro')}</p>
      {sorted.length === 0 ? (
        <p>{t('statsdash.none')}</p>
      ) : (
        <Scroll label={t('statsdash.controls.heading')}>
          <table data-testid="controls-table">
            <thead>
              <tr>
                <th scope="col">{t('statsdash.col.measure')}</th>
                <th scope="col">{t('statsdash.col.answered')}</th>
                {ANSWERS.map((a) => (
                  <th scope="col">{`${t(`answer.${a}`)} (%)`}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((c) => (
                <tr>
                  <th scope="row">{title(c.id)}</th>
                  <td>{num(ctx, c.answered)}</td>
                  {ANSWERS.map((a) => (
                    <td>{num(ctx, c.shares[a])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}

export function AdoptionSection({ ctx, f, texts }: { ctx: PageCtx; f: DashboardFigures; texts: Texts }) {
  const { t, locale } = ctx;
  const title = (id: string) => texts.catalog.controls.find((c) => c.id === id)?.text[locale].title ?? id;
  const rows = f.adoption.filter((a) => a.quarters.some((q) => q.shareYes !== null));
  return (
    <section data-testid="adoption">
      <h2>{t('statsdash.adoption.heading')}</h2>
      <LineChart
        id="adoption"
        title={t('statsdash.adoption.chart')}
        points={f.adoptionMedian.map((p) => ({ label: p.quarter, value: p.medianShareYes }))}
        tableCaption={t('statsdash.table')}
        valueHeading={t('statsdash.col.share')}
        dateHeading={t('statsdash.filter.quarter')}
      />
      {rows.length > 0 ? (
        <Scroll label={t('statsdash.adoption.table')}>
          <table>
            <caption>{t('statsdash.adoption.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statsdash.col.measure')}</th>
                {f.adoptionMedian.map((p) => (
                  <th scope="col">{p.quarter}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr>
                  <th scope="row">{title(a.controlId)}</th>
                  {a.quarters.map((q) => (
                    <td>{num(ctx, q.shareYes)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : null}
    </section>
  );
}

function incidentRows(ctx: PageCtx, rows: IncidentFigure[], total: number | null, label: (k: string) => string) {
  return rows.map((r) => {
    const share = r.incidents === null || total === null || total === 0 ? null : Math.round((r.incidents / total) * 1000) / 10;
    return { label: label(r.key), value: share, valueText: r.incidents === null ? DASH : `${num(ctx, r.incidents)} (${num(ctx, share)} %)` };
  });
}

export function IncidentsSection({ ctx, f, texts }: { ctx: PageCtx; f: DashboardFigures; texts: Texts }) {
  const { t, locale } = ctx;
  const total = f.incidents.total;
  return (
    <section data-testid="incidents">
      <h2>{t('statsdash.incidents.heading')}</h2>
      <p>{t('statsdash.incidents.intro', { count: num(ctx, total) })}</p>
      <BarChart id="rsit" highIsBad title={t('statsdash.rsit.chart')} rows={incidentRows(ctx, f.incidents.byRsit, total, (k) => t(`rsit.${k}` as MessageKey))} tableCaption={t('statsdash.table')} valueHeading={`${t('statsdash.col.incidents')} (${t('statsdash.col.share')})`} />
      <BarChart
        id="category"
        highIsBad
        title={t('statsdash.category.chart')}
        rows={incidentRows(ctx, f.incidents.byCategory, total, (k) => texts.incidents.categories[k as keyof IncidentContent['categories']]?.[locale].label ?? k)}
        tableCaption={t('statsdash.table')}
        valueHeading={`${t('statsdash.col.incidents')} (${t('statsdash.col.share')})`}
      />
      <h2>{t('statsdash.duties.heading')}</h2>
      <p>{t('statsdash.duties.intro')}</p>
      <table class="stack" data-testid="duties">
        <thead>
          <tr>
            <th scope="col">{t('statsdash.col.duty')}</th>
            <th scope="col">{t('statsdash.col.incidents')}</th>
          </tr>
        </thead>
        <tbody>
          {f.duties.map((d) => (
            <tr>
              <td data-label={t('statsdash.col.duty')}>{texts.incidents.obligations[d.key as keyof IncidentContent['obligations']]?.text[locale].title ?? d.key}</td>
              <td data-label={t('statsdash.col.incidents')}>{num(ctx, d.incidents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
