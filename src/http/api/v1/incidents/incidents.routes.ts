/** Incident API: stateless triage for anyone, and incidents of a company for token holders. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { User } from '../../../../core/account.ts';
import type { Company } from '../../../../core/company-profile.ts';
import type { IncidentContent } from '../../../../core/incidents/content.ts';
import { canMoveTo, STATUSES, toMispEvent, type IncidentRecord } from '../../../../core/incidents/record.ts';
import { awareAtProblem } from '../../../../core/incidents/time.ts';
import { CATEGORIES, FactsSchema, OBLIGATION_IDS, triage } from '../../../../core/incidents/triage.ts';
import { LOCALES } from '../../../../core/locale.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { addUpdate, changeStatus, createCompanyIncident, reserveIncidentChange } from '../../../../app/incidents.ts';
import { findCompany, findRole } from '../../../../db/repositories/company.repository.ts';
import { findIncidentForCompany, listCompanyIncidents } from '../../../../db/repositories/incident.repository.ts';
import { translator } from '../../../../i18n/index.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { presentObligations } from '../../../presenters/incidents.ts';
import { ErrorBody } from '../shared/schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const ObligationOut = z.object({
  id: z.enum(OBLIGATION_IDS),
  authority: z.string(),
  regime: z.string(),
  mandatory: z.boolean(),
  dueAt: z.string().nullable(),
  due: z.string(),
  reason: z.string(),
  title: z.string(),
  source: z.string(),
});

const TriageOut = z
  .object({
    category: z.enum(CATEGORIES),
    rsit: z.array(z.object({ class: z.string(), type: z.string() })),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    firstAid: z.array(z.object({ id: z.string(), title: z.string(), steps: z.array(z.string()) })),
    obligations: z.array(ObligationOut),
    contacts: z.array(z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable(), url: z.string().nullable() })),
  })
  .meta({ id: 'Triage' });

const IncidentOut = z
  .object({
    id: z.string(),
    status: z.enum(STATUSES),
    awareAt: z.string(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    facts: FactsSchema,
    rsit: z.array(z.object({ class: z.string(), type: z.string() })),
    severity: z.string(),
    obligations: z.array(z.object({ id: z.enum(OBLIGATION_IDS), dueAt: z.string().nullable(), due: z.string(), mandatory: z.boolean(), doneAt: z.string().nullable() })),
  })
  .meta({ id: 'Incident' });

const AWARE_MESSAGE = { impossible: 'incident.date_impossible', future: 'incident.future', too_old: 'incident.date_too_old' } as const;

export function incidentApiRoutes(deps: AppDeps, content: IncidentContent) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** A moment in the far future or long ago starts no legal clock: a clear 400, never a deadline. */
    function checkAwareAt(awareAt: string, t: (key: (typeof AWARE_MESSAGE)[keyof typeof AWARE_MESSAGE]) => string): void {
      const problem = awareAtProblem(new Date(awareAt), deps.clock.now());
      if (problem) throw new AppError('validation_failed', { issues: [{ path: 'facts.awareAt', message: t(AWARE_MESSAGE[problem]) }] });
    }

    app.post(
      '/api/v1/incidents/triage',
      {
        config: { access: api(null) },
        schema: {
          tags: ['incidents'],
          summary: 'What to do now, whom to tell and by when — stateless, stores nothing. Guidance, not legal advice.',
          body: z.object({ lang: z.enum(LOCALES), facts: FactsSchema }).strict(),
          response: { 200: TriageOut, 400: ErrorBody },
        },
      },
      async (request) => {
        const { lang, facts } = request.body;
        checkAwareAt(facts.awareAt, translator(lang));
        const t = triage(facts);
        const texts = presentObligations(content, t, lang, translator(lang));
        return {
          category: t.category,
          rsit: t.rsit,
          severity: t.severity,
          firstAid: (content.firstAid[t.firstAid] ?? []).map((i) => ({ id: i.id, title: i.text[lang].title, steps: i.text[lang].steps })),
          obligations: t.obligations.map((o, i) => ({ ...o, title: texts[i]!.title, source: texts[i]!.source })),
          contacts: content.contacts.filter((c) => t.contacts.includes(c.id)).map((c) => ({ id: c.id, name: c.text[lang].name, phone: c.phone, email: c.email, url: c.url?.[lang] ?? null })),
        };
      },
    );

    async function companyFor(user: User, companyId: string, write: boolean): Promise<Company> {
      const role = await findRole(deps.db, companyId, user.id);
      const company = role ? await findCompany(deps.db, companyId) : undefined;
      if (!role || !company) throw new AppError('not_found');
      void write; // every member may report and follow up an incident
      return company;
    }

    const present = (r: IncidentRecord): z.infer<typeof IncidentOut> => ({
      id: r.id,
      status: r.status,
      awareAt: r.awareAt,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      facts: r.facts,
      rsit: r.triage.rsit,
      severity: r.triage.severity,
      obligations: r.triage.obligations.map((o) => ({ id: o.id, dueAt: o.dueAt, due: o.due, mandatory: o.mandatory, doneAt: r.ticks.find((x) => x.kind === 'obligation' && x.itemId === o.id)?.doneAt ?? null })),
    });

    const Params = z.object({ companyId: z.uuid() });
    const OneParams = z.object({ companyId: z.uuid(), incidentId: z.uuid() });

    app.get(
      '/api/v1/companies/:companyId/incidents',
      { config: { access: api('companies:read') }, schema: { tags: ['incidents'], summary: "The company's incidents", security: [{ bearer: [] }], params: Params, response: { 200: z.object({ incidents: z.array(IncidentOut) }), ...errors } } },
      async (request) => {
        const company = await companyFor(request.user!, request.params.companyId, false);
        return { incidents: (await listCompanyIncidents(deps.db, company.id)).map(present) };
      },
    );

    app.post(
      '/api/v1/companies/:companyId/incidents',
      {
        config: { access: api('companies:write') },
        schema: { tags: ['incidents'], summary: 'Report an incident for the company', security: [{ bearer: [] }], params: Params, body: z.object({ facts: FactsSchema }).strict(), response: { 201: IncidentOut, 429: ErrorBody, ...errors } },
      },
      async (request, reply) => {
        const company = await companyFor(request.user!, request.params.companyId, true);
        checkAwareAt(request.body.facts.awareAt, request.t);
        const created = await createCompanyIncident(deps, { facts: request.body.facts, lang: company.language, companyId: company.id, user: request.user });
        if (!created.ok) throw new AppError('rate_limited', { retryAfterSeconds: created.retryAfterSeconds });
        return reply.status(201).send(present((await findIncidentForCompany(deps.db, company.id, created.id))!));
      },
    );

    app.get(
      '/api/v1/companies/:companyId/incidents/:incidentId',
      { config: { access: api('companies:read') }, schema: { tags: ['incidents'], summary: 'One incident', security: [{ bearer: [] }], params: OneParams, response: { 200: IncidentOut, ...errors } } },
      async (request) => {
        const company = await companyFor(request.user!, request.params.companyId, false);
        const r = await findIncidentForCompany(deps.db, company.id, request.params.incidentId);
        if (!r) throw new AppError('not_found');
        return present(r);
      },
    );

    app.patch(
      '/api/v1/companies/:companyId/incidents/:incidentId',
      {
        config: { access: api('companies:write') },
        schema: {
          tags: ['incidents'],
          summary: 'Add an update to the timeline and/or change the status (closing takes lessons learned)',
          security: [{ bearer: [] }],
          params: OneParams,
          body: z.object({ update: z.string().trim().min(1).max(4000).optional(), status: z.enum(STATUSES).optional(), lessons: z.string().max(4000).optional() }).strict(),
          response: { 200: IncidentOut, 409: ErrorBody, 429: ErrorBody, ...errors },
        },
      },
      async (request) => {
        const company = await companyFor(request.user!, request.params.companyId, true);
        const r = await findIncidentForCompany(deps.db, company.id, request.params.incidentId);
        if (!r) throw new AppError('not_found');
        // A status the incident cannot move to is refused before the change is counted: it writes nothing.
        if (request.body.status && request.body.status !== r.status && !canMoveTo(r.status, request.body.status))
          throw new AppError('validation_failed', { issues: [{ path: 'status', message: request.t('api.issue.invalid_value') }] });
        if (request.body.update || (request.body.status && request.body.status !== r.status)) {
          const reserved = await reserveIncidentChange(deps, r.id);
          if (!reserved.ok) throw new AppError('rate_limited', { retryAfterSeconds: reserved.retryAfterSeconds });
        }
        if (request.body.update) await addUpdate(deps, r, request.user, 'update', request.body.update);
        if (request.body.status && request.body.status !== r.status) {
          const moved = await changeStatus(deps, r, request.user, request.body.status, request.body.lessons ?? null);
          if (!moved.ok) throw new AppError('validation_failed', { issues: [{ path: 'status', message: request.t('api.issue.invalid_value') }] });
        }
        return present((await findIncidentForCompany(deps.db, company.id, r.id))!);
      },
    );

    app.get(
      '/api/v1/companies/:companyId/incidents/:incidentId/misp',
      {
        config: { access: api('companies:write') },
        schema: { tags: ['incidents'], summary: 'The incident as a MISP event (rsit: tags), for sharing with a CERT on your request', security: [{ bearer: [] }], params: OneParams, response: { 200: z.record(z.string(), z.unknown()), ...errors } },
      },
      async (request) => {
        const company = await companyFor(request.user!, request.params.companyId, true);
        const role = await findRole(deps.db, company.id, request.user!.id);
        if (role !== 'owner') throw new AppError('forbidden');
        const r = await findIncidentForCompany(deps.db, company.id, request.params.incidentId);
        if (!r) throw new AppError('not_found');
        return toMispEvent(r, { includeDescription: false });
      },
    );
  };
}
