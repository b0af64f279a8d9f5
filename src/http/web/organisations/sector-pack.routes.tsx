/**
 * Sector pack routes: the federation's staff draft and submit (/orgs/:orgId/sector-pack…), member companies answer
 * the pack's questions in their assessment (/companies/:companyId/assessment/pack/:orgId), and the platform
 * administrator's review (sector-pack-review.routes.tsx, registered from here).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { isPackAnswer, parseIntroForm, parseQuestionForm, PACK_MAX_QUESTIONS, QuestionIdSchema, type PackAnswer, type PackFieldProblem } from '../../../core/organisations/sector-pack.ts';
import { currentAssessment } from '../../../app/assessments.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { packPartsFor, packState, removeQuestion, saveIntro, savePackAnswers, saveQuestion, submitPack } from '../../../app/sector-packs.ts';
import type { MessageKey, T } from '../../../i18n/index.ts';
import { company, org } from '../../access.ts';
import { sendPage } from '../../render.ts';
import type { FieldErrors } from '../ui/components.tsx';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { PackPartPage } from './sector-pack-part.tsx';
import { PackPage, QuestionPage, type PackPageProps } from './sector-pack-views.tsx';

const NOTICES = { saved: 'pack.notice.saved', submitted: 'pack.notice.submitted', removed: 'pack.notice.removed' } as const;
const PROBLEM_KEYS: Record<PackFieldProblem['problem'], MessageKey> = {
  too_long: 'form.error.too_long',
  not_plain: 'pack.error.not_plain',
  not_https: 'pack.error.not_https',
  invalid: 'form.error.invalid',
  empty: 'pack.error.empty',
};
const OrgParam = z.object({ orgId: z.uuid() });

function fieldErrors(t: T, problems: PackFieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) errors[p.field] ??= t(PROBLEM_KEYS[p.problem]);
  return errors;
}

/** What was typed, bounded, to show the form again after an error (nothing is stored then). */
function typedValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (typeof v === 'string' && /^[a-z_]{1,20}$/.test(k)) out[k] = v.slice(0, 2500);
  return out;
}

export function sectorPackRoutes(deps: AppDeps, catalog: AssessmentCatalog) {
  return async function (app: FastifyInstance): Promise<void> {
    /** Only federations have packs; any other organisation answers "not found". */
    const federation = (request: FastifyRequest) => (request.organisation!.kind === 'federation' ? request.organisation! : undefined);
    const packUrl = (request: FastifyRequest) => `/${request.locale}/orgs/${request.organisation!.id}/sector-pack`;
    const packPage = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Partial<PackPageProps> = {}) => {
      const o = request.organisation!;
      return sendPage(reply, <PackPage ctx={pageCtx(request)} org={o} role={request.orgRole!} state={await packState(deps, o.id)} notice={noticeFrom(request, NOTICES)} {...extra} />, status);
    };
    const editError = (t: T, error: 'in_review' | 'not_found' | 'too_many') =>
      error === 'in_review' ? t('pack.in_review') : error === 'too_many' ? t('pack.error.too_many', { max: PACK_MAX_QUESTIONS }) : t('pack.error.not_found');

    app.get('/:lang/orgs/:orgId/sector-pack', { config: { access: org('view') } }, async (request, reply) => {
      if (!federation(request)) return reply.callNotFound();
      return packPage(request, reply, 200);
    });

    app.post('/:lang/orgs/:orgId/sector-pack', { config: { access: org('manage_members') } }, async (request, reply) => {
      const o = federation(request);
      if (!o) return reply.callNotFound();
      const form = parseIntroForm((request.body ?? {}) as Record<string, unknown>);
      if (!form.ok) return packPage(request, reply, 400, { errors: fieldErrors(request.t, form.problems), introValues: typedValues(request.body) });
      const saved = await saveIntro(deps, o, request.user!, form.intro, requestMeta(request));
      if (!saved.ok) return packPage(request, reply, 409, { general: editError(request.t, saved.error), introValues: typedValues(request.body) });
      return reply.redirect(`${packUrl(request)}?done=saved`, 303);
    });

    app.get('/:lang/orgs/:orgId/sector-pack/question', { config: { access: org('manage_members') } }, async (request, reply) => {
      const o = federation(request);
      if (!o) return reply.callNotFound();
      const q = (request.query as Record<string, unknown>).q;
      const { latest } = await packState(deps, o.id);
      if (q === undefined) {
        if ((latest?.content.questions.length ?? 0) >= PACK_MAX_QUESTIONS) return packPage(request, reply, 400, { general: editError(request.t, 'too_many') });
        return sendPage(reply, <QuestionPage ctx={pageCtx(request)} org={o} question={null} number={null} />);
      }
      const index = latest && QuestionIdSchema.safeParse(q).success ? latest.content.questions.findIndex((x) => x.id === q) : -1;
      if (index < 0) return reply.callNotFound();
      return sendPage(reply, <QuestionPage ctx={pageCtx(request)} org={o} question={latest!.content.questions[index]!} number={index + 1} />);
    });

    app.post('/:lang/orgs/:orgId/sector-pack/question', { config: { access: org('manage_members') } }, async (request, reply) => {
      const o = federation(request);
      if (!o) return reply.callNotFound();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const id = body.id === undefined || body.id === '' ? null : QuestionIdSchema.safeParse(body.id).success ? (body.id as string) : undefined;
      if (id === undefined) return packPage(request, reply, 400, { general: editError(request.t, 'not_found') });
      const { latest } = await packState(deps, o.id);
      const index = id === null ? -1 : (latest?.content.questions.findIndex((x) => x.id === id) ?? -1);
      const again = (status: number, extra: { errors?: FieldErrors; general?: string }) =>
        sendPage(reply, <QuestionPage ctx={pageCtx(request)} org={o} question={index >= 0 ? latest!.content.questions[index]! : null} number={index >= 0 ? index + 1 : null} values={typedValues(body)} {...extra} />, status);
      const form = parseQuestionForm(body);
      if (!form.ok) return again(400, { errors: fieldErrors(request.t, form.problems) });
      const saved = await saveQuestion(deps, o, request.user!, id, form.question, requestMeta(request));
      if (!saved.ok) return again(saved.error === 'in_review' ? 409 : 400, { general: editError(request.t, saved.error) });
      return reply.redirect(`${packUrl(request)}?done=saved`, 303);
    });

    app.post('/:lang/orgs/:orgId/sector-pack/question/remove', { config: { access: org('manage_members') } }, async (request, reply) => {
      const o = federation(request);
      if (!o) return reply.callNotFound();
      const id = z.object({ id: QuestionIdSchema }).safeParse(request.body);
      if (!id.success) return packPage(request, reply, 400, { general: editError(request.t, 'not_found') });
      const removed = await removeQuestion(deps, o, request.user!, id.data.id, requestMeta(request));
      if (!removed.ok) return packPage(request, reply, removed.error === 'in_review' ? 409 : 400, { general: editError(request.t, removed.error) });
      return reply.redirect(`${packUrl(request)}?done=removed`, 303);
    });

    app.post('/:lang/orgs/:orgId/sector-pack/submit', { config: { access: org('manage_members') } }, async (request, reply) => {
      const o = federation(request);
      if (!o) return reply.callNotFound();
      const result = await submitPack(deps, o, request.user!, requestMeta(request));
      if (!result.ok) {
        if (result.error === 'incomplete') return packPage(request, reply, 400, { general: request.t('pack.error.incomplete'), gaps: result.gaps });
        return packPage(request, reply, result.error === 'in_review' ? 409 : 400, { general: result.error === 'in_review' ? request.t('pack.in_review') : request.t('pack.error.nothing_to_submit') });
      }
      return reply.redirect(`${packUrl(request)}?done=submitted`, 303);
    });

    // --- the company's side ----------------------------------------------------------------------------------------

    const partOf = async (request: FastifyRequest) => {
      const params = OrgParam.safeParse(request.params);
      const current = await currentAssessment(deps, catalog, request.company!, request.user!);
      const parts = params.success ? await packPartsFor(deps, request.company!.id, current.record.id) : [];
      return { current, part: parts.find((p) => params.success && p.organisationId === params.data.orgId) };
    };
    /** No live pack of that federation for this company (it left, or the link is stale): back to the assessment. */
    const toAssessment = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/${request.locale}/companies/${request.company!.id}/assessment`, 303);

    app.get('/:lang/companies/:companyId/assessment/pack/:orgId', { config: { access: company('assess') } }, async (request, reply) => {
      const { part } = await partOf(request);
      if (!part) return toAssessment(request, reply);
      const saved = (request.query as Record<string, unknown>).done === 'saved';
      return sendPage(reply, <PackPartPage ctx={pageCtx(request)} companyId={request.company!.id} part={part} saved={saved} />);
    });

    app.post('/:lang/companies/:companyId/assessment/pack/:orgId', { config: { access: company('assess') } }, async (request, reply) => {
      const { current, part } = await partOf(request);
      if (!part) return toAssessment(request, reply);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const submitted: Record<string, PackAnswer | '' | undefined> = {};
      for (const q of part.pack.content.questions) {
        const a = body[`a_${q.id}`];
        // Anything but a known answer (a forged value, an array) is ignored and leaves the stored answer as it was.
        submitted[q.id] = isPackAnswer(a) ? a : a === '' ? '' : undefined;
      }
      await savePackAnswers(deps, request.company!.id, request.user!, current.record.id, part.organisationId, submitted);
      const base = `/${request.locale}/companies/${request.company!.id}`;
      if (body.go === 'result') return reply.redirect(`${base}/results#advice-${part.organisationId}`, 303);
      return reply.redirect(`${base}/assessment/pack/${part.organisationId}?done=saved`, 303);
    });
  };
}
