/** Company pages: create, overview, profile, members and invitations, audit log, security settings. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, ROLES, type Company, type Role } from '../../../core/company-profile.ts';
import { searchNace, type NaceList } from '../../../core/nace.ts';
import type { AppDeps } from '../../../app/deps.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { importQuickScanDraft, readQuickScanDraft } from '../../../app/assessments.ts';
import { cookieOptions } from '../../request-context.ts';
import { QUICK_SCAN_COOKIE } from '../ui/quick-scan-cookie.ts';
import { changeMemberRole, changeRequireMfa, createCompanyForUser, inviteMember, saveProfile, withdrawInvitation } from '../../../app/companies.ts';
import { listCompanyAudit, type AuditEvent } from '../../../db/repositories/audit.repository.ts';
import { findCompany, listMembers, type Member } from '../../../db/repositories/company.repository.ts';
import { listOpenInvitations, type Invitation } from '../../../db/repositories/invitation.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company, PUBLIC, USER } from '../../access.ts';
import { RoleChoices, RolesExplained } from './roles.tsx';
import { sendPage } from '../../render.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { CompanyForm, profileSchema, profileValues } from './company-form.tsx';
import { Csrf, ErrorSummary, formatDateTime, Notice, PostButton, TextField, type FieldErrors } from '../ui/components.tsx';
import { choice, email, parseForm } from '../ui/forms.ts';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';

const NOTICES: Record<string, MessageKey> = {
  profile_saved: 'notice.profile_saved',
  invited: 'notice.invited',
  invitation_revoked: 'notice.invitation_revoked',
  role_changed: 'notice.role_changed',
  member_removed: 'notice.member_removed',
  mfa_required_on: 'notice.mfa_required_on',
  mfa_required_off: 'notice.mfa_required_off',
  company_created: 'notice.company_created',
  joined: 'notice.joined',
};

const ROLE_ERRORS: Record<string, MessageKey> = {
  not_allowed: 'members.error.not_allowed',
  last_owner: 'members.error.last_owner',
  not_member: 'members.error.not_member',
  already_member: 'members.error.already_member',
  rate_limited: 'error.rate_limited',
};

import { CompanyNav } from '../ui/company-nav.tsx';
import { changeStatsConsent } from '../../../app/statistics.ts';
import { StatisticsConsentQuestion, statsConsentFromForm } from './statistics-consent.tsx';


function NewCompanyPage(p: { ctx: PageCtx; nace: NaceList; values: Record<string, unknown>; errors?: FieldErrors; fromQuickScan?: boolean }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('company.new.title')} narrow>
      <h1>{t('company.new.title')}</h1>
      <p class="lead">{t('company.new.lead')}</p>
      {p.fromQuickScan ? <Notice kind="info">{t('qs.draft_prefilled')}</Notice> : null}
      <CompanyForm
        ctx={p.ctx}
        action={`/${locale}/companies`}
        submit={t('company.new.submit')}
        nace={p.nace}
        values={p.values}
        errors={p.errors}
        extra={<StatisticsConsentQuestion ctx={p.ctx} values={p.values} />}
      />
    </Layout>
  );
}

function ProfilePage(p: { ctx: PageCtx; company: Company; role: Role; nace: NaceList; values: Record<string, unknown>; errors?: FieldErrors }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('company.nav.profile')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="profile" />
      <div class="narrow">
        <CompanyForm ctx={p.ctx} action={`/${locale}/companies/${p.company.id}/profile`} submit={t('form.save')} nace={p.nace} values={p.values} errors={p.errors} />
      </div>
    </Layout>
  );
}

function MembersPage(p: {
  ctx: PageCtx;
  company: Company;
  role: Role;
  members: Member[];
  invitations: Invitation[];
  notice?: MessageKey | undefined;
  errors?: FieldErrors | undefined;
  general?: string | undefined;
  values?: { email?: string; role?: string };
}) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  const manage = can(p.role, 'manage_members');
  const changeRoles = can(p.role, 'change_roles');
  const invitable: readonly Role[] = changeRoles ? ROLES : ['member'];
  return (
    <Layout ctx={p.ctx} title={t('company.nav.members')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="members" />
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      <h2>{t('members.heading')}</h2>
      {changeRoles ? <RolesExplained ctx={p.ctx} /> : null}
      <div class="table-scroll">
        <table class="stack" data-testid="members">
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.email')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.mfa')}</th>
              {manage ? <th scope="col">{t('sessions.action')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {p.members.map((m) => (
              <tr>
                <td data-label={t('members.name')}>{m.displayName}</td>
                <td data-label={t('members.email')}>{m.email}</td>
                <td data-label={t('members.role')}>
                  {changeRoles && m.userId !== p.ctx.user?.id ? (
                    <form method="post" action={`${base}/members/role`} class="inline">
                      <Csrf ctx={p.ctx} />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label class="hint" for={`role-${m.userId}`}>
                        {t('members.role_for', { name: m.displayName })}
                      </label>
                      <select id={`role-${m.userId}`} name="role">
                        {ROLES.map((r) => (
                          <option value={r} selected={r === m.role}>
                            {t(`role.${r}` as MessageKey)}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="submit" class="secondary small">
                        {t('members.change_role')}
                      </button>
                    </form>
                  ) : (
                    t(`role.${m.role}` as MessageKey)
                  )}
                </td>
                <td data-label={t('members.mfa')}>{m.totpEnabled ? t('form.yes') : t('form.no')}</td>
                {manage ? (
                  <td data-label={t('sessions.action')}>
                    {m.userId !== p.ctx.user?.id && (changeRoles || m.role === 'member') ? (
                      <form method="post" action={`${base}/members/remove`} class="inline" data-confirm={t('members.remove_confirm', { name: m.displayName })}>
                        <Csrf ctx={p.ctx} />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button type="submit" class="danger">
                          {t('members.remove')}
                        </button>
                      </form>
                    ) : (
                      '—'
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage ? (
        <>
          <h2>{t('members.invitations')}</h2>
          {p.invitations.length === 0 ? <p>{t('members.no_invitations')}</p> : null}
          <ul>
            {p.invitations.map((i) => (
              <li>
                {i.email} ({t(`role.${i.role}` as MessageKey)}) — {t('members.expires', { date: formatDateTime(i.expiresAt, locale) })}{' '}
                <PostButton ctx={p.ctx} action={`${base}/invitations/revoke`} fields={{ id: i.id }} label={t('members.withdraw')} kind="secondary" />
              </li>
            ))}
          </ul>
          <h2>{t('members.invite_heading')}</h2>
          <form method="post" action={`${base}/invitations`} novalidate>
            <Csrf ctx={p.ctx} />
            <TextField name="email" type="email" label={t('members.email')} value={p.values?.email} error={p.errors?.email} autocomplete="off" required />
            <RoleChoices ctx={p.ctx} roles={invitable} value={p.values?.role} error={p.errors?.role} />
            <button type="submit">{t('members.invite')}</button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

function describeAudit(t: PageCtx['t'], e: AuditEvent): string {
  const d = e.detail;
  return t(`audit.${e.type}` as MessageKey, {
    actor: e.actorEmail ?? '—',
    subject: e.subjectEmail ?? String(d.email ?? '—'),
    role: d.role ? t(`role.${String(d.role)}` as MessageKey) : '',
    from: d.from ? t(`role.${String(d.from)}` as MessageKey) : '',
    to: d.to ? t(`role.${String(d.to)}` as MessageKey) : '',
    email: String(d.email ?? ''),
  });
}

function AuditPage(p: { ctx: PageCtx; company: Company; role: Role; events: AuditEvent[] }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('company.nav.audit')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="audit" />
      <h2>{t('audit.heading')}</h2>
      <p>{t('audit.explain')}</p>
      <div class="table-scroll">
        <table class="stack" data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.address')}</th>
            </tr>
          </thead>
          <tbody>
            {p.events.map((e) => (
              <tr data-type={e.type}>
                <td data-label={t('audit.when')}>{formatDateTime(e.createdAt, locale)}</td>
                <td data-label={t('audit.what')}>{describeAudit(t, e)}</td>
                <td data-label={t('audit.address')}>{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function SectorsPage(p: { ctx: PageCtx; nace: NaceList; q: string }) {
  const { t, locale } = p.ctx;
  const results = p.q ? searchNace(p.nace, p.q, locale, 50) : p.nace.entries.filter((e) => e.level === 'division');
  return (
    <Layout ctx={p.ctx} title={t('sectors.title')} narrow>
      <h1>{t('sectors.title')}</h1>
      <p>{t('sectors.lead', { version: p.nace.version })}</p>
      <form method="get" action={`/${locale}/sectors`} role="search">
        <TextField name="q" label={t('sectors.search')} value={p.q} maxLength={100} />
        <button type="submit">{t('sectors.submit')}</button>
      </form>
      {p.q && results.length === 0 ? <p>{t('sectors.none')}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('sectors.code')}</th>
            <th scope="col">{t('sectors.name')}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((e) => (
            <tr>
              <td>
                <code>{e.code}</code>
              </td>
              <td>{e.title[locale]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

const InviteForm = z.object({ email, role: choice(ROLES) });
const MemberForm = z.object({ userId: z.uuid() });

export function companyRoutes(deps: AppDeps, nace: NaceList, catalog: AssessmentCatalog) {
  const ProfileForm = profileSchema(nace);
  return async function (app: FastifyInstance): Promise<void> {
    const ctxOf = (request: FastifyRequest) => ({ ctx: pageCtx(request), company: request.company!, role: request.companyRole! });

    app.get('/:lang/sectors', { config: { access: PUBLIC } }, async (request, reply) => {
      const q = (request.query as Record<string, unknown>).q;
      return sendPage(reply, <SectorsPage ctx={pageCtx(request)} nace={nace} q={typeof q === 'string' ? q.slice(0, 100) : ''} />);
    });

    app.get('/:lang/companies/new', { config: { access: USER } }, async (request, reply) => {
      const draft = await readQuickScanDraft(deps, request.cookies[QUICK_SCAN_COOKIE]);
      const yn = (b: boolean) => (b ? 'yes' : 'no');
      const values: Record<string, unknown> = draft
        ? {
            language: request.locale,
            naceCode: draft.profile.sector,
            employees: String(draft.profile.employees),
            website: yn(draft.profile.website),
            webshop: yn(draft.profile.webshop),
            emailProvider: draft.profile.email,
            cardPayments: yn(draft.profile.cardPayments),
            personalData: draft.profile.personalData,
            remoteWork: yn(draft.profile.remoteWork),
            itProvider: yn(draft.profile.itProvider),
          }
        : { language: request.locale };
      return sendPage(reply, <NewCompanyPage ctx={pageCtx(request)} nace={nace} values={values} fromQuickScan={draft !== undefined} />);
    });

    app.post('/:lang/companies', { config: { access: USER } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const form = parseForm(ProfileForm, request.body, request.t);
      if (!form.ok) return sendPage(reply, <NewCompanyPage ctx={ctx} nace={nace} values={(request.body ?? {}) as Record<string, unknown>} errors={form.errors} />, 400);
      const created = await createCompanyForUser(deps, request.user!, form.data, requestMeta(request));
      if (!created.ok) {
        const values = (request.body ?? {}) as Record<string, unknown>;
        return sendPage(reply, <NewCompanyPage ctx={ctx} nace={nace} values={values} errors={{ name: request.t('company.error.too_many_new') }} />, 429);
      }
      const id = created.companyId;
      if (!statsConsentFromForm(request.body)) await changeStatsConsent(deps, id, request.user!, false, requestMeta(request));
      // A quick scan saved before sign-up becomes the start of this company's assessment.
      const draftToken = request.cookies[QUICK_SCAN_COOKIE];
      if (draftToken) {
        reply.clearCookie(QUICK_SCAN_COOKIE, cookieOptions(deps));
        const created = await findCompany(deps.db, id);
        if (created && (await importQuickScanDraft(deps, catalog, created, request.user!, draftToken))) {
          return reply.redirect(`/${ctx.locale}/companies/${id}/assessment?done=imported`, 303);
        }
      }
      return reply.redirect(`/${ctx.locale}/companies/${id}?done=company_created`, 303);
    });

    app.get('/:lang/companies/:companyId/profile', { config: { access: company('edit_profile') } }, async (request, reply) => {
      const c = ctxOf(request);
      return sendPage(reply, <ProfilePage {...c} nace={nace} values={profileValues(c.company)} />);
    });

    app.post('/:lang/companies/:companyId/profile', { config: { access: company('edit_profile') } }, async (request, reply) => {
      const c = ctxOf(request);
      const form = parseForm(ProfileForm, request.body, request.t);
      if (!form.ok) return sendPage(reply, <ProfilePage {...c} nace={nace} values={(request.body ?? {}) as Record<string, unknown>} errors={form.errors} />, 400);
      await saveProfile(deps, c.company.id, request.user!, form.data, requestMeta(request));
      return reply.redirect(`/${c.ctx.locale}/companies/${c.company.id}?done=profile_saved`, 303);
    });

    async function membersPage(request: FastifyRequest, extra: { errors?: FieldErrors; general?: string; values?: { email?: string; role?: string } } = {}) {
      const c = ctxOf(request);
      const members = await listMembers(deps.db, c.company.id);
      const invitations = can(c.role, 'manage_members') ? await listOpenInvitations(deps.db, c.company.id, deps.clock.now().toISOString()) : [];
      return <MembersPage {...c} members={members} invitations={invitations} notice={noticeFrom(request, NOTICES)} {...extra} />;
    }

    app.get('/:lang/companies/:companyId/members', { config: { access: company('view') } }, async (request, reply) => sendPage(reply, await membersPage(request)));

    app.post('/:lang/companies/:companyId/invitations', { config: { access: company('manage_members') } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = { email: String(body.email ?? '').slice(0, 254), role: String(body.role ?? '') };
      const form = parseForm(InviteForm, body, request.t);
      if (!form.ok) return sendPage(reply, await membersPage(request, { errors: form.errors, values }), 400);
      const result = await inviteMember(deps, request.company!.id, request.user!, request.companyRole!, form.data, requestMeta(request));
      if (!result.ok) return sendPage(reply, await membersPage(request, { general: request.t(ROLE_ERRORS[result.error] ?? 'form.error.invalid'), values }), result.error === 'rate_limited' ? 429 : 400);
      return reply.redirect(`/${request.locale}/companies/${request.company!.id}/members?done=invited`, 303);
    });

    app.post('/:lang/companies/:companyId/invitations/revoke', { config: { access: company('manage_members') } }, async (request, reply) => {
      const form = z.object({ id: z.uuid() }).safeParse(request.body);
      if (form.success) await withdrawInvitation(deps, request.company!.id, request.user!, form.data.id, requestMeta(request));
      return reply.redirect(`/${request.locale}/companies/${request.company!.id}/members?done=invitation_revoked`, 303);
    });

    app.post('/:lang/companies/:companyId/members/role', { config: { access: company('change_roles') } }, async (request, reply) => {
      const form = parseForm(MemberForm.extend({ role: choice(ROLES) }), request.body, request.t);
      if (!form.ok) return sendPage(reply, await membersPage(request, { general: request.t('form.error.invalid') }), 400);
      const result = await changeMemberRole(deps, request.company!.id, request.user!, request.companyRole!, form.data.userId, form.data.role, requestMeta(request));
      if (!result.ok) return sendPage(reply, await membersPage(request, { general: request.t(ROLE_ERRORS[result.error] ?? 'form.error.invalid') }), 400);
      return reply.redirect(`/${request.locale}/companies/${request.company!.id}/members?done=role_changed`, 303);
    });

    app.post('/:lang/companies/:companyId/members/remove', { config: { access: company('manage_members') } }, async (request, reply) => {
      const form = parseForm(MemberForm, request.body, request.t);
      if (!form.ok) return sendPage(reply, await membersPage(request, { general: request.t('form.error.invalid') }), 400);
      const result = await changeMemberRole(deps, request.company!.id, request.user!, request.companyRole!, form.data.userId, 'removed', requestMeta(request));
      if (!result.ok) return sendPage(reply, await membersPage(request, { general: request.t(ROLE_ERRORS[result.error] ?? 'form.error.invalid') }), result.error === 'not_allowed' ? 403 : 400);
      return reply.redirect(`/${request.locale}/companies/${request.company!.id}/members?done=member_removed`, 303);
    });

    app.get('/:lang/companies/:companyId/audit', { config: { access: company('view_audit') } }, async (request, reply) => {
      const c = ctxOf(request);
      return sendPage(reply, <AuditPage {...c} events={await listCompanyAudit(deps.db, c.company.id)} />);
    });

    // Owners decide whether the company counts in the anonymous figures; the figures follow at the next refresh.
    app.post('/:lang/companies/:companyId/settings/statistics', { config: { access: company('security_settings') } }, async (request, reply) => {
      const form = z.object({ consent: z.enum(['yes', 'no']) }).safeParse(request.body);
      const base = `/${request.locale}/companies/${request.company!.id}`;
      if (!form.success) return reply.redirect(base, 303);
      await changeStatsConsent(deps, request.company!.id, request.user!, form.data.consent === 'yes', requestMeta(request));
      return reply.redirect(`${base}?done=${form.data.consent === 'yes' ? 'stats_consent_on' : 'stats_consent_off'}`, 303);
    });

    app.post('/:lang/companies/:companyId/settings/mfa', { config: { access: company('security_settings') } }, async (request, reply) => {
      const form = z.object({ required: z.enum(['yes', 'no']) }).safeParse(request.body);
      const base = `/${request.locale}/companies/${request.company!.id}`;
      if (!form.success) return reply.redirect(base, 303);
      const result = await changeRequireMfa(deps, request.company!.id, request.user!, form.data.required === 'yes', requestMeta(request));
      if (!result.ok) return reply.redirect(`/${request.locale}/account/security?required=${request.company!.id}`, 303);
      return reply.redirect(`${base}?done=${form.data.required === 'yes' ? 'mfa_required_on' : 'mfa_required_off'}`, 303);
    });
  };
}
