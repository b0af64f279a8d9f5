/** The staff list for simulations: list, add one, import a CSV list (all or nothing), remove; and the IT-partner grant. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../core/company-profile.ts';
import { formatWait } from '../../../core/incidents/format.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { phishingGrantsOf } from '../../../app/company-grants.ts';
import { addPerson, importPeopleCsv, peoplePageOf, removePerson, verifiedDomains, type StaffListFull } from '../../../app/people.ts';
import { company as companyAccess } from '../../access.ts';
import { personProblemText, staffListFullText } from '../../presenters/phishing.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { PeoplePage, type PeoplePageProps } from './people.view.tsx';

export function peopleRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const access = { config: { access: companyAccess('run_phishing') } };
    const base = (request: FastifyRequest) => `/${request.locale}/companies/${request.company!.id}/people`;

    /** The page, showing page `listPage` (default 1) of the staff list. */
    async function page(request: FastifyRequest, { listPage, ...extra }: Partial<PeoplePageProps> & { listPage?: number } = {}) {
      const companyId = request.company!.id;
      const ownerView = can(request.companyRole, 'security_settings');
      return (
        <PeoplePage
          ctx={pageCtx(request)}
          request={request}
          people={await peoplePageOf(deps, companyId, listPage ?? 1)}
          domains={await verifiedDomains(deps.db, companyId)}
          grants={ownerView ? await phishingGrantsOf(deps, companyId) : null}
          {...extra}
        />
      );
    }

    /** 429 with the page, what was typed kept in the form, and how long to wait (OWASP ASVS 4.0.3 §11.1.4). */
    async function limited(request: FastifyRequest, reply: FastifyReply, seconds: number, extra: Partial<PeoplePageProps>) {
      reply.header('retry-after', String(seconds));
      const general = request.t('limit.people', { wait: formatWait(seconds, request.locale) });
      return sendPage(reply, await page(request, { ...extra, general }), 429);
    }

    /**
     * 409 Conflict (RFC 9110 §15.5.10: the request conflicts with the list as it is now, and succeeds once people are
     * removed), as the API's `staff_list_full`: the page says the cap, how many are listed and that nothing was
     * written, with what was typed or pasted kept in the form.
     */
    async function full(request: FastifyRequest, reply: FastifyReply, r: StaffListFull, kind: 'add' | 'import', extra: Partial<PeoplePageProps>) {
      const general = staffListFullText(request.t, request.locale, r, kind);
      return sendPage(reply, await page(request, { ...extra, general }), 409);
    }

    app.get('/:lang/companies/:companyId/people', access, async (request, reply) => {
      const q = request.query as Record<string, unknown>;
      const added = Number(q.added);
      const existing = Number(q.existing);
      const counts = q.done === 'imported' && Number.isInteger(added) && Number.isInteger(existing) && added >= 0 && existing >= 0 ? { added, existing } : undefined;
      const listPage = typeof q.page === 'string' && /^[1-9][0-9]{0,5}$/.test(q.page) ? Number(q.page) : 1;
      return sendPage(reply, await page(request, { counts, listPage }));
    });

    app.post('/:lang/companies/:companyId/people', access, async (request, reply) => {
      const form = z.object({ email: z.string().max(300).default(''), name: z.string().max(300).default(''), language: z.string().max(10).default(''), group: z.string().max(300).default('') }).safeParse(request.body ?? {});
      const values = form.success ? form.data : { email: '', name: '', language: '', group: '' };
      const r = await addPerson(deps, request.company!, values);
      if (!r.ok && 'error' in r) return r.error === 'staff_list_full' ? full(request, reply, r, 'add', { values }) : limited(request, reply, r.retryAfterSeconds, { values });
      if (!r.ok) {
        const errors = Object.fromEntries(Object.entries(r.problems).map(([k, v]) => [k, personProblemText(request.t, v)]));
        const domainRefusal = r.problems.email === 'domain_not_verified' || r.problems.email === 'public_mailbox_domain';
        return sendPage(reply, await page(request, { errors, values, domainRefusal }), domainRefusal ? 422 : 400);
      }
      return reply.redirect(`${base(request)}?done=added`, 303);
    });

    app.post('/:lang/companies/:companyId/people/import', access, async (request, reply) => {
      const form = z.object({ csv: z.string().max(256 * 1024).default('') }).safeParse(request.body ?? {});
      const csv = form.success ? form.data.csv : '';
      const r = await importPeopleCsv(deps, request.company!, csv);
      if (!r.ok && 'error' in r) return r.error === 'staff_list_full' ? full(request, reply, r, 'import', { csv }) : limited(request, reply, r.retryAfterSeconds, { csv });
      if (!r.ok) {
        const domainRefusal = r.errors.some((e) => e.problem === 'domain_not_verified' || e.problem === 'public_mailbox_domain');
        return sendPage(reply, await page(request, { importErrors: r.errors, csv, domainRefusal }), 400);
      }
      return reply.redirect(`${base(request)}?done=imported&added=${r.added}&existing=${r.alreadyListed}`, 303);
    });

    app.post('/:lang/companies/:companyId/people/:personId/remove', access, async (request, reply) => {
      const id = z.object({ personId: z.uuid() }).safeParse(request.params);
      if (id.success) await removePerson(deps, request.company!.id, id.data.personId);
      return reply.redirect(`${base(request)}?done=removed`, 303);
    });
  };
}
