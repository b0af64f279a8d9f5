/** A saved incident's page and its actions (ticks, updates, details, status, consents, link renewal, MISP export). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../core/company-profile.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { canMoveTo, followLinkExpiry, toMispEvent, STATUSES, EMPTY_DETAILS, type Status } from '../../../core/incidents/record.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { addUpdate, canTick, changeStatus, isOpen, renewFollowLink, reserveIncidentChange, saveDetails, setConsents, tick } from '../../../app/incidents.ts';
import { testimonyForIncident } from '../../../app/testimonies.ts';
import { sendPage } from '../../render.ts';
import { noticeFrom } from '../ui/request.ts';
import { pageCtx } from '../ui/page-context.ts';
import { DetailsForm, IncidentPage, NOTICES } from './incident-page.tsx';
import { incidentLocators, loadIncident } from './incident-locators.tsx';
import { sendIncidentLimited } from './incident-limit.tsx';

export function incidentPageRoutes(deps: AppDeps, content: IncidentContent) {
  return async function (app: FastifyInstance): Promise<void> {
    for (const locator of incidentLocators(deps)) {
      const { prefix, view, edit, share, baseOf } = locator;
      const back = (request: FastifyRequest, done: string) => `${baseOf(request)}?done=${done}`;
      /**
       * Counts one change to the incident (src/app/incidents.ts, OWASP ASVS 4.0.3 §11.1.4) just before it is written,
       * so a form that is refused or a change that writes nothing does not use up the limit. False once the 429 page
       * is sent, saying when the reporter can continue and giving back the text typed.
       */
      async function counted(request: FastifyRequest, reply: FastifyReply, r: { id: string }): Promise<boolean> {
        const reserved = await reserveIncidentChange(deps, r.id);
        if (reserved.ok) return true;
        const text = (request.body as Record<string, unknown> | undefined)?.text;
        void sendIncidentLimited(deps, request, reply, {
          seconds: reserved.retryAfterSeconds,
          message: 'limit.incident.changes',
          back: baseOf(request),
          backLabel: 'limit.incident.back_to_report',
          text: typeof text === 'string' ? text.slice(0, 4000) : undefined,
        });
        return false;
      }

      app.get(prefix, { config: { access: view } }, async (request, reply) => {
        const r = await loadIncident(locator, request, reply);
        if (!r) return reply;
        const token = (request.params as { token?: string }).token;
        const created = noticeFrom(request, NOTICES) === 'incident.notice.created';
        // Owners of a company incident may share its story (issue 12, docs/testimonies.md).
        const testimony =
          request.company && can(request.companyRole, 'share_incident')
            ? { href: `${baseOf(request)}/testimony`, status: (await testimonyForIncident(deps, request.company.id, r.id))?.status ?? null }
            : undefined;
        return sendPage(
          reply,
          <IncidentPage
            ctx={pageCtx(request)}
            content={content}
            r={r}
            base={baseOf(request)}
            now={deps.clock.now()}
            company={request.company}
            role={request.companyRole}
            canShare={request.company ? can(request.companyRole, 'share_incident') : true}
            notice={noticeFrom(request, NOTICES)}
            {...(token && created ? { followUrl: `${deps.config.baseUrl}${baseOf(request)}` } : {})}
            followUntil={token ? followLinkExpiry(r, deps.config.incidentLinkTtlMonths) : undefined}
            testimony={testimony}
          />,
        );
      });

      app.post(`${prefix}/tick`, { config: { access: edit } }, async (request, reply) => {
        const r = await loadIncident(locator, request, reply);
        if (!r) return reply;
        const b = z
          .object({
            kind: z.enum(['obligation', 'first_aid']),
            item: z.string().regex(/^[a-z_0-9]{2,60}$/),
            done: z.enum(['yes', 'no']),
            reference: z.string().max(200).optional(),
          })
          .safeParse(request.body);
        if (b.success && isOpen(r) && canTick(r, b.data.kind, b.data.item)) {
          if (!(await counted(request, reply, r))) return reply;
          await tick(deps, r, request.user, b.data.kind, b.data.item, b.data.done === 'yes', b.data.reference?.trim() || null);
        }
        return reply.redirect(back(request, 'updated'), 303);
      });

      if (locator.byToken) {
        // Renewing needs the link itself, so only someone holding a working link can extend it.
        app.post(`${prefix}/renew`, { config: { access: edit } }, async (request, reply) => {
          const r = await loadIncident(locator, request, reply);
          if (!r || !(await counted(request, reply, r))) return reply;
          await renewFollowLink(deps, r);
          return reply.redirect(back(request, 'renewed'), 303);
        });
      }

      app.post(`${prefix}/update`, { config: { access: edit } }, async (request, reply) => {
        const r = await loadIncident(locator, request, reply);
        if (!r) return reply;
        const b = z
          .object({ text: z.string().trim().min(1).max(4000), kind: z.enum(['update', 'evidence']).default('update') })
          .safeParse(request.body);
        if (b.success && isOpen(r)) {
          if (!(await counted(request, reply, r))) return reply;
          await addUpdate(deps, r, request.user, b.data.kind, b.data.text);
        }
        return reply.redirect(b.success ? back(request, 'updated') : baseOf(request), 303);
      });

      app.post(`${prefix}/details`, { config: { access: edit } }, async (request, reply) => {
        const r = await loadIncident(locator, request, reply);
        if (!r) return reply;
        const b = DetailsForm.safeParse(request.body);
        if (b.success) {
          if (!(await counted(request, reply, r))) return reply;
          await saveDetails(deps, r, request.user, { ...EMPTY_DETAILS, ...b.data });
        }
        return reply.redirect(back(request, 'saved'), 303);
      });

      app.post(`${prefix}/status`, { config: { access: edit } }, async (request, reply) => {
        const r = await loadIncident(locator, request, reply);
        if (!r) return reply;
        const b = z.object({ status: z.enum(STATUSES), lessons: z.string().max(4000).optional() }).safeParse(request.body);
        if (b.success && canMoveTo(r.status, b.data.status as Status)) {
          if (!(await counted(request, reply, r))) return reply;
          await changeStatus(deps, r, request.user, b.data.status as Status, b.data.lessons ?? null);
        }
        return reply.redirect(back(request, 'status'), 303);
      });

      app.post(`${prefix}/consents`, { config: { access: edit } }, async (request, reply) => {
        const r = await loadIncident(locator, request, reply);
        if (!r || !(await counted(request, reply, r))) return reply;
        const body = (request.body ?? {}) as Record<string, unknown>;
        const story = body.storyConsent === 'yes' && typeof body.story === 'string' && body.story.trim() ? body.story : null;
        await setConsents(deps, r, request.user, body.stats === 'yes', story);
        return reply.redirect(back(request, 'consents'), 303);
      });

      app.post(`${prefix}/misp`, { config: { access: share } }, async (request, reply) => {
        const r = await loadIncident(locator, request, reply);
        if (!r) return reply;
        const include = (request.body as Record<string, unknown> | undefined)?.includeDescription === 'yes';
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="schild-incident-${r.id}.misp.json"`)
          .send(JSON.stringify(toMispEvent(r, { includeDescription: include }), null, 2));
      });
    }
  };
}
