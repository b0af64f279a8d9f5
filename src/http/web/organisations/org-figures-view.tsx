/**
 * The organisation dashboard's figures from the stored, pre-aggregated rows: maturity per function, the most common
 * gaps, answers per measure, adoption over time, incident mix and duties. Each chart is server-rendered SVG with
 * its table; a hidden figure reads "– (fewer than 10 companies)". Rules: docs/statistics.md, "Organisation figures".
 */
import { FUNCTIONS } from '../../../core/assessment/catalog.ts';
import type { CountCell, OrgFigures } from '../../../core/organisations/org-figures.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { BarChart } from '../ui/charts.tsx';
import { colon, formatDateTime } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';

export interface FigureLabels {
  control: (id: string) => string;
  category: (id: string) => string;
  duty: (id: string) => string;
}

export function OrgFiguresSection(p: { ctx: PageCtx; figures: OrgFigures; minimum: number; labels: FigureLabels }) {
  const { t, locale } = p.ctx;
  const f = p.figures;
  const fewer = t('orgfig.fewer', { min: p.minimum });
  const num = (v: number | null) => (v === null ? fewer : String(v));
  const countText = (c: CountCell) => (c.value === null ? fewer : t('orgfig.incident_count', { value: c.value, n: c.companies ?? 0 }));
  const total = f.incidents.total.value;
  const shareOfIncidents = (c: CountCell) => (c.value === null || !total ? null : Math.round((100 * c.value) / total));
  return (
    <>
      <p id="figures-as-of">{f.refreshedAt ? t('orgfig.as_of', { time: formatDateTime(f.refreshedAt, locale) }) : t('orgfig.not_yet')}</p>
      {f.refreshedAt && f.waiting && <p id="figures-waiting">{t('orgfig.waiting', { time: formatDateTime(f.refreshedAt, locale), min: p.minimum })}</p>}

      <h2>{t('orgfig.maturity.title')}</h2>
      <p>{t('orgfig.maturity.lead')}</p>
      <BarChart
        id="org-maturity"
        title={t('orgfig.maturity.title')}
        tableCaption={t('org.dash.table')}
        valueHeading={t('orgfig.col.median')}
        rows={FUNCTIONS.map((fn) => {
          const m = f.maturity[fn];
          return { label: t(`function.${fn}` as MessageKey), value: m.value, valueText: m.value === null ? fewer : t('orgfig.score', { value: m.value, n: m.companies }) };
        })}
      />

      <h2>{t('orgfig.gaps.title')}</h2>
      <p>{t('orgfig.gaps.lead')}</p>
      {f.topGaps.length === 0 ? (
        <p>{t('orgfig.gaps.none', { min: p.minimum })}</p>
      ) : (
        <BarChart
          id="org-gaps"
          highIsBad
          title={t('orgfig.gaps.title')}
          tableCaption={t('org.dash.table')}
          valueHeading={t('org.dash.share')}
          rows={f.topGaps.map((g) => ({ label: p.labels.control(g.controlId), value: g.share, valueText: t('org.dash.percent', { value: g.share, n: g.companies }) }))}
        />
      )}

      <h2>{t('orgfig.adoption.title')}</h2>
      <p>{t('orgfig.adoption.lead')}</p>
      <BarChart
        id="org-adoption"
        title={t('orgfig.adoption.title')}
        tableCaption={t('org.dash.table')}
        valueHeading={t('orgfig.col.in_place')}
        rows={f.adoption.map((a) => ({ label: a.quarter, value: a.inPlace, valueText: a.inPlace === null || a.assessed === null ? fewer : t('org.dash.percent', { value: a.inPlace, n: a.assessed }) }))}
      />

      <h2>{t('orgfig.incidents.title')}</h2>
      <p>{t('orgfig.incidents.lead')}</p>
      <p id="org-incidents-total">
        {`${t('orgfig.incidents.total')}${colon(locale)} ${countText(f.incidents.total)}`}
      </p>
      <BarChart
        id="org-incidents-rsit"
        title={t('orgfig.incidents.by_class')}
        tableCaption={t('org.dash.table')}
        valueHeading={t('orgfig.share_of_incidents')}
        rows={f.incidents.byRsitClass.map((c) => ({ label: t(`orgfig.rsit.${c.key}` as MessageKey), value: shareOfIncidents(c), valueText: countText(c) }))}
      />
      <CountTable id="org-incidents-category" ctx={p.ctx} caption={t('orgfig.incidents.by_category')} heading={t('orgfig.incidents.by_category')} rows={f.incidents.byCategory.filter((c) => c.value !== 0).map((c) => ({ label: p.labels.category(c.key), cell: c }))} fewer={fewer} />

      <h2>{t('orgfig.duties.title')}</h2>
      <p>{t('orgfig.duties.lead')}</p>
      {f.incidents.duties.length === 0 ? (
        <p>{t('orgfig.duties.none')}</p>
      ) : (
        <CountTable id="org-duties" ctx={p.ctx} caption={t('orgfig.duties.title')} heading={t('orgfig.col.duty')} rows={f.incidents.duties.map((c) => ({ label: p.labels.duty(c.key), cell: c }))} fewer={fewer} />
      )}

      <h2>{t('orgfig.controls.title')}</h2>
      <p>{t('orgfig.controls.lead', { min: p.minimum })}</p>
      {f.controls.length === 0 ? (
        <p>{t('orgfig.controls.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="stack" id="org-controls">
            <caption>{t('orgfig.controls.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orgfig.col.measure')}</th>
                <th scope="col">{t('orgfig.col.answered')}</th>
                <th scope="col">{t('orgfig.col.yes')}</th>
                <th scope="col">{t('orgfig.col.partly')}</th>
                <th scope="col">{t('orgfig.col.no')}</th>
                <th scope="col">{t('orgfig.col.unknown')}</th>
              </tr>
            </thead>
            <tbody>
              {f.controls.map((c) => (
                <tr>
                  <td data-label={t('orgfig.col.measure')}>{p.labels.control(c.controlId)}</td>
                  <td data-label={t('orgfig.col.answered')}>{num(c.answered)}</td>
                  <td data-label={t('orgfig.col.yes')}>{num(c.yes)}</td>
                  <td data-label={t('orgfig.col.partly')}>{num(c.partly)}</td>
                  <td data-label={t('orgfig.col.no')}>{num(c.no)}</td>
                  <td data-label={t('orgfig.col.unknown')}>{num(c.unknown)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CountTable(p: { id: string; ctx: PageCtx; caption: string; heading: string; rows: { label: string; cell: CountCell }[]; fewer: string }) {
  const { t } = p.ctx;
  return (
    <table class="stack" id={p.id}>
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{p.heading}</th>
          <th scope="col">{t('orgfig.col.incidents')}</th>
          <th scope="col">{t('orgfig.col.companies')}</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr>
            <td data-label={p.heading}>{r.label}</td>
            <td data-label={t('orgfig.col.incidents')}>{r.cell.value === null ? p.fewer : String(r.cell.value)}</td>
            <td data-label={t('orgfig.col.companies')}>{r.cell.companies === null ? '–' : String(r.cell.companies)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
