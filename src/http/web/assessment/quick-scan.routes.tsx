/**
 * The anonymous quick scan: describe the company (profile), answer at most 12 questions, see scores, risks and the
 * first five actions. Stateless: the profile and answers travel in the forms. "Save my results" keeps them in a
 * draft tied to a cookie until the visitor has an account and a company.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { ANSWERS, assess, quickScanControls, type Answer, type Answers } from '../../../core/assessment/engine.ts';
import type { AssessmentProfile } from '../../../core/assessment/profile.ts';
import { EMAIL_PROVIDERS, PERSONAL_DATA_KINDS, REGIONS } from '../../../core/company-profile.ts';
import type { NaceList } from '../../../core/nace.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { saveQuickScanDraft } from '../../../app/assessments.ts';
import { consume, HOUR, limitKeyForIp } from '../../../app/rate-limit.ts';
import { AppError } from '../../errors.ts';
import { renderPlanPdf } from '../../../adapters/pdf/plan-pdf.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PUBLIC } from '../../access.ts';
import { planDocument } from '../../presenters/assessment-documents.ts';
import { answeredSummary, answeredText, localizeControl, providerQuestions } from '../../presenters/assessment.ts';
import { sendPage } from '../../render.ts';
import { cookieOptions } from '../../request-context.ts';
import { PlanSection, ProviderQuestionsSection, Question, RisksSection, ScoresSection } from './assessment-views.tsx';
import { Csrf, ErrorSummary, RadioGroup, SelectField, TextField, YesNo, type FieldErrors } from '../ui/components.tsx';
import { sectorChoices, sectorField } from '../ui/sector-field.tsx';
import { choice, parseForm, yesNo } from '../ui/forms.ts';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { QUICK_SCAN_COOKIE } from '../ui/quick-scan-cookie.ts';


export function quickProfileSchema(nace: NaceList) {
  const sector = sectorField(nace, 'sector');
  return z.preprocess(sector.chosen, quickProfileObject(sector.schema));
}

function quickProfileObject(sectorSchema: ReturnType<typeof sectorField>['schema']) {
  return z.object({
    // Sector advice is per division: a group such as 10.7 counts as its division 10.
    sector: sectorSchema.transform((v) => v.slice(0, 2)),
    employees: z
      .string({ message: 'company.error.employees' })
      .trim()
      .regex(/^\d{1,6}$/, { message: 'company.error.employees' })
      .transform(Number),
    website: yesNo(),
    webshop: yesNo(),
    email: choice(EMAIL_PROVIDERS),
    cardPayments: yesNo(),
    personalData: choice(PERSONAL_DATA_KINDS),
    remoteWork: yesNo(),
    itProvider: yesNo(),
    // Optional (issue 12): only used for the support schemes of the plan; left empty, it is simply not given.
    region: z.preprocess((v) => (v === '' ? undefined : v), choice(REGIONS, 'support.error.region').optional()),
  });
}

/** Reads answers from form fields a_<controlId>, only for the given controls. */
export function answersFromForm(body: Record<string, unknown>, ids: string[]): Answers {
  const out: Record<string, Answer> = {};
  for (const id of ids) {
    const v = body[`a_${id}`];
    if (typeof v === 'string' && (ANSWERS as readonly string[]).includes(v)) out[id] = v as Answer;
  }
  return out;
}

function profileHidden(p: AssessmentProfile) {
  const yn = (b: boolean) => (b ? 'yes' : 'no');
  const fields: Record<string, string> = {
    sector: p.sector,
    employees: String(p.employees),
    website: yn(p.website),
    webshop: yn(p.webshop),
    email: p.email,
    cardPayments: yn(p.cardPayments),
    personalData: p.personalData,
    remoteWork: yn(p.remoteWork),
    itProvider: yn(p.itProvider),
    ...(p.region ? { region: p.region } : {}),
  };
  return Object.entries(fields).map(([k, v]) => <input type="hidden" name={k} value={v} />);
}

/** The question each profile field asks, for the error summary (the same words as the labels and legends below). */
function profileLabels(t: PageCtx['t']): Record<string, string> {
  return {
    sector: t('qs.sector'),
    employees: t('company.employees'),
    website: t('company.website'),
    webshop: t('company.webshop'),
    email: t('company.email_provider'),
    cardPayments: t('company.card_payments'),
    personalData: t('company.personal_data'),
    remoteWork: t('company.remote_work'),
    itProvider: t('company.it_provider'),
    region: t('support.region_label'),
  };
}

function ProfilePage(p: { ctx: PageCtx; nace: NaceList; values: Record<string, unknown>; errors?: FieldErrors }) {
  const { t, locale } = p.ctx;
  const v = p.values;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const bool = (x: unknown) => (x === 'yes' ? true : x === 'no' ? false : undefined);
  const choices = p.errors?.sector ? sectorChoices(p.nace, v.sector, locale) : [];
  return (
    <Layout ctx={p.ctx} title={t('qs.title')} narrow>
      <h1>{t('qs.title')}</h1>
      <p class="lead">{t('qs.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.errors} labels={profileLabels(t)} />
      <form method="get" action={`/${locale}/quick-scan/questions`} novalidate>
        <h2>{t('qs.step_profile')}</h2>
        <TextField name="sector" label={t('qs.sector')} hint={t('qs.sector_hint')} value={str(v.sector)} error={p.errors?.sector} list="nace-divisions" maxLength={200} required />
        {p.errors?.sector && choices.length > 0 ? <RadioGroup name="naceChoice" legend={t('company.nace_choose')} value={choices[0]?.value} options={choices} /> : null}
        <datalist id="nace-divisions">
          {p.nace.entries
            .filter((e) => e.level === 'division')
            .map((e) => (
              <option value={e.code}>{`${e.code} — ${e.title[locale]}`}</option>
            ))}
        </datalist>
        <TextField name="employees" type="number" inputMode="numeric" label={t('company.employees')} hint={t('company.employees_hint')} value={str(v.employees)} error={p.errors?.employees} min={0} required />
        <YesNo ctx={p.ctx} name="website" legend={t('company.website')} value={bool(v.website)} error={p.errors?.website} />
        <YesNo ctx={p.ctx} name="webshop" legend={t('company.webshop')} value={bool(v.webshop)} error={p.errors?.webshop} />
        <RadioGroup name="email" legend={t('company.email_provider')} value={str(v.email)} error={p.errors?.email} options={EMAIL_PROVIDERS.map((x) => ({ value: x, label: t(`email_provider.${x}` as MessageKey) }))} />
        <YesNo ctx={p.ctx} name="cardPayments" legend={t('company.card_payments')} value={bool(v.cardPayments)} error={p.errors?.cardPayments} />
        <RadioGroup
          name="personalData"
          legend={t('company.personal_data')}
          value={str(v.personalData)}
          error={p.errors?.personalData}
          options={PERSONAL_DATA_KINDS.map((x) => ({ value: x, label: t(`personal_data.${x}` as MessageKey), hint: t(`personal_data.${x}.hint` as MessageKey) }))}
        />
        <YesNo ctx={p.ctx} name="remoteWork" legend={t('company.remote_work')} value={bool(v.remoteWork)} error={p.errors?.remoteWork} />
        <YesNo ctx={p.ctx} name="itProvider" legend={t('company.it_provider')} hint={t('company.it_provider_hint')} value={bool(v.itProvider)} error={p.errors?.itProvider} />
        <SelectField
          name="region"
          label={t('support.region_label')}
          hint={t('support.region_hint')}
          value={str(v.region)}
          error={p.errors?.region}
          options={[{ value: '', label: t('support.region_none') }, ...REGIONS.map((r) => ({ value: r, label: t(`region.${r}` as MessageKey) }))]}
        />
        <button type="submit">{t('qs.next')}</button>
      </form>
    </Layout>
  );
}

function QuestionsPage(p: { ctx: PageCtx; catalog: AssessmentCatalog; profile: AssessmentProfile; answers: Answers; error?: string }) {
  const { t, locale } = p.ctx;
  const controls = quickScanControls(p.catalog, p.profile);
  return (
    <Layout ctx={p.ctx} title={t('qs.title')} narrow>
      <h1>{t('qs.title')}</h1>
      <p class="lead">{t('qs.questions_lead', { count: controls.length })}</p>
      <ErrorSummary ctx={p.ctx} errors={undefined} general={p.error} />
      <form method="post" action={`/${locale}/quick-scan/result`} novalidate>
        <Csrf ctx={p.ctx} />
        {profileHidden(p.profile)}
        <h2>{t('qs.step_questions')}</h2>
        {controls.map((c) => (
          <Question ctx={p.ctx} control={localizeControl(p.catalog, c, locale, t, p.profile)} answer={p.answers[c.id]} allowNa={false} withNote={false} />
        ))}
        <button type="submit">{t('qs.see_result')}</button>
      </form>
    </Layout>
  );
}

function ResultPage(p: { ctx: PageCtx; catalog: AssessmentCatalog; profile: AssessmentProfile; answers: Answers; asked: string[] }) {
  const { t, locale } = p.ctx;
  const result = assess(p.catalog, p.profile, p.answers);
  const hidden = (
    <>
      <Csrf ctx={p.ctx} />
      {profileHidden(p.profile)}
      {Object.entries(p.answers).map(([id, a]) => (
        <input type="hidden" name={`a_${id}`} value={a} />
      ))}
    </>
  );
  return (
    <Layout ctx={p.ctx} title={t('qs.result_title')}>
      <h1>{t('qs.result_title')}</h1>
      <p class="lead">{t('qs.result_lead')}</p>
      <p class="answered-summary">{answeredText(t, answeredSummary(p.asked, p.answers))}</p>
      <ScoresSection ctx={p.ctx} result={result} />
      <PlanSection ctx={p.ctx} catalog={p.catalog} result={result} profile={p.profile} />
      <ProviderQuestionsSection ctx={p.ctx} items={providerQuestions(p.catalog, result, locale, t, p.profile)} />
      <RisksSection ctx={p.ctx} catalog={p.catalog} result={result} />
      <div class="actions">
        <form method="post" action={`/${locale}/quick-scan/plan.pdf`} class="inline">
          {hidden}
          <button type="submit" class="secondary">
            {t('qs.download_plan')}
          </button>
        </form>
        <form method="post" action={`/${locale}/quick-scan/save`} class="inline">
          {hidden}
          <button type="submit">{t('qs.save')}</button>
        </form>
      </div>
      <p class="hint">{t('qs.save_hint')}</p>
      <p class="hint">{t('doc.footer')}</p>
    </Layout>
  );
}

export function quickScanRoutes(deps: AppDeps, catalog: AssessmentCatalog, nace: NaceList) {
  const ProfileForm = quickProfileSchema(nace);
  return async function (app: FastifyInstance): Promise<void> {
    const read = (request: FastifyRequest, source: unknown) => {
      const form = parseForm(ProfileForm, source, request.t);
      if (!form.ok) return form;
      const profile: AssessmentProfile = form.data;
      const ids = quickScanControls(catalog, profile).map((c) => c.id);
      return { ok: true as const, profile, answers: answersFromForm((source ?? {}) as Record<string, unknown>, ids), ids };
    };

    app.get('/:lang/quick-scan', { config: { access: PUBLIC } }, async (request, reply) => sendPage(reply, <ProfilePage ctx={pageCtx(request)} nace={nace} values={{}} />));

    app.get('/:lang/quick-scan/questions', { config: { access: PUBLIC } }, async (request, reply) => {
      const r = read(request, request.query);
      if (!r.ok) return sendPage(reply, <ProfilePage ctx={pageCtx(request)} nace={nace} values={request.query as Record<string, unknown>} errors={r.errors} />, 400);
      return sendPage(reply, <QuestionsPage ctx={pageCtx(request)} catalog={catalog} profile={r.profile} answers={{}} />);
    });

    app.post('/:lang/quick-scan/result', { config: { access: PUBLIC } }, async (request, reply) => {
      const r = read(request, request.body);
      if (!r.ok) return sendPage(reply, <ProfilePage ctx={pageCtx(request)} nace={nace} values={(request.body ?? {}) as Record<string, unknown>} errors={r.errors} />, 400);
      if (Object.keys(r.answers).length === 0) {
        return sendPage(reply, <QuestionsPage ctx={pageCtx(request)} catalog={catalog} profile={r.profile} answers={r.answers} error={request.t('qs.answer_one')} />, 400);
      }
      return sendPage(reply, <ResultPage ctx={pageCtx(request)} catalog={catalog} profile={r.profile} answers={r.answers} asked={r.ids} />);
    });

    app.post('/:lang/quick-scan/plan.pdf', { config: { access: PUBLIC } }, async (request, reply) => {
      const r = read(request, request.body);
      if (!r.ok) return sendPage(reply, <ProfilePage ctx={pageCtx(request)} nace={nace} values={{}} errors={r.errors} />, 400);
      const result = assess(catalog, r.profile, r.answers);
      const pdf = await renderPlanPdf(planDocument(catalog, result, r.profile, request.locale, request.t, null, deps.clock.now(), { asked: r.ids, answers: r.answers }));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="schild-plan.pdf"').send(pdf);
    });

    app.post('/:lang/quick-scan/save', { config: { access: PUBLIC } }, async (request, reply) => {
      const r = read(request, request.body);
      if (!r.ok) return sendPage(reply, <ProfilePage ctx={pageCtx(request)} nace={nace} values={{}} errors={r.errors} />, 400);
      const limited = await consume(deps, [{ key: `quickscan-save:${limitKeyForIp(request.ip)}`, max: 30, windowMs: 24 * HOUR }]);
      if (!limited.allowed) throw new AppError('rate_limited', { retryAfterSeconds: limited.retryAfterSeconds });
      const token = await saveQuickScanDraft(deps, r.profile, r.answers, request.locale);
      reply.setCookie(QUICK_SCAN_COOKIE, token, cookieOptions(deps, 7 * 24 * 3600));
      const target = `/${request.locale}/companies/new?from=quick-scan`;
      return reply.redirect(request.user && request.session?.stage === 'full' ? target : `/${request.locale}/signup?next=${encodeURIComponent(target)}`, 303);
    });
  };
}
