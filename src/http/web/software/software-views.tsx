/** The company's software page: plan items, suggestions, the listed products with their facts and questions, adding. */
import { FACT_IDS, SOFTWARE_CATEGORIES, type Product, type SoftwareCatalogue } from '../../../core/software/catalogue.ts';
import { SETTING_IDS, SETTING_VALUES, type SoftwarePlanItem, type SoftwareSuggestion } from '../../../core/software/plan.ts';
import type { ListedSoftware } from '../../../app/software.ts';
import type { Company, Role } from '../../../core/company-profile.ts';
import { can } from '../../../core/company-profile.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Csrf, ErrorSummary, formatDay, Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { SoftwarePlanList } from './software-plan.tsx';


export interface SoftwarePageProps {
  ctx: PageCtx;
  company: Company;
  role: Role;
  catalogue: SoftwareCatalogue;
  listed: readonly ListedSoftware[];
  items: readonly SoftwarePlanItem[];
  suggestions: readonly SoftwareSuggestion[];
  notice?: MessageKey | undefined;
  /** A translated message for a refused form; the page is answered with 400 and nothing was saved. */
  error?: string | undefined;
}


function Facts(p: { ctx: PageCtx; product: Product }) {
  const { t, locale } = p.ctx;
  return (
    <details>
      <summary>{t('software.facts.heading', { product: p.product.name })}</summary>
      <dl class="facts">
        {FACT_IDS.map((f) => {
          const fact = p.product.facts[f];
          return (
            <>
              <dt>{t(`software.fact.${f}`)}</dt>
              <dd data-fact={f} data-value={fact.value}>
                <strong>{t(`software.value.${fact.value}`)}</strong> — {fact.text[locale]}{' '}
                {fact.sources.map((s) => (
                  <>
                    {' '}
                    <a href={s.url}>{s.title}</a>
                  </>
                ))}
                <br />
                <span class="hint">{t('software.facts.reviewed', { date: formatDay(fact.reviewed, locale) })}</span>
              </dd>
            </>
          );
        })}
      </dl>
    </details>
  );
}

function SettingsForm(p: { ctx: PageCtx; base: string; entry: ListedSoftware }) {
  const { t } = p.ctx;
  const product = p.entry.product;
  return (
    <form method="post" action={`${p.base}/settings`} novalidate>
      <Csrf ctx={p.ctx} />
      <input type="hidden" name="productId" value={product.id} />
      {SETTING_IDS.map((s) => (
        <fieldset class="field">
          <legend>{t(`software.question.${s}`, { product: product.name })}</legend>
          <div class="choices">
            {SETTING_VALUES.map((v) => (
              <label>
                <input type="radio" name={s} value={v} checked={(p.entry.settings[s] ?? null) === v} /> {t(`software.answer.${v}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <button type="submit">{t('software.save')}</button>
    </form>
  );
}

export function SoftwarePage(p: SoftwarePageProps) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}/software`;
  const editable = can(p.role, 'assess');
  const listedIds = new Set(p.listed.map((l) => l.product.id));
  const addable = p.catalogue.products.filter((x) => !listedIds.has(x.id));
  return (
    <Layout ctx={p.ctx} title={t('software.title')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="software" />
      <h2>{t('software.title')}</h2>
      <p>{t('software.lead')}</p>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={undefined} general={p.error} />

      {p.listed.length > 0 ? (
        <section aria-labelledby="software-todo">
          <h2 id="software-todo">{t('software.plan.heading')}</h2>
          {p.items.length === 0 ? <p>{t('software.plan.none')}</p> : <SoftwarePlanList ctx={p.ctx} catalogue={p.catalogue} items={p.items} headingLevel={3} />}
        </section>
      ) : null}

      {editable && p.suggestions.length > 0 ? (
        <section aria-labelledby="software-suggest" data-testid="software-suggestions">
          <h2 id="software-suggest">{t('software.suggest.heading')}</h2>
          <ul class="cards">
            {p.suggestions.map((s) => {
              const product = p.catalogue.byId.get(s.productId)!;
              return (
                <li class="card" data-product={s.productId}>
                  <h3>{product.name}</h3>
                  <p>{t(`software.suggest.${s.reason}`, { product: product.name, domain: s.domain ?? '' })}</p>
                  <PostButton ctx={p.ctx} action={base} fields={{ productId: product.id }} label={t('software.add.one', { product: product.name })} />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="software-listed">
        <h2 id="software-listed">{t('software.listed.heading')}</h2>
        {p.listed.length === 0 ? <p>{t('software.none')}</p> : null}
        {p.listed.map((entry) => (
          <section class="card" data-product={entry.product.id} aria-labelledby={`product-${entry.product.id}`}>
            <h3 id={`product-${entry.product.id}`}>
              {entry.product.name} <span class="tag">{t(`software.category.${entry.product.category}`)}</span>
            </h3>
            <Facts ctx={p.ctx} product={entry.product} />
            {editable ? <SettingsForm ctx={p.ctx} base={base} entry={entry} /> : null}
            {editable ? (
              <div class="actions">
                <PostButton ctx={p.ctx} action={`${base}/remove`} fields={{ productId: entry.product.id }} label={t('software.remove', { product: entry.product.name })} kind="secondary" />
              </div>
            ) : null}
          </section>
        ))}
      </section>

      {editable && addable.length > 0 ? (
        <form method="post" action={base} novalidate>
          <Csrf ctx={p.ctx} />
          <h2>{t('software.add.heading')}</h2>
          <div class="field">
            <label for="f-productId">{t('software.add.label')}</label>
            <p class="hint" id="f-productId-hint">
              {t('software.add.hint')}
            </p>
            <select id="f-productId" name="productId" aria-describedby="f-productId-hint">
              {SOFTWARE_CATEGORIES.map((c) => {
                const inCategory = addable.filter((x) => x.category === c);
                return inCategory.length === 0 ? null : (
                  <optgroup label={t(`software.category.${c}`)}>
                    {inCategory.map((x) => (
                      <option value={x.id}>{x.name}</option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </div>
          <button type="submit">{t('software.add.button')}</button>
        </form>
      ) : null}
    </Layout>
  );
}
