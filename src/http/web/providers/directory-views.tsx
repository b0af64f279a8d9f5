/**
 * The public directory of IT providers (issue 12), for a non-technical owner: a GET filter form that works without
 * JavaScript, one card per provider, and a detail page. Only claims that are verified and still valid say "checked
 * by Schild"; pending or expired ones say plainly that the provider declared them and nobody checked.
 */
import { LOCALES, type Locale } from '../../../core/locale.ts';
import type { CardClaim, DirectoryFilter, ProviderCard } from '../../../core/providers/directory.ts';
import { NACE_SECTIONS, PROVIDER_REGIONS, PROVIDER_SERVICES, descriptionIn } from '../../../core/providers/profile.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { colon, ErrorSummary, SelectField } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { kindName } from './kind-name.ts';

/** Where the "how to choose an IT provider" checklist and the guide live (built by other parts of issue 12). */
export const CHECKLIST_PATH = 'it-provider-checklist';
export const GUIDE_SLUG = 'choosing-an-it-provider';

type T = PageCtx['t'];

function claimText(t: T, c: CardClaim): string {
  const kind = kindName(t, c.kind, c.label);
  return c.verified ? t('providers.claim.verified', { kind, issuer: c.issuer, date: c.validUntil }) : t('providers.claim.declared', { kind });
}

function Row(p: { locale: Locale; label: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
    </>
  );
}

function Facts(p: { ctx: PageCtx; card: ProviderCard; sectorTitle: (s: string) => string; full: boolean }) {
  const { t, locale } = p.ctx;
  const pr = p.card.profile;
  return (
    <dl class="facts">
      <Row locale={locale} label={t('providers.services')}>
        {pr.services.map((s) => t(`provider.service.${s}` as MessageKey)).join(', ')}
      </Row>
      <Row locale={locale} label={t('providers.regions')}>
        {pr.regions.map((r) => t(`region.${r}` as MessageKey)).join(', ')}
      </Row>
      <Row locale={locale} label={t('providers.languages')}>
        {pr.languages.map((l) => t(`language.${l}` as MessageKey)).join(', ')}
      </Row>
      {p.full && pr.sectors.length > 0 ? (
        <Row locale={locale} label={t('providers.sectors')}>
          {pr.sectors.map((s) => p.sectorTitle(s)).join(', ')}
        </Row>
      ) : null}
    </dl>
  );
}

function Badges(p: { ctx: PageCtx; card: ProviderCard }) {
  const { t } = p.ctx;
  return (
    <ul class="plain" data-testid="claims">
      <li>
        <span class="tag" data-testid="org-status">
          {p.card.verifiedAt ? t('providers.org_verified') : t('providers.org_unverified')}
        </span>
      </li>
      {p.card.claims.map((c) => (
        <li data-verified={c.verified ? 'yes' : 'no'}>{claimText(t, c)}</li>
      ))}
      {p.card.trackCompleted ? <li data-testid="track">{t('providers.track')}</li> : null}
    </ul>
  );
}

export interface DirectoryPageProps {
  ctx: PageCtx;
  filter: DirectoryFilter;
  sectorTitle: (s: string) => string;
  result: { items: ProviderCard[]; page: number; pages: number; total: number } | null;
  errors?: Record<string, string> | undefined;
}

function filterQuery(f: DirectoryFilter, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function DirectoryPage(p: DirectoryPageProps) {
  const { t, locale } = p.ctx;
  const any = { value: '', label: t('providers.filter.any') };
  const r = p.result;
  return (
    <Layout ctx={p.ctx} title={t('providers.title')}>
      <h1>{t('providers.title')}</h1>
      <p class="lead">{t('providers.lead')}</p>
      <p>
        <a href={`/${locale}/${CHECKLIST_PATH}`}>{t('providers.choose_help')}</a>
        <br />
        <a href={`/${locale}/articles/${GUIDE_SLUG}`}>{t('providers.guide')}</a>
      </p>
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <form method="get" action={`/${locale}/providers`} role="search" aria-label={t('providers.filter.heading')}>
        <SelectField name="region" label={t('providers.filter.region')} options={[any, ...PROVIDER_REGIONS.map((x) => ({ value: x, label: t(`region.${x}` as MessageKey) }))]} value={p.filter.region ?? ''} error={p.errors?.region} />
        <SelectField name="language" label={t('providers.filter.language')} options={[any, ...LOCALES.map((x) => ({ value: x, label: t(`language.${x}` as MessageKey) }))]} value={p.filter.language ?? ''} error={p.errors?.language} />
        <SelectField name="sector" label={t('providers.filter.sector')} options={[any, ...NACE_SECTIONS.map((x) => ({ value: x, label: p.sectorTitle(x) }))]} value={p.filter.sector ?? ''} error={p.errors?.sector} />
        <SelectField name="service" label={t('providers.filter.service')} options={[any, ...PROVIDER_SERVICES.map((x) => ({ value: x, label: t(`provider.service.${x}` as MessageKey) }))]} value={p.filter.service ?? ''} error={p.errors?.service} />
        <button type="submit">{t('providers.filter.apply')}</button>
      </form>
      <p class="hint">{t('providers.what_checked')}</p>
      {r ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t('providers.count', { count: r.total })}</h2>
          {r.total === 0 ? <p data-testid="no-providers">{t('providers.none')}</p> : null}
          <ul class="cards" data-testid="providers">
            {r.items.map((c) => {
              const d = descriptionIn(c.profile.description, locale);
              return (
                <li class="card" data-testid="provider" data-provider={c.organisationId}>
                  <h3>
                    <a href={`/${locale}/providers/${c.organisationId}`}>{c.name}</a>
                  </h3>
                  <Badges ctx={p.ctx} card={c} />
                  {d ? (
                    <p lang={d.locale} class="break">
                      {d.text.length > 200 ? `${d.text.slice(0, 200)}…` : d.text}
                    </p>
                  ) : null}
                  <Facts ctx={p.ctx} card={c} sectorTitle={p.sectorTitle} full={false} />
                  <p>
                    <a href={`/${locale}/providers/${c.organisationId}`}>{t('providers.more', { name: c.name })}</a>
                  </p>
                </li>
              );
            })}
          </ul>
          {r.pages > 1 ? (
            <nav aria-label={t('providers.pages')}>
              <p>
                {r.page > 1 ? <a href={`/${locale}/providers${filterQuery(p.filter, r.page - 1)}`}>{t('providers.prev')}</a> : null} {t('providers.page', { page: r.page, pages: r.pages })}{' '}
                {r.page < r.pages ? <a href={`/${locale}/providers${filterQuery(p.filter, r.page + 1)}`}>{t('providers.next')}</a> : null}
              </p>
            </nav>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

export function ProviderDetailPage(p: { ctx: PageCtx; card: ProviderCard; sectorTitle: (s: string) => string; ownedCompanies: { companyId: string; companyName: string }[] }) {
  const { t, locale } = p.ctx;
  const c = p.card;
  const d = descriptionIn(c.profile.description, locale);
  return (
    <Layout ctx={p.ctx} title={c.name} narrow>
      <p>
        <a href={`/${locale}/providers`}>{t('providers.back')}</a>
      </p>
      <h1>{c.name}</h1>
      <Badges ctx={p.ctx} card={c} />
      {d ? (
        <p lang={d.locale} class="break">
          {d.text}
        </p>
      ) : null}
      <Facts ctx={p.ctx} card={c} sectorTitle={p.sectorTitle} full />
      {c.claims.length > 0 ? (
        <details class="more">
          <summary>{t('provider.cert.about')}</summary>
          <dl class="facts">
            {[...new Set(c.claims.map((x) => x.kind))].map((k) => (
              <>
                <dt>{kindName(t, k)}</dt>
                <dd>{t(`provider.cert.explain.${k}` as MessageKey)}</dd>
              </>
            ))}
          </dl>
        </details>
      ) : null}
      <h2>{t('providers.contact')}</h2>
      <ul class="plain">
        {c.profile.website ? (
          <li class="break">
            {t('provider.field.website')}
            {colon(locale)}{' '}
            <a href={c.profile.website} rel="noopener noreferrer nofollow">
              {c.profile.website}
            </a>
          </li>
        ) : null}
        {c.profile.email ? (
          <li class="break">
            {t('provider.field.email')}
            {colon(locale)} <a href={`mailto:${c.profile.email}`}>{c.profile.email}</a>
          </li>
        ) : null}
        {c.profile.phone ? (
          <li>
            {t('provider.field.phone')}
            {colon(locale)} <a href={`tel:${c.profile.phone.replace(/[^+\d]/g, '')}`}>{c.profile.phone}</a>
          </li>
        ) : null}
      </ul>
      {p.ownedCompanies.length > 0 ? (
        <section aria-labelledby="share-heading">
          <h2 id="share-heading">{t('providers.share_heading')}</h2>
          <ul class="plain">
            {p.ownedCompanies.map((m) => (
              <li>
                <a href={`/${locale}/companies/${m.companyId}/providers?organisation=${c.organisationId}`}>{t('providers.share', { company: m.companyName })}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={`/${locale}/${CHECKLIST_PATH}`}>{t('providers.choose_help')}</a>
        <br />
        <a href={`/${locale}/articles/${GUIDE_SLUG}`}>{t('providers.guide')}</a>
      </p>
      <p class="hint">{t('providers.what_checked')}</p>
    </Layout>
  );
}
