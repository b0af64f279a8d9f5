/**
 * The owner's view of phishing practice: the report rate first, counts with a 95% range, machines set apart, groups
 * only from 5 people, people only by code. No ranking, no names (docs/phishing.md).
 */
import type { FastifyRequest } from 'fastify';
import type { CampaignSummary } from '../../../app/phishing-results.ts';
import { OTHER_GROUPS, type CampaignResults, type Outcomes, type Proportion } from '../../../core/phishing/results.ts';
import { SCANNER_REASONS } from '../../../core/phishing/scanner-filter.ts';
import type { T } from '../../../i18n/index.ts';
import { BarChart, LineChart } from '../ui/charts.tsx';
import { CompanyNav } from '../ui/company-nav.tsx';
import { colon, formatDateTime, Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { dateTimeFormat, numberFormat } from '../../../i18n/intl.ts';

export function percent(x: number | null, locale: string): string {
  return x === null ? '–' : numberFormat(`${locale}-BE`, { style: 'percent', maximumFractionDigits: 0 }).format(x);
}

export function proportionText(p: Proportion, t: T, locale: string): string {
  const base = t('presults.count_of', { count: p.count, total: p.total });
  if (p.rate === null) return base;
  return `${base} · ${percent(p.rate, locale)} (${t('presults.range', { low: percent(p.low, locale), high: percent(p.high, locale) })})`;
}

export function durationText(seconds: number, t: T): string {
  if (seconds < 3600) return t('presults.minutes', { n: Math.max(1, Math.round(seconds / 60)) });
  if (seconds < 48 * 3600) return t('presults.hours', { n: Math.round(seconds / 3600) });
  return t('presults.days', { n: Math.round(seconds / 86400) });
}

const groupName = (g: string, t: T) => (g === OTHER_GROUPS ? t('presults.other_groups') : g === '' ? t('presults.no_group') : g);

function MeasuresTable(p: { ctx: PageCtx; o: Outcomes; caption: string }) {
  const { t, locale } = p.ctx;
  const rows: [string, Proportion][] = [
    [t('presults.reported'), p.o.reported],
    [t('presults.clicked'), p.o.clicked],
    [t('presults.submitted'), p.o.submitted],
    [t('presults.opened'), p.o.opened],
  ];
  return (
    <div class="table-scroll">
      <table class="stack">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('presults.measure')}</th>
            <th scope="col">{t('presults.people_count')}</th>
            <th scope="col">{t('presults.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, pr]) => (
            <tr>
              <th scope="row">{label}</th>
              <td data-label={t('presults.people_count')}>{t('presults.count_of', { count: pr.count, total: pr.total })}</td>
              <td data-label={t('presults.share')}>{pr.rate === null ? '–' : `${percent(pr.rate, locale)} (${t('presults.range', { low: percent(pr.low, locale), high: percent(pr.high, locale) })})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CampaignResultsPage(p: { ctx: PageCtx; request: FastifyRequest; campaign: CampaignSummary; results: CampaignResults }) {
  const { t, locale } = p.ctx;
  const company = p.request.company!;
  const r = p.results;
  const o = r.totals;
  const title = t('presults.campaign_title', { name: p.campaign.name });
  return (
    <Layout ctx={p.ctx} title={title}>
      <h1>{company.name}</h1>
      <CompanyNav ctx={p.ctx} company={company} role={p.request.companyRole!} current="phishing-results" />
      <h2>{title}</h2>
      <p>{t('presults.started', { date: formatDateTime(p.campaign.startsAt, locale) })}</p>
      {p.campaign.purgedAt ? <Notice kind="info">{t('presults.purged')}</Notice> : null}
      <section class="card" data-testid="headline">
        <h3>{t('presults.reported')}</h3>
        <p class="big-number">{proportionText(o.reported, t, locale)}</p>
        <p>{o.secondsToFirstReport === null ? t('presults.no_report') : t('presults.first_report', { duration: durationText(o.secondsToFirstReport, t) })}</p>
        <p class="hint">{t('presults.range_explained')}</p>
      </section>
      <BarChart
        id="phishing-outcome"
        title={t('presults.chart_title')}
        highIsBad
        rows={[
          { label: t('presults.clicked'), value: o.clicked.rate === null ? null : Math.round(o.clicked.rate * 100), valueText: proportionText(o.clicked, t, locale) },
          { label: t('presults.submitted'), value: o.submitted.rate === null ? null : Math.round(o.submitted.rate * 100), valueText: proportionText(o.submitted, t, locale) },
        ]}
        tableCaption={t('presults.chart_caption')}
        valueHeading={t('presults.share')}
      />
      <MeasuresTable ctx={p.ctx} o={o} caption={t('presults.title')} />
      <p>{t('presults.lessons', { count: r.lessons })}</p>
      <section data-testid="scanner">
        <h3>{t('presults.scanner_heading')}</h3>
        <p>{t('presults.scanner_lead', { count: r.scanner.total })}</p>
        <ul>
          {SCANNER_REASONS.filter((k) => (r.scanner.byReason[k] ?? 0) > 0).map((k) => (
            <li>
              {t(`presults.reason.${k}`)}
              {colon(locale)} {r.scanner.byReason[k]}
            </li>
          ))}
        </ul>
      </section>
      <section data-testid="groups">
        <h3>{t('presults.groups_heading')}</h3>
        <p>{t('presults.groups_rule')}</p>
        {r.groups.map((g) => (
          <MeasuresTable ctx={p.ctx} o={g.outcomes} caption={`${t('presults.group')}${colon(locale)} ${groupName(g.group, t)}`} />
        ))}
      </section>
      <section data-testid="people">
        <h3>{t('presults.people_heading')}</h3>
        {r.people === null ? (
          <p>{t('presults.people_hidden')}</p>
        ) : (
          <>
            <p>{t('presults.people_rule')}</p>
            <div class="table-scroll">
              <table class="stack">
                <caption>{t('presults.people_heading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('presults.code')}</th>
                    <th scope="col">{t('presults.reported')}</th>
                    <th scope="col">{t('presults.clicked')}</th>
                    <th scope="col">{t('presults.submitted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.people.map((x) => (
                    <tr>
                      <th scope="row">{x.pseudonym}</th>
                      <td data-label={t('presults.reported')}>{x.reported ? t('presults.yes') : t('presults.no')}</td>
                      <td data-label={t('presults.clicked')}>{x.clicked ? t('presults.yes') : t('presults.no')}</td>
                      <td data-label={t('presults.submitted')}>{x.submitted ? t('presults.yes') : t('presults.no')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </Layout>
  );
}

export function OverviewPage(p: { ctx: PageCtx; request: FastifyRequest; items: { campaign: CampaignSummary; totals: Outcomes; scanner: number }[] }) {
  const { t, locale } = p.ctx;
  const company = p.request.company!;
  const base = `/${locale}/companies/${company.id}/phishing`;
  const date = (iso: string) => dateTimeFormat(`${locale}-BE`, { dateStyle: 'medium', timeZone: 'Europe/Brussels' }).format(new Date(iso));
  return (
    <Layout ctx={p.ctx} title={t('presults.title')}>
      <h1>{company.name}</h1>
      <CompanyNav ctx={p.ctx} company={company} role={p.request.companyRole!} current="phishing-results" />
      <h2>{t('presults.title')}</h2>
      <p>{t('presults.lead')}</p>
      <p>
        <a href={`${base}/documents`}>{t('presults.documents_link')}</a>
      </p>
      {p.items.length === 0 ? (
        <p>{t('presults.none')}</p>
      ) : (
        <>
          <LineChart
            id="phishing-reports"
            title={t('presults.over_time')}
            points={p.items.map((i) => ({ label: date(i.campaign.startsAt), value: i.totals.reported.rate === null ? null : Math.round(i.totals.reported.rate * 100) }))}
            tableCaption={t('presults.chart_caption')}
            valueHeading={t('presults.reported')}
            dateHeading={t('presults.date')}
          />
          <div class="table-scroll">
            <table class="stack" data-testid="campaigns">
              <caption>{t('presults.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('presults.campaign')}</th>
                  <th scope="col">{t('presults.date')}</th>
                  <th scope="col">{t('presults.reported')}</th>
                  <th scope="col">{t('presults.clicked')}</th>
                  <th scope="col">{t('presults.submitted')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr>
                    <th scope="row">
                      <a href={`${base}/campaigns/${i.campaign.id}/results`}>{i.campaign.name}</a>
                    </th>
                    <td data-label={t('presults.date')}>{date(i.campaign.startsAt)}</td>
                    <td data-label={t('presults.reported')}>{proportionText(i.totals.reported, t, locale)}</td>
                    <td data-label={t('presults.clicked')}>{proportionText(i.totals.clicked, t, locale)}</td>
                    <td data-label={t('presults.submitted')}>{proportionText(i.totals.submitted, t, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}
