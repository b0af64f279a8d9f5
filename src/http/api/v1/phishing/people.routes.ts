/** API: a company's staff list for simulations (list, add one, import a CSV or JSON list all-or-nothing). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../../../core/locale.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { addPerson, importPeopleCsv, importPeopleList, listPeopleOf, STAFF_LIST_MAX, type ImportResult, type StaffListFull } from '../../../../app/people.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { csvLineText, importErrorCode, personProblemText, presentPerson, staffListFullText } from '../../../presenters/phishing.ts';
import { ErrorBody } from '../shared/schemas.ts';
import { phishingCompanyForApi } from '../shared/company-access.ts';

const PersonOut = z
  .object({ id: z.uuid(), email: z.string(), name: z.string().nullable(), language: z.enum(LOCALES), group: z.string(), pseudonym: z.string(), createdAt: z.string() })
  .meta({ id: 'Person' });
const PersonIn = z.object({ email: z.string().max(254), name: z.string().max(200).nullish(), language: z.string().max(5).nullish(), group: z.string().max(200).nullish() }).strict();
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };
const Params = z.object({ companyId: z.uuid() });

/** `staff_list_full` (409): nothing was written; the one issue says the cap and how many the list holds, in words. */
function staffListFull(request: FastifyRequest, r: StaffListFull, kind: 'add' | 'import'): AppError {
  return new AppError('staff_list_full', { issues: [{ path: 'people', message: staffListFullText(request.t, request.locale, r, kind) }] });
}

export function peopleApiRoutes(deps: AppDeps) {
  return async function (root: FastifyInstance): Promise<void> {
    // A staff list straight from a spreadsheet: text/csv, read as UTF-8 text (a byte-order mark is dropped later).
    root.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    const app = root.withTypeProvider<ZodTypeProvider>();
    const base = '/api/v1/companies/:companyId/people';

    app.get(
      base,
      { config: { access: api('companies:read') }, schema: { tags: ['phishing'], summary: 'The staff list of a company', security: [{ bearer: [] }], params: Params, response: { 200: z.object({ people: z.array(PersonOut) }), ...errors } } },
      async (request) => {
        const company = await phishingCompanyForApi(deps, request.user!, request.params.companyId);
        return { people: (await listPeopleOf(deps, company.id)).map(presentPerson) };
      },
    );

    app.post(
      base,
      {
        config: { access: api('companies:write') },
        schema: {
          tags: ['phishing'],
          summary: `Add one person; the address must be on a verified company domain and not at a public mailbox service. A staff list holds at most ${STAFF_LIST_MAX.toLocaleString('en-GB')} people (409 staff_list_full when full).`,
          security: [{ bearer: [] }],
          params: Params,
          body: PersonIn,
          response: { 201: PersonOut, 409: ErrorBody, 429: ErrorBody, ...errors },
        },
      },
      async (request, reply) => {
        const company = await phishingCompanyForApi(deps, request.user!, request.params.companyId);
        const r = await addPerson(deps, company, request.body);
        if (!r.ok && 'error' in r) throw r.error === 'staff_list_full' ? staffListFull(request, r, 'add') : new AppError('rate_limited', { retryAfterSeconds: r.retryAfterSeconds });
        if (!r.ok) {
          const issues = Object.entries(r.problems).map(([path, problem]) => ({ path, message: personProblemText(request.t, problem) }));
          const domain = r.problems.email === 'public_mailbox_domain' || r.problems.email === 'domain_not_verified' ? r.problems.email : null;
          throw new AppError(domain ?? 'validation_failed', { issues });
        }
        return reply.status(201).send(presentPerson(r.person));
      },
    );

    app.post(
      `${base}/import`,
      {
        config: { access: api('companies:write') },
        schema: {
          tags: ['phishing'],
          summary:
            `Import a staff list: text/csv (header email,name,language,group; ";" or ","; UTF-8) or JSON { people: [...] }. All rows are checked first; any bad row imports nothing and every bad row is listed by line. A staff list holds at most ${STAFF_LIST_MAX.toLocaleString('en-GB')} people: a list with more new people than there is room for imports nothing (409 staff_list_full); people already listed do not count.`,
          security: [{ bearer: [] }],
          params: Params,
          body: z.union([z.string().max(1024 * 1024), z.object({ people: z.array(PersonIn).min(1).max(5000) }).strict()]),
          response: { 200: z.object({ added: z.number().int(), alreadyListed: z.number().int() }), 409: ErrorBody, 429: ErrorBody, ...errors },
        },
      },
      async (request) => {
        const company = await phishingCompanyForApi(deps, request.user!, request.params.companyId);
        const body = request.body;
        const r: ImportResult = typeof body === 'string' ? await importPeopleCsv(deps, company, body) : await importPeopleList(deps, company, body.people);
        if (!r.ok && 'error' in r) throw r.error === 'staff_list_full' ? staffListFull(request, r, 'import') : new AppError('rate_limited', { retryAfterSeconds: r.retryAfterSeconds });
        if (!r.ok) {
          throw new AppError(importErrorCode(r.errors), { issues: r.errors.map((e) => ({ path: `line.${e.line}${e.column ? `.${e.column}` : ''}`, message: csvLineText(request.t, e) })) });
        }
        return { added: r.added, alreadyListed: r.alreadyListed };
      },
    );
  };
}
