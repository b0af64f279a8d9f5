/** The public list of support schemes by region, with a region filter that works without JavaScript. */
import { SCHEME_REGIONS, type SchemeRegion, type SupportScheme } from '../../../core/support/schemes.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { Notice, RadioGroup } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { dateTimeFormat } from '../../../i18n/intl.ts';

const regionLabel = (ctx: PageCtx, r: SchemeRegion) => (r === 'federal' ? ctx.t('support.region.federal') : ctx.t(`region.${r}` as MessageKey));

function longDate(date: string, locale: string): string {
  return dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function SchemeCard(p: { ctx: PageCtx; scheme: SupportScheme }) {
  const { t, locale } = p.ctx;
  const text = p.scheme.text[locale];
  return (
    <article class="scheme" id={p.scheme.id} data-scheme={p.scheme.id} aria-labelledby={`h-${p.scheme.id}`}>
      <h3 id={`h-${p.scheme.id}`}>{text.title}</h3>
      <p class="hint">{t('support.kinds', { kinds: p.scheme.kinds.map((k) => t(`support.kind.${k}` as MessageKey)).join(', ') })}</p>
      <h4>{t('support.pays')}</h4>
      <p>{text.pays}</p>
      <h4>{t('support.amount')}</h4>
      <p>{text.amount}</p>
      <h4>{t('support.conditions')}</h4>
      <ul>
        {text.conditions.map((c) => (
          <li>{c}</li>
        ))}
      </ul>
      {text.note ? <p>
          <strong>{text.note}</strong>
        </p> : null}
      <p>
        <a href={p.scheme.url} rel="noopener">
          {t('support.official')}
        </a>
      </p>
      <details>
        <summary>{t('support.sources')}</summary>
        <ul>
          {p.scheme.sources.map((s) => (
            <li>
              <a href={s.url} rel="noopener">
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}

export function SupportSchemesPage(p: { ctx: PageCtx; groups: { region: SchemeRegion; schemes: SupportScheme[] }[]; filter: SchemeRegion | null; reviewed: string; error?: string | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('support.title')} narrow>
      <h1>{t('support.title')}</h1>
      <p class="lead">{t('support.lead')}</p>
      {p.error ? <Notice kind="warn">{p.error}</Notice> : null}
      <form method="get" action={`/${locale}/support-schemes`} class="support-filter">
        <RadioGroup
          name="region"
          legend={t('support.filter.legend')}
          value={p.filter ?? ''}
          options={[{ value: '', label: t('support.filter.all') }, ...SCHEME_REGIONS.filter((r) => r !== 'federal').map((r) => ({ value: r, label: regionLabel(p.ctx, r) }))]}
        />
        <p class="hint">{t('support.filter.federal_too')}</p>
        <button type="submit">{t('support.filter.button')}</button>
      </form>
      {p.groups.map((g) => (
        <section aria-labelledby={`region-${g.region}`} data-region={g.region}>
          <h2 id={`region-${g.region}`}>{regionLabel(p.ctx, g.region)}</h2>
          {g.schemes.map((s) => (
            <SchemeCard ctx={p.ctx} scheme={s} />
          ))}
        </section>
      ))}
      <p class="hint">{t('support.disclaimer', { date: longDate(p.reviewed, locale) })}</p>
    </Layout>
  );
}
