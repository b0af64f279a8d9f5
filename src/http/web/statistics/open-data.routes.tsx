/**
 * The public open-data page: what is counted, why small numbers are hidden, what the noise is, and each release with
 * its ε and downloads. Plain language first (DESIGN.md principle 1); the method in full is docs/statistics.md.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../app/deps.ts';
import { negotiateLocale } from '../../../core/locale.ts';
import { discreteLaplaceVariance } from '../../../core/stats/discrete-laplace.ts';
import { listReleases, type ReleaseSummary } from '../../../db/repositories/open-data.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { numberFormat } from '../../../i18n/intl.ts';

const SECTIONS = ['what', 'small', 'noise', 'epsilon'] as const;

/** The standard deviation of the noise on one interior figure: √(2α)/(1−α) with α = exp(−ε/Δ). */
function typicalNoise(r: ReleaseSummary): number {
  return Math.round(Math.sqrt(discreteLaplaceVariance(r.sensitivity / Number(r.epsilon))));
}

function OpenDataPage({ ctx, releases }: { ctx: PageCtx; releases: ReleaseSummary[] }) {
  const { t, locale } = ctx;
  const number = numberFormat(`${locale}-BE`, { maximumFractionDigits: 4 });
  return (
    <Layout ctx={ctx} title={t('opendata.title')} narrow>
      <h1>{t('opendata.title')}</h1>
      <p class="lead">{t('opendata.lead')}</p>
      <p>
        <a href={`/${locale}/statistics`}>{t('statsdash.link_from_open_data')}</a>
      </p>
      {SECTIONS.map((s) => (
        <section>
          <h2>{t(`opendata.${s}.heading` as MessageKey)}</h2>
          <p>{t(`opendata.${s}.text` as MessageKey)}</p>
        </section>
      ))}
      <h2>{t('opendata.releases.heading')}</h2>
      {releases.length === 0 ? (
        <p data-testid="no-releases">{t('opendata.releases.none')}</p>
      ) : (
        <table class="stack" data-testid="releases">
          <thead>
            <tr>
              <th scope="col">{t('opendata.col.release')}</th>
              <th scope="col">{t('opendata.col.epsilon')}</th>
              <th scope="col">{t('opendata.col.noise')}</th>
              <th scope="col">{t('opendata.col.download')}</th>
            </tr>
          </thead>
          <tbody>
            {releases.map((r) => (
              <tr>
                <td>{r.quarter}</td>
                <td data-testid="epsilon">{number.format(Number(r.epsilon))}</td>
                <td>{t('opendata.noise_value', { amount: number.format(typicalNoise(r)) })}</td>
                <td>
                  <a href={`/api/v1/open-data/${encodeURIComponent(r.release)}.csv`} download>
                    {t('opendata.download.csv', { quarter: r.quarter })}
                  </a>
                  {' · '}
                  <a href={`/api/v1/open-data/${encodeURIComponent(r.release)}.json`}>{t('opendata.download.json', { quarter: r.quarter })}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <small>{t('opendata.technical')}</small>
      </p>
    </Layout>
  );
}

export function openDataPageRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/open-data', { config: { access: PUBLIC } }, async (request, reply) => {
      reply.header('vary', 'Accept-Language');
      return reply.redirect(`/${negotiateLocale(request.headers['accept-language'])}/open-data`, 302);
    });
    app.get('/:lang/open-data', { config: { access: PUBLIC } }, async (request, reply) =>
      sendPage(reply, <OpenDataPage ctx={pageCtx(request)} releases={await listReleases(deps.db)} />),
    );
  };
}
