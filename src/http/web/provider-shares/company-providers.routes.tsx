/**
 * The company's side of sharing with an IT provider: /:lang/companies/:companyId/providers (see it), share and
 * revoke (owners), confirm or decline what the provider marked done (whoever may answer the self-assessment).
 * Rules: docs/providers.md "Sharing a plan".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { scoreChange } from '../../../core/assessment/progress.ts';
import type { ScanMessages } from '../../../core/scan/messages.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { currentAssessment } from '../../../app/assessments.ts';
import { confirmProviderUpdate, declineProviderUpdate, providersOverview, revokeProviderShare, shareWithProvider } from '../../../app/provider-shares.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company } from '../../access.ts';
import { controlById, localizeControl, scoreChangeText } from '../../presenters/assessment.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { ProvidersPage, type ProvidersPageProps } from './company-providers-views.tsx';

const NOTICES = {
  shared: 'pshare.notice.shared',
  revoked: 'pshare.notice.revoked',
  ended: 'pshare.notice.already_ended',
  declined: 'pshare.notice.declined',
  confirmed: 'pshare.notice.confirmed',
} as const satisfies Record<string, MessageKey>;

const Id = z.uuid();

const DECISION_PROBLEMS: Record<string, MessageKey> = {
  not_found: 'pshare.problem.update_gone',
  already_decided: 'pshare.problem.already_decided',
  not_in_plan: 'pshare.problem.not_in_plan',
  note_too_long: 'pshare.problem.decline_too_long',
  note_invalid: 'form.error.invalid',
};

export function companyProviderRoutes(deps: AppDeps, catalog: AssessmentCatalog, messages: ScanMessages) {
  return async function (app: FastifyInstance): Promise<void> {
    const base = (request: FastifyRequest) => `/${request.locale}/companies/${request.company!.id}/providers`;

    /** After a confirmation, the notice says how the score moved and why, as the results page does after "done". */
    const noticeText = async (request: FastifyRequest): Promise<string | undefined> => {
      const key = noticeFrom(request, NOTICES);
      const id = (request.query as Record<string, unknown>).control;
      if (key === 'pshare.notice.confirmed' && typeof id === 'string') {
        const current = await currentAssessment(deps, catalog, request.company!, request.user!);
        const c = controlById(catalog, id);
        const previous = current.done.find((d) => d.controlId === id)?.previousAnswer;
        if (c && previous) {
          const title = localizeControl(catalog, c, request.locale, request.t, current.profile).title;
          const text = scoreChangeText(request.t, request.locale, scoreChange(catalog, current.profile, current.stored.answers, id, previous), title, 'done');
          if (text) return `${request.t(key)} ${text}`;
        }
      }
      return key ? request.t(key) : undefined;
    };

    const page = async (request: FastifyRequest, reply: FastifyReply, extra: Partial<ProvidersPageProps> = {}, status = 200) => {
      const c = request.company!;
      const preselected = (request.query as Record<string, unknown>).organisation;
      return sendPage(
        reply,
        <ProvidersPage
          ctx={pageCtx(request)}
          company={c}
          role={request.companyRole!}
          catalog={catalog}
          messages={messages}
          overview={await providersOverview(deps, catalog, c)}
          now={deps.clock.now().toISOString()}
          notice={await noticeText(request)}
          values={{ organisationId: typeof preselected === 'string' && Id.safeParse(preselected).success ? preselected : undefined }}
          {...extra}
        />,
        status,
      );
    };

    app.get('/:lang/companies/:companyId/providers', { config: { access: company('view') } }, async (request, reply) => page(request, reply));

    app.post('/:lang/companies/:companyId/providers/shares', { config: { access: company('share_with_provider') } }, async (request, reply) => {
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      const result = await shareWithProvider(deps, request.company!, request.user!, { organisationId: body.organisationId, scopes: body.scopes, days: body.days }, requestMeta(request));
      if (result.ok) return reply.redirect(`${base(request)}?done=shared`, 303);
      const values = {
        organisationId: typeof body.organisationId === 'string' ? body.organisationId.slice(0, 40) : undefined,
        scopes: [body.scopes ?? []].flat().filter((s): s is string => typeof s === 'string').slice(0, 5),
        days: typeof body.days === 'string' ? body.days.slice(0, 5) : undefined,
      };
      if (result.error === 'rate_limited') return page(request, reply, { values, errors: { form: request.t('pshare.problem.rate_limited') } }, 429);
      const errors = Object.fromEntries(Object.entries(result.problems).map(([field, problem]) => [field, request.t(`pshare.problem.${problem}` as MessageKey)]));
      return page(request, reply, { values, errors }, 400);
    });

    app.post('/:lang/companies/:companyId/providers/shares/:shareId/revoke', { config: { access: company('share_with_provider') } }, async (request, reply) => {
      const shareId = (request.params as { shareId: string }).shareId;
      const outcome = Id.safeParse(shareId).success ? await revokeProviderShare(deps, request.company!, request.user!, shareId, requestMeta(request)) : 'not_found';
      if (outcome === 'not_found') return page(request, reply, { updateProblem: request.t('pshare.problem.share_gone') }, 404);
      return reply.redirect(`${base(request)}?done=${outcome === 'revoked' ? 'revoked' : 'ended'}`, 303);
    });

    app.post('/:lang/companies/:companyId/providers/updates/:updateId/confirm', { config: { access: company('assess') } }, async (request, reply) => {
      const updateId = (request.params as { updateId: string }).updateId;
      const result = Id.safeParse(updateId).success ? await confirmProviderUpdate(deps, catalog, request.company!, request.user!, updateId, requestMeta(request)) : ({ ok: false, error: 'not_found' } as const);
      if (!result.ok) return page(request, reply, { updateProblem: request.t(DECISION_PROBLEMS[result.error]!) }, result.error === 'not_found' ? 404 : 409);
      return reply.redirect(`${base(request)}?done=confirmed&control=${encodeURIComponent(result.controlId)}`, 303);
    });

    app.post('/:lang/companies/:companyId/providers/updates/:updateId/decline', { config: { access: company('assess') } }, async (request, reply) => {
      const updateId = (request.params as { updateId: string }).updateId;
      const note = (request.body as Record<string, unknown> | undefined)?.note;
      const result = Id.safeParse(updateId).success ? await declineProviderUpdate(deps, request.company!, request.user!, updateId, note, requestMeta(request)) : ({ ok: false, error: 'not_found' } as const);
      if (!result.ok) return page(request, reply, { updateProblem: request.t(DECISION_PROBLEMS[result.error]!) }, result.error === 'not_found' ? 404 : result.error === 'note_too_long' || result.error === 'note_invalid' ? 400 : 409);
      return reply.redirect(`${base(request)}?done=declined`, 303);
    });
  };
}
