/** The owner gives an outside Schild user (the IT partner) the right to run phishing exercises, or takes it back. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { grantPhishing, phishingGrantsOf, revokePhishingGrant } from '../../../app/company-grants.ts';
import { peoplePageOf, verifiedDomains } from '../../../app/people.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { requestMeta } from '../ui/request.ts';
import { PeoplePage } from './people.view.tsx';

const ERRORS: Record<'no_account' | 'member' | 'duplicate', MessageKey> = { no_account: 'grants.error.no_account', member: 'grants.error.member', duplicate: 'grants.error.duplicate' };

export function grantRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    // Owner only: giving someone outside the company a way in is a security setting.
    const access = { config: { access: companyAccess('security_settings') } };
    const people = (request: FastifyRequest) => `/${request.locale}/companies/${request.company!.id}/people`;
    const actor = (request: FastifyRequest) => ({ userId: request.user!.id, ip: requestMeta(request).ip });

    app.post('/:lang/companies/:companyId/grants', access, async (request, reply) => {
      const form = z.object({ grantee: z.string().max(300).default('') }).safeParse(request.body ?? {});
      const r = await grantPhishing(deps, request.company!, actor(request), form.success ? form.data.grantee : '');
      if (!r.ok) {
        const companyId = request.company!.id;
        const page = (
          <PeoplePage
            ctx={pageCtx(request)}
            request={request}
            people={await peoplePageOf(deps, companyId, 1)}
            domains={await verifiedDomains(deps.db, companyId)}
            grants={await phishingGrantsOf(deps, companyId)}
            grantError={request.t(ERRORS[r.error])}
          />
        );
        return sendPage(reply, page, 400);
      }
      return reply.redirect(`${people(request)}?done=granted#grants`, 303);
    });

    app.post('/:lang/companies/:companyId/grants/:grantId/revoke', access, async (request, reply) => {
      const id = z.object({ grantId: z.uuid() }).safeParse(request.params);
      if (id.success) await revokePhishingGrant(deps, request.company!, actor(request), id.data.grantId);
      return reply.redirect(`${people(request)}?done=revoked#grants`, 303);
    });
  };
}
