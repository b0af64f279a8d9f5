/** Self-assessment API: the catalogue, and the stateless quick scan (JSON, or the plan as PDF). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FUNCTIONS, THREAT_IDS, type AssessmentCatalog } from '../../../../core/assessment/catalog.ts';
import { ANSWERS, assess } from '../../../../core/assessment/engine.ts';
import type { AssessmentProfile } from '../../../../core/assessment/profile.ts';
import { ALGORITHM_VERSION } from '../../../../core/assessment/scoring-tables.ts';
import { EMAIL_PROVIDERS, PERSONAL_DATA_KINDS, REGIONS } from '../../../../core/company-profile.ts';
import { LOCALES } from '../../../../core/locale.ts';
import { isSelectableNaceCode, type NaceList } from '../../../../core/nace.ts';
import { translator } from '../../../../i18n/index.ts';
import { renderPlanPdf } from '../../../../adapters/pdf/plan-pdf.ts';
import { api } from '../../../access.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { currentAssessment, finishAssessment, saveAnswers } from '../../../../app/assessments.ts';
import type { User } from '../../../../core/account.ts';
import { AppError } from '../../../errors.ts';
import { controlById, localizeControl } from '../../../presenters/assessment.ts';
import { planDocument } from '../../../presenters/assessment-documents.ts';
import { companyForApi } from '../shared/company-access.ts';
import { ErrorBody } from '../shared/schemas.ts';
import { quickScanWriter } from './quick-scan-json.ts';
import { quickScanAnswerBytes } from './quick-scan-answer.ts';
import { quickScanValidatorCompiler } from './quick-scan-body.ts';
import { quickScanPeers } from '../../../../app/statistics.ts';
import { PeersSchema, presentPeers } from '../../../presenters/peers.ts';

const errors = { 400: ErrorBody, 406: ErrorBody, 413: ErrorBody, 415: ErrorBody };
const Lang = z.enum(LOCALES);

export const ProfileBody = z
  .object({
    sector: z.string().regex(/^\d{2}$/),
    employees: z.number().int().min(0).max(100_000),
    website: z.boolean(),
    webshop: z.boolean(),
    email: z.enum(EMAIL_PROVIDERS),
    cardPayments: z.boolean(),
    personalData: z.enum(PERSONAL_DATA_KINDS),
    remoteWork: z.boolean(),
    itProvider: z.boolean(),
    region: z.enum(REGIONS).optional().describe('optional; only used for the support schemes of each plan item (a bad value → 422 validation_failed)'),
  })
  .strict()
  .meta({ id: 'AssessmentProfile' });

const ScoreValue = z.number().int().min(0).max(100).nullable();

export const QuickScanBodySchema = z.object({ lang: Lang, profile: ProfileBody, answers: z.record(z.string().max(60), z.enum(ANSWERS)).default({}) }).strict();

export const QuickScanResponse = z
  .object({
    algorithmVersion: z.string(),
    applicableControls: z.array(z.string()),
    scores: z.object({ overall: ScoreValue, byFunction: z.object(Object.fromEntries(FUNCTIONS.map((f) => [f, ScoreValue])) as Record<(typeof FUNCTIONS)[number], typeof ScoreValue>) }),
    risks: z.array(z.object({ threat: z.enum(THREAT_IDS), name: z.string(), level: z.number().int().min(0).max(100) })),
    plan: z.array(
      z.object({
        controlId: z.string(),
        title: z.string(),
        why: z.string(),
        steps: z.array(z.string()),
        effortHours: z.number(),
        who: z.enum(['owner', 'it_provider', 'either']),
        horizon: z.enum(['week', 'month', 'quarter']),
        article: z.object({ slug: z.string(), url: z.string().describe('absolute path of the article page in the request’s language') }).describe('the knowledge-hub article about this measure'),
        support: z
          .array(z.object({ scheme: z.string().describe('the scheme’s title in the request’s language'), url: z.string().describe('its official page') }))
          .describe('public support schemes of the profile’s region (and federal ones) that can pay for this kind of action; [] without a region'),
      }),
    ),
    providerChecklist: z.array(z.object({ controlId: z.string(), criterion: z.string(), reason: z.enum(['unknown', 'provider_task']) })),
    open: z.array(z.string()),
    keyMeasures: z.object({ small: z.object({ met: z.number().int(), total: z.number().int() }), basic: z.object({ met: z.number().int(), total: z.number().int() }) }),
    peers: PeersSchema,
  })
  .meta({ id: 'QuickScanResult' });

export function assessmentApiRoutes(deps: AppDeps, catalog: AssessmentCatalog, nace: NaceList) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    // The 200 answer is sent as bytes joined from pieces kept once made (quick-scan-answer.ts), which equal what the
    // serializer of QuickScanResponse writes for the same value.
    const answerBytes = quickScanAnswerBytes(catalog, quickScanWriter(QuickScanResponse));

    app.get(
      '/api/v1/catalog',
      {
        config: { access: api(null) },
        schema: {
          tags: ['assessment'],
          summary: 'The self-assessment catalogue: controls, threat scenarios and sector packs in one language',
          querystring: z.object({ lang: Lang.default('nl') }),
          response: {
            200: z.object({
              algorithmVersion: z.string(),
              controls: z.array(z.record(z.string(), z.unknown())),
              threats: z.array(z.object({ id: z.enum(THREAT_IDS), name: z.string(), description: z.string(), baseline: z.number(), impact: z.number() })),
              sectors: z.array(z.object({ code: z.string(), divisions: z.array(z.string()), name: z.string(), intro: z.string(), threatWeights: z.record(z.string(), z.number()) })),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const lang = request.query.lang;
        const t = translator(lang);
        return {
          algorithmVersion: ALGORITHM_VERSION,
          controls: catalog.controls.map((c) => ({ ...localizeControl(catalog, c, lang, t), appliesWhen: c.appliesWhen, quick: c.quickRank !== null }) as Record<string, unknown>),
          threats: catalog.threats.map((x) => ({ id: x.id, name: x.text[lang].name, description: x.text[lang].description, baseline: x.baseline, impact: x.impact })),
          sectors: catalog.sectors.map((s) => ({ code: s.id, divisions: s.divisions, name: s.text[lang].name, intro: s.text[lang].intro, threatWeights: s.threatWeights })),
        };
      },
    );

    app.post(
      '/api/v1/quick-scan',
      {
        config: { access: api(null) },
        schema: {
          tags: ['assessment'],
          summary: 'Score a profile and answers; stores nothing. Send Accept: application/pdf for the action plan as PDF.',
          body: QuickScanBodySchema,
          response: { 200: QuickScanResponse, 422: ErrorBody, ...errors },
        },
        // A region outside the list is a well-formed request with an unacceptable value: 422 (RFC 9110 §15.5.21), like
        // GET /api/v1/articles. Every other malformed field keeps its 400, as before region existed.
        attachValidation: true,
        // The same answer as zod's, checked without zod for a valid body (quick-scan-body.ts).
        validatorCompiler: quickScanValidatorCompiler,
      },
      async (request, reply) => {
        if (request.validationError) {
          const raw = (request.body ?? {}) as { profile?: { region?: unknown } };
          const regionBad = raw.profile?.region !== undefined && !(REGIONS as readonly unknown[]).includes(raw.profile.region);
          const onlyRegion = ((request.validationError as { validation?: { instancePath?: string }[] }).validation ?? []).every((v) => v.instancePath === '/profile/region');
          if (!regionBad || !onlyRegion) throw request.validationError;
          return reply
            .status(422)
            .header('cache-control', 'no-store')
            .send({ error: { code: 'validation_failed' as const, message: request.t('error.validation_failed'), issues: [{ path: 'body.profile.region', message: request.t('support.error.region') }] } });
        }
        const { lang, answers } = request.body;
        const profile: AssessmentProfile = request.body.profile;
        if (!isSelectableNaceCode(nace, profile.sector)) {
          throw new AppError('validation_failed', { issues: [{ path: 'profile.sector', message: request.t('company.error.nace') }] });
        }
        const unknownIds = Object.keys(answers).filter((id) => !controlById(catalog, id));
        if (unknownIds.length > 0) {
          throw new AppError('validation_failed', { issues: unknownIds.slice(0, 10).map((id) => ({ path: `answers.${id}`, message: request.t('api.issue.invalid_value') })) });
        }
        const t = translator(lang);
        const result = assess(catalog, profile, answers);
        if (String(request.headers.accept ?? '').includes('application/pdf')) {
          const pdf = await renderPlanPdf(planDocument(catalog, result, profile, lang, t, null, new Date()));
          // A Buffer bypasses the JSON serializer; the response schema describes the JSON form only.
          return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="schild-plan.pdf"').send(pdf as never);
        }
        // Read from the pre-aggregated peer groups: one row, never a scan of the companies (docs/statistics.md), kept
        // at most a minute per process (quickScanPeers).
        const peers = presentPeers((await quickScanPeers(deps, nace, profile)).group);
        // The bytes the 200 serializer would write for presentQuickScan(…), from pieces kept once made (quick-scan-answer.ts).
        // The buffer is written again for a later answer only once this response has finished (reused-buffers.ts).
        const answer = answerBytes(result, profile, lang, t, peers);
        answer.returnAfter(reply.raw);
        return reply.type('application/json; charset=utf-8').send(answer.bytes as never);
      },
    );

    const IdParams = z.object({ companyId: z.uuid() });
    const CompanyAssessment = z
      .object({
        assessmentId: z.string(),
        completedAt: z.string().nullable(),
        algorithmVersion: z.string(),
        answers: z.record(z.string(), z.enum(ANSWERS)),
        notes: z.record(z.string(), z.string()),
        applicableControls: z.array(z.string()),
        scores: QuickScanResponse.shape.scores,
        risks: z.array(z.object({ threat: z.enum(THREAT_IDS), level: z.number().int() })),
        plan: z.array(z.object({ controlId: z.string(), horizon: z.enum(['week', 'month', 'quarter']), effortHours: z.number(), riskRemoved: z.number() })),
        providerChecklist: z.array(z.object({ controlId: z.string(), reason: z.enum(['unknown', 'provider_task']) })),
        keyMeasures: QuickScanResponse.shape.keyMeasures,
      })
      .meta({ id: 'CompanyAssessment' });

    const companyFor = (userId: string, companyId: string, write: boolean) => companyForApi(deps, userId, companyId, write);

    async function present(companyId: string, user: User) {
      const { company } = await companyFor(user.id, companyId, false);
      const c = await currentAssessment(deps, catalog, company, user);
      return {
        assessmentId: c.record.id,
        completedAt: c.record.completedAt,
        algorithmVersion: c.result.algorithmVersion,
        answers: c.stored.answers,
        notes: c.stored.notes,
        applicableControls: c.result.applicableControls,
        scores: c.result.scores,
        risks: c.result.risks.map((r) => ({ threat: r.threat, level: r.level })),
        plan: c.result.plan.map((p) => ({ controlId: p.controlId, horizon: p.horizon, effortHours: p.effortHours, riskRemoved: p.riskRemoved })),
        providerChecklist: c.result.providerChecklist,
        keyMeasures: c.result.keyMeasures,
      };
    }

    app.get(
      '/api/v1/companies/:companyId/assessment',
      {
        config: { access: api('companies:read') },
        schema: { tags: ['assessment'], summary: "The company's current self-assessment with its result", security: [{ bearer: [] }], params: IdParams, response: { 200: CompanyAssessment, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
      },
      async (request) => present(request.params.companyId, request.user!),
    );

    app.patch(
      '/api/v1/companies/:companyId/assessment/answers',
      {
        config: { access: api('companies:write') },
        schema: {
          tags: ['assessment'],
          summary: 'Set answers (and optional notes) of the current self-assessment; null clears an answer (owners and admins)',
          security: [{ bearer: [] }],
          params: IdParams,
          body: z
            .object({
              answers: z.record(z.string().max(60), z.enum(ANSWERS).nullable()).default({}),
              notes: z.record(z.string().max(60), z.string().max(1000)).default({}),
            })
            .strict(),
          response: { 200: CompanyAssessment, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { company } = await companyFor(request.user!.id, request.params.companyId, true);
        const c = await currentAssessment(deps, catalog, company, request.user!);
        const ids = new Set([...Object.keys(request.body.answers), ...Object.keys(request.body.notes)]);
        const notApplicable = [...ids].filter((id) => !c.result.applicableControls.includes(id));
        if (notApplicable.length > 0) {
          throw new AppError('validation_failed', { issues: notApplicable.slice(0, 10).map((id) => ({ path: `answers.${id}`, message: request.t('api.issue.invalid_value') })) });
        }
        await saveAnswers(
          deps,
          catalog,
          company,
          request.user!,
          c.record.id,
          [...ids].map((controlId) => {
            const a = request.body.answers[controlId];
            return { controlId, answer: a === undefined ? undefined : a === null ? '' : a, note: request.body.notes[controlId] };
          }),
        );
        return present(company.id, request.user!);
      },
    );

    app.post(
      '/api/v1/companies/:companyId/assessment/finish',
      {
        config: { access: api('companies:write') },
        schema: { tags: ['assessment'], summary: 'Finish the current self-assessment and keep its result in the history', security: [{ bearer: [] }], params: IdParams, response: { 200: CompanyAssessment, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
      },
      async (request) => {
        const { company } = await companyFor(request.user!.id, request.params.companyId, true);
        await finishAssessment(deps, catalog, company, request.user!);
        return present(company.id, request.user!);
      },
    );
  };
}
