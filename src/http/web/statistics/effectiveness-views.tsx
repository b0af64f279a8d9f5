/**
 * The public "Do measures help?" page: a dot-and-whisker chart (server-rendered SVG, no script) of the share of
 * companies with an incident, with and without each measure, the same numbers in a table below it, and a prominent
 * warning that this is an association, not proof. Method: docs/statistics.md, "Effectiveness of measures".
 */
import type { MeasuresFigures } from '../../../app/effectiveness.ts';
import { MIN_CELL_COMPANIES } from '../../../core/stats/cells.ts';
import type { ControlEffectiveness, GroupFigure, Interval } from '../../../core/stats/effectiveness.ts';
import { formatDateTime } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { numberFormat } from '../../../i18n/intl.ts';

type Shown = ControlEffectiveness & { with: GroupFigure; without: GroupFigure; difference: { value: number; ci95: Interval } };
const isShown = (c: ControlEffectiveness): c is Shown => c.difference !== null;

/** Average glyph width of the 13px chart font in viewBox units (as in ui/charts.tsx). */
const GLYPH_W = 7.4;

function Whiskers(p: { ctx: PageCtx; controls: Shown[]; title: (id: string) => string; percent: (x: number) => string }) {
  const { t } = p.ctx;
  const plotW = 280;
  const rowH = 64;
  const top = 30;
  // The scale ends at the next 10 % above the highest interval end, so small rates stay readable.
  const max = Math.min(1, Math.max(0.1, Math.ceil(Math.max(...p.controls.flatMap((c) => [c.with.ci95[1], c.without.ci95[1]])) * 10) / 10));
  const longest = Math.max(0, ...p.controls.map((c) => p.title(c.controlId).length));
  const width = Math.ceil(Math.max(plotW + 70, longest * GLYPH_W + 8));
  const height = top + p.controls.length * rowH + 24;
  const x = (v: number) => (plotW * Math.min(v, max)) / max;
  const ticks = [0, max / 2, max];
  return (
    <svg class="bar-chart measures-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="measures-title" focusable="false">
      {/* Legend: the two groups differ by shape as well as colour (WCAG 1.4.1). */}
      <circle cx={6} cy={10} r={5} class="chart-point" />
      <text x={16} y={14} class="chart-label">
        {t('measures.group.with')}
      </text>
      <rect x={150} y={5} width={10} height={10} class="measures-without" />
      <text x={166} y={14} class="chart-label">
        {t('measures.group.without')}
      </text>
      {ticks.map((v) => (
        <g>
          <line x1={x(v)} x2={x(v)} y1={top} y2={height - 20} class="chart-grid" />
          <text x={x(v)} y={height - 6} text-anchor={v === 0 ? 'start' : v === max ? 'end' : 'middle'} class="chart-label">
            {p.percent(v)}
          </text>
        </g>
      ))}
      {p.controls.map((c, i) => {
        const y = top + i * rowH;
        return (
          <g>
            <text x={0} y={y + 14} class="chart-label">
              {p.title(c.controlId)}
            </text>
            <line x1={x(c.with.ci95[0])} x2={x(c.with.ci95[1])} y1={y + 28} y2={y + 28} class="measures-whisker" />
            <circle cx={x(c.with.rate)} cy={y + 28} r={5} class="chart-point" />
            <text x={plotW + 8} y={y + 32} class="chart-value">
              {p.percent(c.with.rate)}
            </text>
            <line x1={x(c.without.ci95[0])} x2={x(c.without.ci95[1])} y1={y + 46} y2={y + 46} class="measures-whisker" />
            <rect x={x(c.without.rate) - 5} y={y + 41} width={10} height={10} class="measures-without" />
            <text x={plotW + 8} y={y + 50} class="chart-value">
              {p.percent(c.without.rate)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function MeasuresPage(p: { ctx: PageCtx; figures: MeasuresFigures; title: (id: string) => string }) {
  const { t, locale } = p.ctx;
  const pct = numberFormat(`${locale}-BE`, { style: 'percent', maximumFractionDigits: 1 });
  const pts = numberFormat(`${locale}-BE`, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' });
  const percent = (v: number) => pct.format(v);
  // A real minus sign (U+2212), as typesetting rules for numbers ask, rather than a hyphen.
  const signed = (v: number) => pts.format(v * 100).replace('-', '\u2212');
  const interval = (i: Interval) => t('measures.range', { lo: pct.format(i[0]), hi: pct.format(i[1]) });
  const shown = p.figures.controls.filter(isShown);
  const hidden = p.figures.controls.filter((c) => !isShown(c));
  const min = MIN_CELL_COMPANIES;
  const cols = [t('measures.col.group'), t('measures.col.companies'), t('measures.col.incident'), t('measures.col.rate'), t('measures.col.ci')];
  const groupCells = (label: string, g: GroupFigure) =>
    [label, String(g.companies), String(g.withIncident), percent(g.rate), interval(g.ci95)].map((v, k) => <td data-label={cols[k]}>{v}</td>);
  return (
    <Layout ctx={p.ctx} title={t('measures.title')}>
      <h1>{t('measures.title')}</h1>
      <p class="lead">{t('measures.lead')}</p>
      <section class="notice warn" aria-labelledby="measures-warning" data-testid="association-warning">
        <h2 id="measures-warning">{t('measures.warning.heading')}</h2>
        <p>{t('measures.warning.intro')}</p>
        <ul>
          <li>{t('measures.warning.others')}</li>
          <li>{t('measures.warning.voluntary')}</li>
          <li>{t('measures.warning.who')}</li>
          <li>{t('measures.warning.chance')}</li>
        </ul>
      </section>
      {p.figures.refreshedAt ? <p>{t('measures.refreshed', { date: formatDateTime(p.figures.refreshedAt, locale) })}</p> : null}
      {shown.length === 0 ? (
        <p data-testid="no-measures">{t('measures.none', { min })}</p>
      ) : (
        <figure class="chart" aria-labelledby="measures-title">
          <figcaption id="measures-title">{t('measures.chart.title')}</figcaption>
          <Whiskers ctx={p.ctx} controls={shown} title={p.title} percent={percent} />
          <div class="table-scroll">
            <table class="stack chart-table" data-testid="measures-table">
              <caption>{t('measures.chart.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('measures.col.measure')}</th>
                  {cols.map((c) => (
                    <th scope="col">{c}</th>
                  ))}
                  <th scope="col">{t('measures.col.difference')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.flatMap((c) => [
                  <tr data-control={c.controlId}>
                    <td data-label={t('measures.col.measure')}>
                      <strong>{p.title(c.controlId)}</strong>
                    </td>
                    {groupCells(t('measures.group.with'), c.with)}
                    <td data-label={t('measures.col.difference')} data-testid="difference">
                      {t('measures.points', { value: signed(c.difference.value) })} ({t('measures.range', { lo: signed(c.difference.ci95[0]), hi: signed(c.difference.ci95[1]) })})
                    </td>
                  </tr>,
                  <tr data-control={c.controlId}>
                    <td data-label={t('measures.col.measure')}>{p.title(c.controlId)}</td>
                    {groupCells(t('measures.group.without'), c.without)}
                    <td data-label={t('measures.col.difference')}>–</td>
                  </tr>,
                ])}
              </tbody>
            </table>
          </div>
        </figure>
      )}
      <h2>{t('measures.hidden.heading')}</h2>
      <p>{t('measures.hidden.text', { min })}</p>
      <ul data-testid="hidden-measures">
        {hidden.map((c) => (
          <li>{p.title(c.controlId)}</li>
        ))}
      </ul>
      <p>
        <small>{t('measures.method', { days: p.figures.followUpDays, min })}</small>
      </p>
      <p>
        <a href="/api/v1/statistics/measures">{t('measures.more')}</a>
      </p>
    </Layout>
  );
}
