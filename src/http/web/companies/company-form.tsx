/** The company profile form, shared by "new company" and "edit profile". */
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { EMAIL_PROVIDERS, NIS2_STATUSES, PERSONAL_DATA_KINDS, REGIONS, type CompanyProfile } from '../../../core/company-profile.ts';
import { parseEnterpriseNumber } from '../../../core/enterprise-number.ts';
import { LOCALES, type Locale } from '../../../core/locale.ts';
import type { NaceList } from '../../../core/nace.ts';
import { sectorChoices, sectorField } from '../ui/sector-field.tsx';
import type { MessageKey } from '../../../i18n/index.ts';
import { ErrorSummary, RadioGroup, SelectField, TextField, YesNo, Csrf, type FieldErrors } from '../ui/components.tsx';
import { choice, optionalText, text, yesNo } from '../ui/forms.ts';
import type { PageCtx } from '../ui/page-context.ts';

export type ProfileValues = Partial<Record<keyof CompanyProfile, string | number | boolean | null>>;

export function profileValues(p: CompanyProfile): ProfileValues {
  return { ...p, naceCode: p.naceCode ?? '', enterpriseNumber: p.enterpriseNumber ?? '' };
}


/** Builds the schema with the code list, so the sector is checked against the bundled NACE-BEL codes. */
export function profileSchema(nace: NaceList) {
  const sector = sectorField(nace, 'naceCode');
  return z.preprocess(sector.chosen, profileObject(sector.schema));
}

function profileObject(naceCode: ReturnType<typeof sectorField>['schema']) {
  return z
    .object({
      name: text(120),
      enterpriseNumber: optionalText(20).refine((v) => v === undefined || parseEnterpriseNumber(v).ok, { message: 'company.error.enterprise_number' }),
      naceCode,
      employees: z
        .string({ message: 'company.error.employees' })
        .trim()
        .regex(/^\d{1,6}$/, { message: 'company.error.employees' })
        .transform(Number)
        .refine((n) => n <= 100_000, { message: 'company.error.employees' }),
      region: choice(REGIONS),
      language: choice(LOCALES),
      website: yesNo(),
      webshop: yesNo(),
      emailProvider: choice(EMAIL_PROVIDERS),
      cardPayments: yesNo(),
      // Optional: a form sent without it keeps the stored status (the incident wizard then asks).
      nis2Status: choice(NIS2_STATUSES).optional(),
      personalData: choice(PERSONAL_DATA_KINDS),
      remoteWork: yesNo(),
      itProvider: yesNo(),
    })
    .refine((p) => !p.webshop || p.website, { message: 'company.error.webshop_needs_website', path: ['website'] })
    .transform(
      (p): CompanyProfile => ({
        ...p,
        enterpriseNumber: p.enterpriseNumber ? (parseEnterpriseNumber(p.enterpriseNumber) as { value: string }).value : null,
        language: p.language as Locale,
      }),
    );
}

function bool(v: unknown): boolean | undefined {
  if (v === true || v === 'yes') return true;
  if (v === false || v === 'no') return false;
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** The question each field asks, so the error summary names it (WCAG 3.3.1 error identification). */
function profileLabels(t: PageCtx['t']): Record<string, string> {
  return {
    name: t('company.name'),
    enterpriseNumber: t('company.enterprise_number'),
    naceCode: t('company.nace'),
    employees: t('company.employees'),
    region: t('company.region'),
    language: t('company.language'),
    website: t('company.website'),
    webshop: t('company.webshop'),
    emailProvider: t('company.email_provider'),
    cardPayments: t('company.card_payments'),
    nis2Status: t('company.nis2_status'),
    personalData: t('company.personal_data'),
    remoteWork: t('company.remote_work'),
    itProvider: t('company.it_provider'),
  };
}

export function CompanyForm(p: { ctx: PageCtx; action: string; submit: string; nace: NaceList; values: ProfileValues | Record<string, unknown>; errors?: FieldErrors | undefined; extra?: ComponentChildren }) {
  const { t, locale } = p.ctx;
  const v = p.values as Record<string, unknown>;
  const e = p.errors ?? {};
  const sectors = p.nace.entries.filter((n) => n.level !== 'section');
  const choices = e.naceCode ? sectorChoices(p.nace, v.naceCode, locale) : [];
  return (
    <>
      <ErrorSummary ctx={p.ctx} errors={p.errors} labels={profileLabels(t)} />
      <form method="post" action={p.action} novalidate>
        <Csrf ctx={p.ctx} />
        <h2>{t('company.section.identity')}</h2>
        <TextField name="name" label={t('company.name')} value={str(v.name)} error={e.name} autocomplete="organization" maxLength={120} required />
        <TextField name="enterpriseNumber" label={t('company.enterprise_number')} hint={t('company.enterprise_number_hint')} value={str(v.enterpriseNumber)} error={e.enterpriseNumber} maxLength={20} />
        <TextField name="naceCode" label={t('company.nace')} hint={t('company.nace_hint')} value={str(v.naceCode)} error={e.naceCode} list="nace-codes" maxLength={200} required />
        {e.naceCode && choices.length > 0 ? <RadioGroup name="naceChoice" legend={t('company.nace_choose')} value={choices[0]?.value} options={choices} /> : null}
        <datalist id="nace-codes">
          {sectors.map((n) => (
            <option value={n.code}>{`${n.code} — ${n.title[locale]}`}</option>
          ))}
        </datalist>
        <p class="hint">
          <a href={`/${locale}/sectors`}>{t('company.nace_browse')}</a>
        </p>
        <TextField name="employees" type="number" inputMode="numeric" label={t('company.employees')} hint={t('company.employees_hint')} value={str(v.employees)} error={e.employees} min={0} max={100000} required />
        <SelectField
          name="region"
          label={t('company.region')}
          value={str(v.region)}
          error={e.region}
          options={[{ value: '', label: t('form.select') }, ...REGIONS.map((r) => ({ value: r, label: t(`region.${r}` as MessageKey) }))]}
        />
        <SelectField
          name="language"
          label={t('company.language')}
          hint={t('company.language_hint')}
          value={str(v.language) ?? locale}
          error={e.language}
          options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}` as MessageKey) }))}
        />
        <h2>{t('company.section.digital')}</h2>
        <p class="hint">{t('company.section.digital_hint')}</p>
        <YesNo ctx={p.ctx} name="website" legend={t('company.website')} value={bool(v.website)} error={e.website} />
        <YesNo ctx={p.ctx} name="webshop" legend={t('company.webshop')} value={bool(v.webshop)} error={e.webshop} />
        <RadioGroup
          name="emailProvider"
          legend={t('company.email_provider')}
          value={str(v.emailProvider)}
          error={e.emailProvider}
          options={EMAIL_PROVIDERS.map((x) => ({ value: x, label: t(`email_provider.${x}` as MessageKey) }))}
        />
        <YesNo ctx={p.ctx} name="cardPayments" legend={t('company.card_payments')} value={bool(v.cardPayments)} error={e.cardPayments} />
        <RadioGroup
          name="nis2Status"
          legend={t('company.nis2_status')}
          value={str(v.nis2Status)}
          error={e.nis2Status}
          options={NIS2_STATUSES.map((x) => ({ value: x, label: t(`nis2_status.${x}` as MessageKey), ...(x === 'unknown' ? { hint: t('company.nis2_status_hint') } : {}) }))}
        />
        <RadioGroup
          name="personalData"
          legend={t('company.personal_data')}
          value={str(v.personalData)}
          error={e.personalData}
          options={PERSONAL_DATA_KINDS.map((x) => ({ value: x, label: t(`personal_data.${x}` as MessageKey), hint: t(`personal_data.${x}.hint` as MessageKey) }))}
        />
        <YesNo ctx={p.ctx} name="remoteWork" legend={t('company.remote_work')} value={bool(v.remoteWork)} error={e.remoteWork} />
        <YesNo ctx={p.ctx} name="itProvider" legend={t('company.it_provider')} hint={t('company.it_provider_hint')} value={bool(v.itProvider)} error={e.itProvider} />
        {p.extra}
        <button type="submit">{p.submit}</button>
      </form>
    </>
  );
}
