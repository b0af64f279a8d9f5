/**
 * The IT provider's side: /:lang/orgs/:orgId/shared-plans (the companies sharing with it now), one shared plan, and
 * marking a plan item done. A share that is not this organisation's, revoked or expired answers 404, the same as one
 * that never existed. Rules: docs/providers.md "Sharing a plan".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { ITEM_NOTE_MAX } from '../../../core/providers/shares.ts';
import type { ScanMessages } from '../../../core/scan/messages.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { markItemDone, openSharedPlan, sharedPlansOf, type MarkError } from '../../../app/provider-work.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { AppError } from '../../errors.ts';
import { org } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { SharedPlanPage, SharedPlansPage, SharedScanPage, type SharedPlanPageProps } from './shared-plan-views.tsx';

const Id = z.uuid();
const NOTICES = { marked: 'pshare.notice.marked', marked_rescan: 'pshare.notice.marked_rescan' } as const satisfies Record<string, MessageKey>;
const MARK_PROBLEMS: Record<Exclude<MarkError, 'not_found'>, MessageKey> = {
  note_required: 'pshare.problem.note_required',
  note_too_long: 'pshare.problem.note_too_long',
  not_in_plan: 'pshare.problem.not_in_plan',
  duplicate: 'pshare.problem.duplicate',
};

export function sharedPlanRoutes(deps: AppDeps, catalog: AssessmentCatalog, messages: ScanMessages) {
  return async function (app: FastifyInstance): Promise<void> {
    // Plans are shared with IT providers only: like their profile and track, these pages do not exist for another
    // kind of organisation (its navigation does not show them either).
    const providerOrg = (request: FastifyRequest) => {
      if (request.organisation?.kind !== 'it_provider') throw new AppError('not_found');
      return request.organisation;
    };
    // Every page of one shared plan starts here: the organisation's kind is checked before the share id.
    const shareIdOf = (request: FastifyRequest): string => {
      providerOrg(request);
      const id = (request.params as { shareId: string }).shareId;
      if (!Id.safeParse(id).success) throw new AppError('not_found');
      return id;
    };

    const planPage = async (request: FastifyRequest, reply: FastifyReply, extra: Partial<SharedPlanPageProps> = {}, status = 200) => {
      const view = await openSharedPlan(deps, catalog, request.organisation!.id, shareIdOf(request));
      if (!view) throw new AppError('not_found');
      return sendPage(
        reply,
        <SharedPlanPage ctx={pageCtx(request)} org={request.organisation!} role={request.orgRole!} catalog={catalog} messages={messages} view={view} notice={noticeFrom(request, NOTICES)} {...extra} />,
        status,
      );
    };

    app.get('/:lang/orgs/:orgId/shared-plans', { config: { access: org('view') } }, async (request, reply) => {
      const o = providerOrg(request);
      return sendPage(reply, <SharedPlansPage ctx={pageCtx(request)} org={o} shares={await sharedPlansOf(deps, o.id)} />);
    });

    app.get('/:lang/orgs/:orgId/shared-plans/:shareId', { config: { access: org('view') } }, async (request, reply) => planPage(request, reply));

    app.get('/:lang/orgs/:orgId/shared-plans/:shareId/scan-report', { config: { access: org('view') } }, async (request, reply) => {
      const view = await openSharedPlan(deps, catalog, request.organisation!.id, shareIdOf(request));
      // Not shared is the same as not there: 404.
      if (!view?.reports) throw new AppError('not_found');
      return sendPage(reply, <SharedScanPage ctx={pageCtx(request)} org={request.organisation!} messages={messages} view={{ ...view, reports: view.reports }} />);
    });

    app.post('/:lang/orgs/:orgId/shared-plans/:shareId/items', { config: { access: org('work_plans') } }, async (request, reply) => {
      const shareId = shareIdOf(request);
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      const result = await markItemDone(deps, catalog, request.organisation!, request.user!, shareId, { controlId: body.controlId, note: body.note }, requestMeta(request));
      if (result.ok) return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/shared-plans/${shareId}?done=${result.rescans > 0 ? 'marked_rescan' : 'marked'}`, 303);
      if (result.error === 'not_found') throw new AppError('not_found');
      const controlId = typeof body.controlId === 'string' ? body.controlId.slice(0, 60) : '';
      const note = typeof body.note === 'string' ? body.note.slice(0, ITEM_NOTE_MAX + 100) : '';
      return planPage(request, reply, { problem: { controlId, message: request.t(MARK_PROBLEMS[result.error], { max: ITEM_NOTE_MAX }), note } }, result.error === 'duplicate' ? 409 : 400);
    });
  };
}
