/** The owner's choice to count the company in the anonymous figures (issue 11: asked at joining, on by default). */
import { STATS_REFRESH_HOURS } from '../../../app/statistics.ts';
import type { Company } from '../../../core/company-profile.ts';
import { PostButton } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';

export function StatisticsConsent(p: { ctx: PageCtx; company: Company; consent: boolean }) {
  const { t, locale } = p.ctx;
  return (
    <section data-testid="stats-consent">
      <h2>{t('stats_consent.heading')}</h2>
      <p>{t('stats_consent.explain')}</p>
      <p>
        <strong>{p.consent ? t('stats_consent.on') : t('stats_consent.off')}</strong>
      </p>
      {p.consent ? <p class="hint">{t('stats_consent.withdraw_note', { hours: STATS_REFRESH_HOURS })}</p> : null}
      <PostButton
        ctx={p.ctx}
        action={`/${locale}/companies/${p.company.id}/settings/statistics`}
        fields={{ consent: p.consent ? 'no' : 'yes' }}
        label={p.consent ? t('stats_consent.stop') : t('stats_consent.start')}
        kind="secondary"
      />
    </section>
  );
}

/**
 * The question at joining (issue 11: "asked at joining, default on"): a ticked box on the new-company form. The hidden
 * field says the question was shown, so only an unticked box on this form turns it off.
 */
export function StatisticsConsentQuestion(p: { ctx: PageCtx; values: Record<string, unknown> }) {
  const { t } = p.ctx;
  const asked = p.values.statsConsentAsked === 'yes';
  const checked = asked ? p.values.statsConsent === 'yes' : true;
  return (
    <fieldset>
      <legend>{t('stats_consent.heading')}</legend>
      <p class="hint">{t('stats_consent.explain')}</p>
      <input type="hidden" name="statsConsentAsked" value="yes" />
      <label>
        <input type="checkbox" name="statsConsent" value="yes" checked={checked} /> {t('stats_consent.join_label')}
      </label>
    </fieldset>
  );
}

/** The answer to the question at joining: off only when the form showed the question and the box was left unticked. */
export function statsConsentFromForm(body: unknown): boolean {
  const b = (body ?? {}) as Record<string, unknown>;
  return b.statsConsentAsked !== 'yes' || b.statsConsent === 'yes';
}
