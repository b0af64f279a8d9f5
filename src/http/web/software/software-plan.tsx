/**
 * The plan items of a company's software, shared by the software page and the "Your software" section of the plan
 * page (assessment results). Views only: the items come from app/software.ts.
 */
import type { Product, SoftwareCatalogue } from '../../../core/software/catalogue.ts';
import type { SoftwarePlanItem } from '../../../core/software/plan.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { colon } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';

/** The catalogue key of an item's title: kind and fact together say what to do (core/software/plan.ts). */
export function itemTitleKey(item: SoftwarePlanItem): MessageKey {
  return `software.item.${item.kind}.${item.fact}` as MessageKey;
}

export function itemTitle(ctx: PageCtx, item: SoftwarePlanItem, product: Product): string {
  return ctx.t(itemTitleKey(item), { product: product.name, vendor: product.vendor });
}

export function SoftwarePlanList(p: { ctx: PageCtx; catalogue: SoftwareCatalogue; items: readonly SoftwarePlanItem[]; headingLevel: 3 | 4 }) {
  const { t } = p.ctx;
  const H = p.headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ol class="plan software-plan" data-testid="software-plan">
      {p.items.map((item) => {
        const product = p.catalogue.byId.get(item.productId)!;
        const wantsSteps = item.kind === 'steps' || item.kind === 'everyone';
        return (
          <li class="card" data-product={item.productId} data-fact={item.fact}>
            <H>{itemTitle(p.ctx, item, product)}</H>
            {item.steps.length > 0 ? (
              <ol class="steps">
                {item.steps.map((s) => (
                  <li>{s}</li>
                ))}
              </ol>
            ) : wantsSteps ? (
              <p>{t('software.item.no_steps', { vendor: product.vendor })}</p>
            ) : null}
            {item.source ? (
              <p class="hint">
                {t('software.source')}
                {colon(p.ctx.locale)} <a href={item.source.url}>{item.source.title}</a>
              </p>
            ) : null}
            <p class="hint">{t('software.plan.close_hint', { product: product.name })}</p>
          </li>
        );
      })}
    </ol>
  );
}

/** "Your software" on the company's plan page: the open items, or an invitation to list the software, and a link. */
export function SoftwarePlanSection(p: { ctx: PageCtx; companyId: string; catalogue: SoftwareCatalogue; listedCount: number; items: readonly SoftwarePlanItem[] }) {
  const { t, locale } = p.ctx;
  return (
    <section aria-labelledby="software-plan-heading" data-testid="software-section">
      <h2 id="software-plan-heading">{t('software.section.heading')}</h2>
      {p.listedCount === 0 ? <p>{t('software.section.empty')}</p> : p.items.length === 0 ? <p>{t('software.plan.none')}</p> : null}
      {p.items.length > 0 ? <SoftwarePlanList ctx={p.ctx} catalogue={p.catalogue} items={p.items} headingLevel={3} /> : null}
      <p>
        <a href={`/${locale}/companies/${p.companyId}/software`}>{t('software.section.link')}</a>
      </p>
    </section>
  );
}
