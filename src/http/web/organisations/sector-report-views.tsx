/**
 * The sector risk report, presented: one translated document (every figure already suppressed) that both the HTML
 * page and the PDF lay out, so the two always say the same. Four sections, each with its date and the small-cell note.
 */
import type { SectorReportBlock, SectorReportDocument } from '../../../adapters/pdf/sector-report-pdf.ts';
import type { SectorReport } from '../../../app/sector-report.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import type { Category } from '../../../core/incidents/triage.ts';
import type { Locale } from '../../../core/locale.ts';
import { FUNCTION_LEVEL } from '../../../core/organisations/dashboard.ts';
import { MIN_CELL_COMPANIES } from '../../../core/stats/cells.ts';
import type { ThreatRow } from '../../../core/stats/sector-report.ts';
import type { Organisation } from '../../../db/repositories/organisation.repository.ts';
import type { MessageKey, T } from '../../../i18n/index.ts';
import { categoryLabel } from '../../presenters/incidents.ts';
import type { PageCtx } from '../ui/page-context.ts';
import { OrgFrame } from './org-views.tsx';
import { dateTimeFormat, numberFormat } from '../../../i18n/intl.ts';

const HIDDEN = '–';
/** How many plan steps of each recommended action the report repeats. */
const STEPS = 3;

function longDate(iso: string | Date, locale: Locale): string {
  return dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(new Date(iso));
}

export function sectorReportDocument(r: SectorReport, o: { org: Organisation; catalog: AssessmentCatalog; incidents: IncidentContent; t: T; locale: Locale; now: Date }): SectorReportDocument {
  const { t, locale, catalog } = o;
  const min = MIN_CELL_COMPANIES;
  const number = numberFormat(`${locale}-BE`, { maximumFractionDigits: 1 });
  const note = r.refreshedAt ? t('sreport.section_note', { date: longDate(r.refreshedAt, locale), min }) : t('sreport.no_figures');
  const shown = (v: number | null) => (v === null ? HIDDEN : number.format(v));
  const percent = (v: number | null) => (v === null ? HIDDEN : `${number.format(v)}${locale === 'en' ? '' : '\u00a0'}%`);
  const threatRows = (rows: ThreatRow[], label: (m: string) => string) => rows.map((x) => [label(x.measure), shown(x.value), percent(x.share)]);
  const threatHeader = [t('sreport.col.kind'), t('sreport.col.incidents'), t('sreport.col.share')];
  const noFigures: SectorReportBlock = { kind: 'text', text: t('sreport.no_figures') };

  const threatBlocks: SectorReportBlock[] =
    r.quarters.length === 0
      ? [noFigures]
      : [
          { kind: 'table', caption: t('sreport.threats.by_class'), header: threatHeader, rows: threatRows(r.threats.byClass, (m) => t(`rsit.${m.slice('incident:rsit:'.length)}` as MessageKey)), widths: [0.6, 0.2, 0.2] },
          {
            kind: 'table',
            caption: t('sreport.threats.by_category'),
            header: threatHeader,
            rows: [[t('sreport.threats.total'), shown(r.threats.total.value), percent(r.threats.total.value === null ? null : 100)], ...threatRows(r.threats.byCategory, (m) => categoryLabel(o.incidents, m.slice('incident:category:'.length) as Category, locale))],
            widths: [0.6, 0.2, 0.2],
          },
        ];

  const overall = r.maturity.find((m) => m.part === 'overall')!;
  const members = r.members;
  const maturityRows = r.maturity.map((m) => {
    const label = m.part === 'overall' ? t('sreport.maturity.overall') : t(`function.${m.part}` as MessageKey);
    const own = m.part === 'overall' ? shown(members.medianScore.value) : members.functionsAbove[m.part].value === null ? HIDDEN : t('sreport.maturity.above', { value: members.functionsAbove[m.part].value!, level: FUNCTION_LEVEL });
    return [label, shown(m.median), own];
  });

  const title = (id: string) => catalog.controls.find((c) => c.id === id)?.text[locale].title ?? id;
  const threatName = (id: string) => catalog.threats.find((x) => x.id === id)?.text[locale].name ?? id;
  const gapText = (share: number, n: number) => t('sreport.gaps.share', { value: share, n });

  return {
    lang: locale,
    title: t('sreport.title'),
    subtitle: t('sreport.subtitle', { organisation: o.org.name, sectors: o.org.sectors.join(', ') }),
    generatedLabel: t('sreport.generated', { date: longDate(o.now, locale) }),
    footer: t('sreport.footer', { min }),
    sections: [
      { heading: t('sreport.threats.heading'), note, lead: t('sreport.threats.lead'), blocks: threatBlocks },
      {
        heading: t('sreport.maturity.heading'),
        note,
        lead: `${t('sreport.maturity.lead')} ${t('sreport.maturity.members_note', { level: FUNCTION_LEVEL })}`,
        blocks: [
          {
            kind: 'table',
            caption: t('sreport.maturity.table'),
            header: [t('sreport.maturity.col.part'), t('sreport.maturity.col.sector', { n: overall.companies }), t('sreport.maturity.col.members', { n: members.counting })],
            rows: maturityRows,
            widths: [0.4, 0.3, 0.3],
          },
        ],
      },
      {
        heading: t('sreport.gaps.heading'),
        note,
        lead: t('sreport.gaps.lead'),
        blocks: r.gaps.length === 0 ? [noFigures] : [{ kind: 'table', caption: t('sreport.gaps.table'), header: [t('measures.col.measure'), t('sreport.gaps.col.missing')], rows: r.gaps.map((g) => [title(g.controlId), gapText(g.share, g.answered)]), widths: [0.6, 0.4] }],
      },
      {
        heading: t('sreport.actions.heading'),
        note,
        lead: r.heavierThreats.length > 0 ? t('sreport.actions.lead', { threats: r.heavierThreats.map(threatName).join(', ') }) : t('sreport.actions.lead_plain'),
        blocks:
          r.actions.length === 0
            ? [noFigures]
            : [
                {
                  kind: 'items',
                  items: r.actions.map((a) => ({
                    title: a.control.text[locale].title,
                    meta: gapText(a.gap.share, a.gap.answered) + (a.sectorThreats.length > 0 ? ` · ${a.sectorThreats.map(threatName).join(', ')}` : ''),
                    text: a.control.text[locale].why,
                    steps: a.control.text[locale].steps.slice(0, STEPS),
                  })),
                },
              ],
      },
    ],
  };
}

function Block({ block, id }: { block: SectorReportBlock; id: string }) {
  if (block.kind === 'text') return <p>{block.text}</p>;
  if (block.kind === 'items') {
    return (
      <ol>
        {block.items.map((i) => (
          <li>
            <strong>{i.title}</strong>
            <br />
            <small>{i.meta}</small>
            <p>{i.text}</p>
            <ul>
              {i.steps.map((s) => (
                <li>{s}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <table class="stack" id={id}>
      <caption>{block.caption}</caption>
      <thead>
        <tr>
          {block.header.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {block.rows.map((row) => (
          <tr>
            {row.map((cell, k) => (
              <td data-label={block.header[k]}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SectorReportPage(p: { ctx: PageCtx; org: Organisation; doc: SectorReportDocument }) {
  const { t, locale } = p.ctx;
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={p.doc.title} current="dashboard">
      <p class="lead">{p.doc.subtitle}</p>
      <p>
        <small>{p.doc.generatedLabel}</small>
      </p>
      <p>
        <a class="button secondary" href={`/${locale}/orgs/${p.org.id}/report.pdf`} download>
          {t('sreport.download')}
        </a>
      </p>
      {p.doc.sections.map((s, i) => (
        <section aria-labelledby={`sreport-${i}`}>
          <h2 id={`sreport-${i}`}>{s.heading}</h2>
          <p class="hint">{s.note}</p>
          <p>{s.lead}</p>
          {s.blocks.map((b, k) => (
            <Block block={b} id={`sreport-${i}-${k}`} />
          ))}
        </section>
      ))}
      <p>
        <small>{p.doc.footer}</small>
      </p>
    </OrgFrame>
  );
}
