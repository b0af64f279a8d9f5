/**
 * JSON API for an IT provider's own tooling: the plans shared with its organisation now, and one shared plan with
 * only the scopes the company ticked. Read-only; marking done stays on the page, where the owner's confirmation loop
 * lives. Same rule as the pages (docs/providers.md "Sharing a plan"): not staff, not this organisation's, revoked or
 * expired → 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AssessmentCatalog } from '../../../../core/assessment/catalog.ts';
import { LOCALES } from '../../../../core/locale.ts';
import { SHARE_SCOPES, UPDATE_STATUSES } from '../../../../core/providers/shares.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { openSharedPlan, sharedPlansOf } from '../../../../app/provider-work.ts';
import { findStaffRole } from '../../../../db/repositories/organisation.repository.ts';
import { translator } from '../../../../i18n/index.ts';
import { presentPlan } from '../../../presenters/assessment.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { ErrorBody } from '../shared/schemas.ts';

const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const SharedPlanSummary = z
  .object({ id: z.uuid(), companyId: z.uuid(), companyName: z.string(), scopes: z.array(z.enum(SHARE_SCOPES)), grantedAt: z.string(), expiresAt: z.string() })
  .meta({ id: 'SharedPlanSummary' });

const SharedPlanOut = z
  .object({
    share: SharedPlanSummary,
    plan: z
      .array(
        z.object({
          controlId: z.string(),
          title: z.string(),
          steps: z.array(z.string()),
          horizon: z.string(),
          markable: z.boolean().meta({ description: 'The organisation may mark this item done under this share' }),
        }),
      )
      .nullable()
      .meta({ description: 'Open plan items with their steps; null when the plan is not shared or the company has not started' }),
    providerChecklist: z
      .array(z.object({ controlId: z.string(), reason: z.enum(['unknown', 'provider_task']) }))
      .nullable()
      .meta({ description: 'Null when the provider checklist is not shared' }),
    scanReports: z
      .array(z.object({ domain: z.string(), grade: z.string().nullable(), finishedAt: z.string(), checks: z.array(z.object({ id: z.string(), status: z.string() })) }))
      .nullable()
      .meta({ description: 'Null when the scan report is not shared' }),
    updates: z.array(z.object({ id: z.uuid(), controlId: z.string(), note: z.string(), markedAt: z.string(), status: z.enum(UPDATE_STATUSES), decidedAt: z.string().nullable(), decisionNote: z.string().nullable() })),
  })
  .meta({ id: 'SharedPlan' });

export function sharedPlanApiRoutes(deps: AppDeps, catalog: AssessmentCatalog) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const staffOnly = async (orgId: string, userId: string) => {
      if (!(await findStaffRole(deps.db, orgId, userId))) throw new AppError('not_found');
    };

    app.get(
      '/api/v1/organisations/:orgId/shared-plans',
      {
        config: { access: api('organisations:read') },
        schema: {
          tags: ['organisations'],
          summary: 'Plans companies share with this IT provider organisation now (not revoked, not expired)',
          security: [{ bearer: [] }],
          params: z.object({ orgId: z.uuid() }),
          response: { 200: z.object({ sharedPlans: z.array(SharedPlanSummary) }), ...errors },
        },
      },
      async (request) => {
        await staffOnly(request.params.orgId, request.user!.id);
        const shares = await sharedPlansOf(deps, request.params.orgId);
        return { sharedPlans: shares.map((s) => ({ id: s.id, companyId: s.companyId, companyName: s.companyName, scopes: s.scopes, grantedAt: s.grantedAt, expiresAt: s.expiresAt })) };
      },
    );

    app.get(
      '/api/v1/organisations/:orgId/shared-plans/:shareId',
      {
        config: { access: api('organisations:read') },
        schema: {
          tags: ['organisations'],
          summary: 'One shared plan, with only what the company shared; `lang` picks the language of titles and steps',
          security: [{ bearer: [] }],
          params: z.object({ orgId: z.uuid(), shareId: z.uuid() }),
          querystring: z.object({ lang: z.enum(LOCALES).optional() }),
          response: { 200: SharedPlanOut, ...errors },
        },
      },
      async (request) => {
        await staffOnly(request.params.orgId, request.user!.id);
        const view = await openSharedPlan(deps, catalog, request.params.orgId, request.params.shareId);
        if (!view) throw new AppError('not_found');
        const lang = request.query.lang ?? 'en';
        const s = view.share;
        const plan = view.plan && s.scopes.includes('plan') ? presentPlan(catalog, view.plan.result, lang, translator(lang), view.plan.profile) : null;
        return {
          share: { id: s.id, companyId: s.companyId, companyName: s.companyName, scopes: s.scopes, grantedAt: s.grantedAt, expiresAt: s.expiresAt },
          plan: plan ? plan.map((p) => ({ controlId: p.controlId, title: p.title, steps: p.steps, horizon: p.horizon, markable: view.markable.includes(p.controlId) })) : null,
          providerChecklist: view.plan && s.scopes.includes('provider_checklist') ? view.plan.result.providerChecklist : null,
          scanReports: view.reports ? view.reports.map((r) => ({ domain: r.domain, grade: r.grade, finishedAt: r.finishedAt, checks: r.checks.map((c) => ({ id: c.id, status: c.status })) })) : null,
          updates: view.updates.map((u) => ({ id: u.id, controlId: u.controlId, note: u.note, markedAt: u.markedAt, status: u.status, decidedAt: u.decidedAt, decisionNote: u.decisionNote })),
        };
      },
    );
  };
}
