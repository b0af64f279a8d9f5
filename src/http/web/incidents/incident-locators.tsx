/**
 * Where a saved incident lives: a company incident (members only) or an anonymous report behind its private follow-up
 * link. The incident page routes and the draft routes both find the incident this way.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { followLinkExpired, type IncidentRecord } from '../../../core/incidents/record.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { sha256 } from '../../../adapters/crypto.ts';
import { findIncidentByToken, findIncidentForCompany } from '../../../db/repositories/incident.repository.ts';
import { company as companyAccess, PUBLIC, type Access } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx } from '../ui/page-context.ts';

export interface IncidentLocator {
  prefix: string;
  view: Access;
  edit: Access;
  share: Access;
  /** True for the anonymous follow-up link (it can be renewed, and shows until when it works). */
  byToken: boolean;
  resolve: (request: FastifyRequest) => Promise<IncidentRecord | 'expired' | undefined>;
  baseOf: (request: FastifyRequest) => string;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export function incidentLocators(deps: AppDeps): IncidentLocator[] {
  return [
    {
      prefix: '/:lang/incidents/follow/:token',
      view: PUBLIC,
      edit: PUBLIC,
      share: PUBLIC,
      byToken: true,
      resolve: async (request) => {
        const token = (request.params as { token: string }).token;
        const r = TOKEN.test(token) ? await findIncidentByToken(deps.db, sha256(token)) : undefined;
        return r && followLinkExpired(r, deps.config.incidentLinkTtlMonths, deps.clock.now()) ? 'expired' : r;
      },
      baseOf: (request) => `/${request.locale}/incidents/follow/${(request.params as { token: string }).token}`,
    },
    {
      prefix: '/:lang/companies/:companyId/incidents/:incidentId',
      view: companyAccess('view'),
      edit: companyAccess('report'),
      share: companyAccess('share_incident'),
      byToken: false,
      resolve: async (request) => {
        const id = (request.params as { incidentId: string }).incidentId;
        return /^[0-9a-f-]{36}$/.test(id) ? findIncidentForCompany(deps.db, request.company!.id, id) : undefined;
      },
      baseOf: (request) =>
        `/${request.locale}/companies/${request.company!.id}/incidents/${(request.params as { incidentId: string }).incidentId}`,
    },
  ];
}

/** The incident, or undefined once the reply is sent: 410 with a plain message for an expired link, else 404. */
export async function loadIncident(
  locator: IncidentLocator,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<IncidentRecord | undefined> {
  const r = await locator.resolve(request);
  if (r === 'expired') {
    // The follow-up link has expired: say so plainly; nothing of the report is shown or changed.
    const ctx = pageCtx(request);
    void sendPage(
      reply,
      <Layout ctx={ctx} title={ctx.t('incident.page_title')} narrow>
        <h1>{ctx.t('incident.page_title')}</h1>
        <Notice kind="warn">{ctx.t('incident.follow_link_expired')}</Notice>
        <p>
          <a class="button" href={`/${ctx.locale}/incident/report`}>
            {ctx.t('incident.report_new')}
          </a>
        </p>
      </Layout>,
      410,
    );
    return undefined;
  }
  if (!r) {
    void reply.callNotFound();
    return undefined;
  }
  return r;
}
