/**
 * Routes of an organisation's staff (/orgs/:orgId/…), creating an organisation, staff invitations, and the
 * platform administrator's verification page. Access is declared per route; the hook checks staff roles.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { LOCALES } from '../../../core/locale.ts';
import { orgCan, ORG_KINDS, ORG_ROLES, parseInvitationCsv, parseSectors, type AnnouncementTexts } from '../../../core/organisations/organisation.ts';
import { announce, createJoinLink, inviteCompanies, organisationOverview, withdrawJoinLink } from '../../../app/organisation-members.ts';
import { createOrganisation, inviteStaff } from '../../../app/organisations.ts';
import { changeStaff, type StaffChange } from '../../../app/organisation-staff.ts';
import { loadContent } from '../../../adapters/content.ts';
import type { Category, ObligationId } from '../../../core/incidents/triage.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { countOpenMailedInvitations, listOpenJoinLinks, listOpenStaffInvitations, listStaff } from '../../../db/repositories/organisation.repository.ts';
import { listAnnouncements } from '../../../db/repositories/organisation-announcement.repository.ts';
import { listOrganisationAudit, type AuditType } from '../../../db/repositories/audit.repository.ts';
import { org, USER } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { choice, email, parseForm, text } from '../ui/forms.ts';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { AnnouncementsPage, DashboardPage, MembersPage, NewOrganisationPage, StaffPage, type MembersPageProps } from './org-views.tsx';
import type { FigureLabels } from './org-figures-view.tsx';

const NewOrgForm = z.object({ name: text(120), kind: choice(ORG_KINDS), sectors: z.string().max(200).optional() });
const StaffForm = z.object({ email, role: choice(ORG_ROLES) });
const IdForm = z.object({ id: z.uuid() });
const CsvForm = z.object({ csv: z.string().max(40_000) });

/** What the organisation's owners see in its log: the staff's own actions, not the member companies' choices. */
const STAFF_EVENTS: readonly AuditType[] = [
  'organisation.created',
  'organisation.verified',
  'organisation.staff_invited',
  'organisation.staff_joined',
  'organisation.staff_role_changed',
  'organisation.staff_removed',
  'organisation.join_link_created',
  'organisation.join_link_revoked',
  'organisation.companies_invited',
  'organisation.announcement_sent',
  'organisation.offer_created',
  'organisation.offer_withdrawn',
  'sector_pack.edited',
  'sector_pack.submitted',
  'sector_pack.approved',
  'sector_pack.returned',
  'provider_track.lesson_passed',
  'provider.profile_updated',
  'provider.certification_declared',
  'provider.certification_withdrawn',
  'provider.certification_verified',
  'provider.certification_rejected',
  // A plan shared with an IT provider is shared with the organisation itself, so its log shows it (docs/providers.md).
  'company.provider_share_created',
  'company.provider_share_revoked',
  'company.provider_item_marked',
  'company.provider_item_confirmed',
  'company.provider_item_declined',
];

const NOTICES = { revoked: 'org.links.revoked', invited: 'org.staff.invited', announced: 'org.ann.sent', role_saved: 'org.staff.role_saved', removed: 'org.staff.removed' } as const;
const StaffRoleForm = z.object({ userId: z.uuid(), role: z.enum(ORG_ROLES) });
const StaffRemoveForm = z.object({ userId: z.uuid() });

export function organisationRoutes(deps: AppDeps, catalog: AssessmentCatalog) {
  return async function (app: FastifyInstance): Promise<void> {
    const now = () => deps.clock.now().toISOString();

    app.get('/:lang/orgs/new', { config: { access: USER } }, async (request, reply) => sendPage(reply, <NewOrganisationPage ctx={pageCtx(request)} />));

    app.post('/:lang/orgs', { config: { access: USER } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const values = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const form = parseForm(NewOrgForm, request.body, request.t);
      const sectors = form.ok && form.data.kind === 'federation' ? parseSectors(form.data.sectors ?? '') : [];
      if (!form.ok || sectors === null) {
        const errors = { ...(form.ok ? {} : form.errors), ...(sectors === null ? { sectors: request.t('org.field.sectors.error') } : {}) };
        return sendPage(reply, <NewOrganisationPage ctx={ctx} values={values} errors={errors} />, 400);
      }
      const created = await createOrganisation(deps, request.user!, { name: form.data.name, kind: form.data.kind, sectors }, requestMeta(request));
      if (!created.ok) return sendPage(reply, <NewOrganisationPage ctx={ctx} values={values} general={request.t('org.rate_limited')} />, 429);
      // An IT provider's first step is its directory profile (issue 12); other kinds land on their dashboard.
      if (form.data.kind === 'it_provider') return reply.redirect(`/${ctx.locale}/orgs/${created.organisationId}/profile?welcome=1`, 303);
      return reply.redirect(`/${ctx.locale}/orgs/${created.organisationId}`, 303);
    });

    app.get('/:lang/orgs/:orgId', { config: { access: org('view') } }, async (request, reply) => {
      const overview = await organisationOverview(deps, request.organisation!.id);
      const controlTitle = (id: string) => catalog.controls.find((c) => c.id === id)?.text[request.locale].title ?? id;
      const incidents = loadContent().incidents;
      const labels: FigureLabels = {
        control: controlTitle,
        category: (id) => incidents.categories[id as Category]?.[request.locale].label ?? id,
        duty: (id) => incidents.obligations[id as ObligationId]?.text[request.locale].title ?? id,
      };
      return sendPage(reply, <DashboardPage ctx={pageCtx(request)} org={request.organisation!} overview={overview} controlTitle={controlTitle} labels={labels} />);
    });

    const membersPage = async (request: FastifyRequest, extra: Partial<MembersPageProps> = {}) => {
      const o = request.organisation!;
      return (
        <MembersPage
          ctx={pageCtx(request)}
          org={o}
          role={request.orgRole!}
          links={await listOpenJoinLinks(deps.db, o.id, now())}
          mailedOpen={await countOpenMailedInvitations(deps.db, o.id, now())}
          notice={noticeFrom(request, NOTICES)}
          {...extra}
        />
      );
    };

    app.get('/:lang/orgs/:orgId/members', { config: { access: org('view') } }, async (request, reply) => sendPage(reply, await membersPage(request)));

    app.post('/:lang/orgs/:orgId/links', { config: { access: org('manage_members') } }, async (request, reply) => {
      const { token } = await createJoinLink(deps, request.organisation!.id, request.user!, requestMeta(request));
      // Shown once, on this answer, never stored in clear (only its hash is kept).
      return sendPage(reply, await membersPage(request, { newLink: `${deps.config.baseUrl}/${request.locale}/join/${token}` }));
    });

    app.post('/:lang/orgs/:orgId/links/revoke', { config: { access: org('manage_members') } }, async (request, reply) => {
      const form = IdForm.safeParse(request.body);
      if (form.success) await withdrawJoinLink(deps, request.organisation!.id, request.user!, form.data.id, requestMeta(request));
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/members?done=revoked`, 303);
    });

    app.post('/:lang/orgs/:orgId/invite-csv', { config: { access: org('manage_members') } }, async (request, reply) => {
      const form = CsvForm.safeParse(request.body);
      if (!form.success) return sendPage(reply, await membersPage(request, { csvError: request.t('form.error.too_long') }), 400);
      const parsed = parseInvitationCsv(form.data.csv);
      if (!parsed.ok) return sendPage(reply, await membersPage(request, { csv: form.data.csv, csvProblems: parsed.problems }), 400);
      if (parsed.rows.length === 0) return sendPage(reply, await membersPage(request, { csv: form.data.csv, csvError: request.t('org.csv.empty') }), 400);
      const sent = await inviteCompanies(deps, request.organisation!, request.user!, parsed.rows, request.locale, requestMeta(request));
      if (!sent.ok) return sendPage(reply, await membersPage(request, { csv: form.data.csv, csvError: request.t('org.rate_limited') }), 429);
      return sendPage(reply, await membersPage(request, { sent: sent.count }));
    });

    const staffPage = async (request: FastifyRequest, extra: { errors?: Record<string, string>; general?: string; values?: Record<string, string> } = {}) => (
      <StaffPage
        ctx={pageCtx(request)}
        org={request.organisation!}
        role={request.orgRole!}
        staff={await listStaff(deps.db, request.organisation!.id)}
        invitations={await listOpenStaffInvitations(deps.db, request.organisation!.id, now())}
        events={orgCan(request.orgRole!, 'manage_staff') ? await listOrganisationAudit(deps.db, request.organisation!.id, STAFF_EVENTS) : []}
        notice={noticeFrom(request, NOTICES)}
        {...extra}
      />
    );

    app.get('/:lang/orgs/:orgId/staff', { config: { access: org('view') } }, async (request, reply) => sendPage(reply, await staffPage(request)));

    app.post('/:lang/orgs/:orgId/staff/invite', { config: { access: org('manage_staff') } }, async (request, reply) => {
      const values = { email: String((request.body as Record<string, unknown> | undefined)?.email ?? '').slice(0, 254) };
      const form = parseForm(StaffForm, request.body, request.t);
      if (!form.ok) return sendPage(reply, await staffPage(request, { errors: form.errors, values }), 400);
      const result = await inviteStaff(deps, request.organisation!.id, request.user!, form.data, request.locale, requestMeta(request));
      if (!result.ok) {
        const general = request.t(result.error === 'already_staff' ? 'org.staff.already' : 'org.rate_limited');
        return sendPage(reply, await staffPage(request, { general, values }), result.error === 'rate_limited' ? 429 : 400);
      }
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/staff?done=invited`, 303);
    });

    // An owner changes a staff member's role or removes them; never the last owner (src/app/organisation-staff.ts).
    const staffChanged = async (request: FastifyRequest, reply: FastifyReply, change: StaffChange | null, userId: string | null, done: string) => {
      if (change === null || userId === null) return sendPage(reply, await staffPage(request, { general: request.t('form.error.invalid') }), 400);
      const result = await changeStaff(deps, request.organisation!.id, request.user!, userId, change, requestMeta(request));
      if (!result.ok) return sendPage(reply, await staffPage(request, { general: request.t(result.error === 'last_owner' ? 'org.staff.last_owner' : 'org.staff.not_staff') }), 400);
      // Removing yourself ends your access here: go to your account instead of a page you may no longer see.
      if (change.kind === 'remove' && userId === request.user!.id) return reply.redirect(`/${request.locale}/account`, 303);
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/staff?done=${done}`, 303);
    };

    app.post('/:lang/orgs/:orgId/staff/role', { config: { access: org('manage_staff') } }, async (request, reply) => {
      const form = StaffRoleForm.safeParse(request.body);
      return staffChanged(request, reply, form.success ? { kind: 'role', role: form.data.role } : null, form.success ? form.data.userId : null, 'role_saved');
    });

    app.post('/:lang/orgs/:orgId/staff/remove', { config: { access: org('manage_staff') } }, async (request, reply) => {
      const form = StaffRemoveForm.safeParse(request.body);
      return staffChanged(request, reply, form.success ? { kind: 'remove' } : null, form.success ? form.data.userId : null, 'removed');
    });

    const annPage = async (request: FastifyRequest, extra: { general?: string; values?: Record<string, string> } = {}) => (
      <AnnouncementsPage ctx={pageCtx(request)} org={request.organisation!} role={request.orgRole!} items={await listAnnouncements(deps.db, { organisationId: request.organisation!.id })} notice={noticeFrom(request, NOTICES)} {...extra} />
    );

    app.get('/:lang/orgs/:orgId/announcements', { config: { access: org('view') } }, async (request, reply) => sendPage(reply, await annPage(request)));

    app.post('/:lang/orgs/:orgId/announcements', { config: { access: org('announce') } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values: Record<string, string> = {};
      const texts: AnnouncementTexts = {};
      let valid = true;
      for (const l of LOCALES) {
        const title = typeof body[`title_${l}`] === 'string' ? (body[`title_${l}`] as string).trim() : '';
        const content = typeof body[`body_${l}`] === 'string' ? (body[`body_${l}`] as string).trim() : '';
        values[`title_${l}`] = title.slice(0, 120);
        values[`body_${l}`] = content.slice(0, 2000);
        if (title.length > 120 || content.length > 2000 || (title === '') !== (content === '')) valid = false;
        else if (title !== '') texts[l] = { title, body: content };
      }
      if (!valid || Object.keys(texts).length === 0) return sendPage(reply, await annPage(request, { general: request.t('org.ann.need_one'), values }), 400);
      const result = await announce(deps, request.organisation!, request.user!, texts, requestMeta(request));
      if (!result.ok) return sendPage(reply, await annPage(request, { general: request.t('org.rate_limited'), values }), 429);
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/announcements?done=announced`, 303);
    });
  };
}
