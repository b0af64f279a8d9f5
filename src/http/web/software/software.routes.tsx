/**
 * "Is my software safe?" (issue 12): GET /:lang/companies/:companyId/software shows the list, its plan items and the
 * suggestions; POSTs add or remove a product and save the answers per product (owners and admins: company 'assess').
 * Every form works without JavaScript; a refused form answers 400 with the page and a translated message, and
 * nothing is saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { addSoftware, listSoftware, planItemsOf, removeSoftware, saveSoftwareSettings, softwareSuggestions } from '../../../app/software.ts';
import type { SoftwareCatalogue } from '../../../core/software/catalogue.ts';
import { SETTING_IDS, SETTING_VALUES, type SoftwareSettings } from '../../../core/software/plan.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { SoftwarePage } from './software-views.tsx';

const NOTICES: Record<string, MessageKey> = { added: 'software.notice.added', removed: 'software.notice.removed', saved: 'software.notice.saved' };

/** A product id as the catalogue writes them; anything else is refused before the catalogue is asked. */
const ProductBody = z.object({ productId: z.string().min(2).max(60).regex(/^[a-z0-9-]+$/) });
/** A question left open stays unanswered; a value other than the three answers refuses the whole form. */
const SettingsBody = ProductBody.extend(
  Object.fromEntries(SETTING_IDS.map((s) => [s, z.enum(SETTING_VALUES).optional()])) as Record<(typeof SETTING_IDS)[number], z.ZodOptional<z.ZodEnum<{ yes: 'yes'; no: 'no'; unknown: 'unknown' }>>>,
);

export function softwareRoutes(deps: AppDeps, catalogue: SoftwareCatalogue) {
  return async function (app: FastifyInstance): Promise<void> {
    async function page(request: FastifyRequest, reply: FastifyReply, status = 200, error?: string) {
      const company = request.company!;
      const listed = await listSoftware(deps, catalogue, company.id);
      const suggestions = await softwareSuggestions(deps, catalogue, company, listed);
      return sendPage(
        reply,
        <SoftwarePage
          ctx={pageCtx(request)}
          company={company}
          role={request.companyRole!}
          catalogue={catalogue}
          listed={listed}
          items={planItemsOf(catalogue, listed, request.locale)}
          suggestions={suggestions}
          notice={status === 200 ? noticeFrom(request, NOTICES) : undefined}
          error={error}
        />,
        status,
      );
    }
    const done = (request: FastifyRequest, reply: FastifyReply, what: string) => reply.redirect(`/${request.locale}/companies/${request.company!.id}/software?done=${what}`, 303);

    app.get('/:lang/companies/:companyId/software', { config: { access: companyAccess('view') } }, async (request, reply) => page(request, reply));

    app.post('/:lang/companies/:companyId/software', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const body = ProductBody.safeParse(request.body);
      if (!body.success) return page(request, reply, 400, request.t('software.error.unknown_product'));
      const r = await addSoftware(deps, catalogue, request.company!, request.user!, body.data.productId, requestMeta(request).ip);
      if (!r.ok) return page(request, reply, 400, request.t(r.error === 'unknown_product' ? 'software.error.unknown_product' : 'software.error.already_listed'));
      return done(request, reply, 'added');
    });

    app.post('/:lang/companies/:companyId/software/remove', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const body = ProductBody.safeParse(request.body);
      const r = body.success ? await removeSoftware(deps, request.company!, request.user!, body.data.productId, requestMeta(request).ip) : { ok: false as const };
      if (!r.ok) return page(request, reply, 400, request.t('software.error.not_listed'));
      return done(request, reply, 'removed');
    });

    app.post('/:lang/companies/:companyId/software/settings', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const product = ProductBody.safeParse(request.body);
      if (!product.success) return page(request, reply, 400, request.t('software.error.not_listed'));
      // An odd answer saves nothing (no half-saved form).
      const body = SettingsBody.safeParse(request.body);
      if (!body.success) return page(request, reply, 400, request.t('software.error.answer'));
      const { productId, ...answers } = body.data;
      const settings: SoftwareSettings = {};
      for (const id of SETTING_IDS) if (answers[id] !== undefined) settings[id] = answers[id];
      const r = await saveSoftwareSettings(deps, request.company!, request.user!, productId, settings, requestMeta(request).ip);
      if (!r.ok) return page(request, reply, 400, request.t('software.error.not_listed'));
      return done(request, reply, 'saved');
    });
  };
}
