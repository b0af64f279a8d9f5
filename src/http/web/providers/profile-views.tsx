/**
 * The IT provider's own pages (issue 12): its directory profile form and its certification claims with the form to
 * declare one. Technical wording is fine here (the reader is the provider). No JavaScript; every form posts with CSRF.
 */
import type { Locale } from '../../../core/locale.ts';
import { LOCALES } from '../../../core/locale.ts';
import { CERTIFICATION_INFO, CERTIFICATION_KINDS, type CertificationKind, isVerifiedOn, KIND_REVIEW_DATE, LABEL_MAX, ISSUER_MAX, REFERENCE_MAX } from '../../../core/providers/certifications.ts';
import { DESCRIPTION_MAX, NACE_SECTIONS, PHONE_MAX, PROVIDER_REGIONS, PROVIDER_SERVICES, WEBSITE_MAX, type Descriptions } from '../../../core/providers/profile.ts';
import type { Organisation } from '../../../db/repositories/organisation.repository.ts';
import type { Claim } from '../../../db/repositories/provider-directory.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { Choice, colon, Csrf, ErrorSummary, PostButton, SelectField, TextField, type FieldErrors } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { OrgFrame } from '../organisations/org-views.tsx';
import { kindName } from './kind-name.ts';

/** What the profile form shows: the stored profile, or what was just sent when it had problems. */
export interface ProfileValues {
  description: Descriptions;
  services: readonly string[];
  sectors: readonly string[];
  regions: readonly string[];
  languages: readonly string[];
  website: string;
  email: string;
  phone: string;
  listed: boolean;
}

export const EMPTY_PROFILE: ProfileValues = { description: {}, services: [], sectors: [], regions: [], languages: [], website: '', email: '', phone: '', listed: false };

function Checkboxes(p: { name: string; legend: string; options: { value: string; label: string }[]; checked: readonly string[]; error?: string | undefined; disabled: boolean }) {
  return (
    <fieldset class={p.error ? 'field has-error' : 'field'} id={`f-${p.name}`} disabled={p.disabled}>
      <legend>{p.legend}</legend>
      {p.error ? <p class="error">{p.error}</p> : null}
      <div class="choices">
        {p.options.map((o) => (
          <Choice type="checkbox" name={p.name} value={o.value} label={o.label} checked={p.checked.includes(o.value)} />
        ))}
      </div>
    </fieldset>
  );
}

export interface ProfilePageProps {
  ctx: PageCtx;
  org: Organisation;
  canEdit: boolean;
  values: ProfileValues;
  listedAt: string | null;
  sectorTitle: (section: string) => string;
  claims: Claim[];
  today: string;
  errors?: FieldErrors | undefined;
  claimErrors?: FieldErrors | undefined;
  claimValues?: Record<string, string> | undefined;
  general?: string | undefined;
  notice?: MessageKey | undefined;
  setup?: boolean;
}

export function ProfilePage(p: ProfilePageProps) {
  const { t, locale } = p.ctx;
  const v = p.values;
  const base = `/${locale}/orgs/${p.org.id}/profile`;
  const language = (l: Locale) => t(`language.${l}` as MessageKey);
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={t('provider.profile.title')} current="provider-profile" notice={p.notice}>
      {p.setup ? <p class="notice info">{t('provider.profile.setup')}</p> : null}
      <p class="lead">{t('provider.profile.lead')}</p>
      {p.listedAt ? (
        <p>
          {t('provider.profile.listed_now')} <a href={`/${locale}/providers/${p.org.id}`}>{t('provider.profile.see_entry')}</a>
        </p>
      ) : null}
      {p.canEdit ? null : <p class="notice info">{t('provider.profile.readonly')}</p>}
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      <form method="post" action={base} novalidate>
        <Csrf ctx={p.ctx} />
        <fieldset disabled={!p.canEdit} class="field">
          <legend>{t('provider.field.descriptions')}</legend>
          <p class="hint" id="f-description-hint">
            {t('provider.field.description.hint')}
          </p>
          {LOCALES.map((l) => {
            const err = p.errors?.[`description_${l}`];
            return (
              <div class={err ? 'field has-error' : 'field'}>
                <label for={`f-description_${l}`}>{t('provider.field.description', { language: language(l) })}</label>
                {err ? (
                  <p class="error" id={`f-description_${l}-error`}>
                    {err}
                  </p>
                ) : null}
                <textarea id={`f-description_${l}`} name={`description_${l}`} lang={l} rows={4} maxLength={DESCRIPTION_MAX} aria-describedby={err ? `f-description-hint f-description_${l}-error` : 'f-description-hint'} aria-invalid={err ? 'true' : undefined}>
                  {v.description[l] ?? ''}
                </textarea>
              </div>
            );
          })}
        </fieldset>
        <Checkboxes name="services" legend={t('provider.field.services')} options={PROVIDER_SERVICES.map((s) => ({ value: s, label: t(`provider.service.${s}` as MessageKey) }))} checked={v.services} error={p.errors?.services} disabled={!p.canEdit} />
        <Checkboxes name="regions" legend={t('provider.field.regions')} options={PROVIDER_REGIONS.map((r) => ({ value: r, label: t(`region.${r}` as MessageKey) }))} checked={v.regions} error={p.errors?.regions} disabled={!p.canEdit} />
        <Checkboxes name="languages" legend={t('provider.field.languages')} options={LOCALES.map((l) => ({ value: l, label: language(l) }))} checked={v.languages} error={p.errors?.languages} disabled={!p.canEdit} />
        <details class="more" open={v.sectors.length > 0 || Boolean(p.errors?.sectors)}>
          <summary>{t('provider.field.sectors')}</summary>
          <Checkboxes name="sectors" legend={t('provider.field.sectors')} options={NACE_SECTIONS.map((s) => ({ value: s, label: `${s} – ${p.sectorTitle(s)}` }))} checked={v.sectors} error={p.errors?.sectors} disabled={!p.canEdit} />
        </details>
        <TextField name="website" type="url" label={t('provider.field.website')} hint={t('provider.field.website.hint')} value={v.website} error={p.errors?.website} maxLength={WEBSITE_MAX} autocomplete="url" />
        <TextField name="email" type="email" label={t('provider.field.email')} value={v.email} error={p.errors?.email} maxLength={254} autocomplete="email" />
        <TextField name="phone" type="tel" label={t('provider.field.phone')} value={v.phone} error={p.errors?.phone} maxLength={PHONE_MAX} autocomplete="tel" />
        <fieldset class={p.errors?.listed ? 'field has-error' : 'field'} id="f-listed" disabled={!p.canEdit}>
          <legend>{t('provider.field.listed')}</legend>
          <div class="choices">
            <Choice type="radio" name="listed" value="yes" label={t('provider.field.listed.yes')} checked={v.listed} />
            <Choice type="radio" name="listed" value="no" label={t('provider.field.listed.no')} checked={!v.listed} />
          </div>
        </fieldset>
        {p.canEdit ? <button type="submit">{t('provider.profile.save')}</button> : null}
      </form>
      <ClaimsSection {...p} />
    </OrgFrame>
  );
}

function ClaimsSection(p: ProfilePageProps) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/orgs/${p.org.id}/profile/certifications`;
  const cv = p.claimValues ?? {};
  const nameOf = (c: { kind: CertificationKind; label: string | null }) => kindName(t, c.kind, c.label);
  return (
    <section aria-labelledby="certs-heading">
      <h2 id="certs-heading">{t('provider.cert.heading')}</h2>
      <p>{t('provider.cert.lead')}</p>
      {p.claims.length === 0 ? <p>{t('provider.cert.none')}</p> : null}
      <ul class="plain" data-testid="claims">
        {p.claims.map((c) => {
          const expired = c.status === 'verified' && !isVerifiedOn(c, p.today);
          return (
            <li class="card">
              <p>
                <span class="tag">{expired ? t('provider.cert.expired') : t(`provider.cert.status.${c.status}` as MessageKey)}</span>{' '}
                {t('provider.cert.summary', { kind: nameOf(c), reference: c.reference, issuer: c.issuer, date: c.validUntil })}
              </p>
              <p class="break">
                <a href={c.evidenceUrl} rel="noopener noreferrer nofollow">
                  {c.evidenceUrl}
                </a>
              </p>
              {c.reviewNote ? <p>{t('provider.cert.note', { note: c.reviewNote })}</p> : null}
              {p.canEdit && (c.status === 'pending' || c.status === 'verified') ? (
                <PostButton ctx={p.ctx} action={`${base}/withdraw`} fields={{ id: c.id }} label={`${t('provider.cert.withdraw')}${colon(locale)} ${nameOf(c)}`} kind="secondary" />
              ) : null}
            </li>
          );
        })}
      </ul>
      <details class="more">
        <summary>{t('provider.cert.about')}</summary>
        <dl class="facts">
          {CERTIFICATION_KINDS.map((k) => (
            <>
              <dt>{kindName(t, k)}</dt>
              <dd>
                {t(`provider.cert.explain.${k}` as MessageKey)}
                {CERTIFICATION_INFO[k].sources.length > 0 ? (
                  <>
                    {' '}
                    {t('provider.cert.sources', { date: KIND_REVIEW_DATE })}
                    {`${colon(locale)} `}
                    {CERTIFICATION_INFO[k].sources.map((s, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <a href={s.url} rel="noopener noreferrer">
                          {s.title}
                        </a>
                      </>
                    ))}
                  </>
                ) : null}
              </dd>
            </>
          ))}
        </dl>
      </details>
      {p.canEdit ? (
        <>
          <h3 id="declare-heading">{t('provider.cert.declare_heading')}</h3>
          <ErrorSummary ctx={p.ctx} errors={p.claimErrors} />
          <form method="post" action={base} novalidate aria-labelledby="declare-heading">
            <Csrf ctx={p.ctx} />
            <SelectField name="kind" label={t('provider.cert.field.kind')} options={CERTIFICATION_KINDS.map((k) => ({ value: k, label: kindName(t, k) }))} value={cv.kind} error={p.claimErrors?.kind} />
            <TextField name="label" label={t('provider.cert.field.label')} value={cv.label} error={p.claimErrors?.label} maxLength={LABEL_MAX} />
            <TextField name="reference" label={t('provider.cert.field.reference')} value={cv.reference} error={p.claimErrors?.reference} maxLength={REFERENCE_MAX} />
            <TextField name="issuer" label={t('provider.cert.field.issuer')} value={cv.issuer} error={p.claimErrors?.issuer} maxLength={ISSUER_MAX} />
            <TextField name="evidenceUrl" type="url" label={t('provider.cert.field.evidence')} hint={t('provider.cert.field.evidence.hint')} value={cv.evidenceUrl} error={p.claimErrors?.evidenceUrl} maxLength={WEBSITE_MAX} />
            <TextField name="validUntil" type="date" label={t('provider.cert.field.valid_until')} hint={t('provider.cert.field.valid_until.hint')} value={cv.validUntil} error={p.claimErrors?.validUntil} />
            <button type="submit">{t('provider.cert.declare')}</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
