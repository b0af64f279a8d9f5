/**
 * "Compare with similar companies" on the result page: the company's scores beside the median and middle half of
 * its NACE section and size band, as an SVG chart with the same numbers in a table, or why there is no comparison.
 */
import { FUNCTIONS } from '../../../core/assessment/catalog.ts';
import type { AssessmentResult } from '../../../core/assessment/engine.ts';
import { findNace, type NaceList } from '../../../core/nace.ts';
import type { Quartiles } from '../../../core/stats/peers.ts';
import type { PeerView } from '../../../app/statistics.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { Notice } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { numberFormat } from '../../../i18n/intl.ts';

interface Row {
  label: string;
  you: number | null;
  group: Quartiles | null;
}

const GLYPH_W = 7.4;

function PeerChart(p: { id: string; title: string; rows: Row[]; fmt: (n: number) => string }) {
  const rowH = 46;
  const barW = 260;
  const width = Math.ceil(Math.max(barW + 50, Math.max(0, ...p.rows.map((r) => r.label.length)) * GLYPH_W + 8));
  const x = (v: number) => (barW * Math.max(0, Math.min(100, v))) / 100;
  return (
    <svg class="bar-chart" viewBox={`0 0 ${width} ${p.rows.length * rowH + 6}`} role="img" aria-labelledby={`${p.id}-title`} focusable="false">
      {p.rows.map((r, i) => {
        const y = 4 + i * rowH;
        return (
          <g>
            <text x={0} y={y + 14} class="chart-label">
              {r.label}
            </text>
            <rect x={0} y={y + 20} width={barW} height={18} class="chart-track" />
            {r.group ? <rect x={x(r.group.p25)} y={y + 20} width={Math.max(2, x(r.group.p75) - x(r.group.p25))} height={18} fill="#9aa6a0" /> : null}
            {r.group ? <rect x={x(r.group.median) - 1.5} y={y + 17} width={3} height={24} fill="#1b1f1d" /> : null}
            {r.you === null ? null : <circle cx={x(r.you)} cy={y + 29} r={6} fill="#066b3a" stroke="#ffffff" stroke-width={2} />}
            <text x={barW + 6} y={y + 34} class="chart-value">
              {r.you === null ? '–' : p.fmt(r.you)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function PeersSection(p: { ctx: PageCtx; nace: NaceList; result: AssessmentResult; peers: PeerView }) {
  const { t, locale } = p.ctx;
  const number = numberFormat(locale, { maximumFractionDigits: 1 });
  const fmt = (n: number) => number.format(n);
  const sector = p.peers.naceSection ? (findNace(p.nace, p.peers.naceSection)?.title[locale] ?? p.peers.naceSection) : '';
  const size = p.peers.sizeBand ? t(`peers.size.${p.peers.sizeBand}` as MessageKey) : '';
  const group = p.peers.group;
  return (
    <section data-testid="peers">
      <h2>{t('peers.heading')}</h2>
      {!group ? (
        <Notice kind="info">{p.peers.reason === 'profile_incomplete' ? t('peers.no_profile') : t('peers.too_few', { sector, size })}</Notice>
      ) : (
        <>
          <p>{t('peers.intro', { sector, size, companies: number.format(group.companies) })}</p>
          <figure class="chart" aria-labelledby="peers-title">
            <figcaption id="peers-title">{t('peers.chart')}</figcaption>
            <div class="chart-pair">
              <div>
                <PeerChart
                  id="peers"
                  title={t('peers.chart')}
                  fmt={fmt}
                  rows={[
                    { label: t('doc.overall'), you: p.result.scores.overall, group: group.quartiles.overall },
                    ...FUNCTIONS.map((f) => ({ label: t(`function.${f}` as MessageKey), you: p.result.scores.byFunction[f], group: group.quartiles.byFunction[f] })),
                  ]}
                />
                <p class="hint">{t('peers.legend')}</p>
              </div>
              <table class="chart-table">
                <caption>{t('peers.table')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('peers.col.figure')}</th>
                    <th scope="col">{t('peers.col.you')}</th>
                    <th scope="col">{t('peers.col.median')}</th>
                    <th scope="col">{t('peers.col.middle')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[
                    { label: t('doc.overall'), you: p.result.scores.overall, q: group.quartiles.overall },
                    ...FUNCTIONS.map((f) => ({ label: t(`function.${f}` as MessageKey), you: p.result.scores.byFunction[f], q: group.quartiles.byFunction[f] })),
                  ].map((r) => (
                    <tr>
                      <th scope="row">{r.label}</th>
                      <td>{r.you === null ? '–' : fmt(r.you)}</td>
                      <td>{r.q ? fmt(r.q.median) : '–'}</td>
                      <td>{r.q ? t('peers.range', { low: fmt(r.q.p25), high: fmt(r.q.p75) }) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        </>
      )}
    </section>
  );
}
