/** Staff invitation pages (/org-invitations/:token) and the platform administrator's verification of organisations. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { acceptStaffInvitation, lookUpStaffInvitation, verifyOrganisation } from '../../../app/organisations.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { findOrganisation, listOrganisations, type Organisation, type StaffInvitation } from '../../../db/repositories/organisation.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PLATFORM_ADMIN, PUBLIC, USER } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { ErrorSummary, formatDateTime, Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';

const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

function StaffInvitationPage(p: { ctx: PageCtx; token: string; invitation: StaffInvitation | undefined; organisation: Organisation | undefined; error?: string | undefined }) {
  const { t, locale } = p.ctx;
  const here = `/${locale}/org-invitations/${p.token}`;
  if (!p.invitation || !p.organisation) {
    return (
      <Layout ctx={p.ctx} title={t('org.staff_invite.title')} narrow>
        <h1>{t('org.staff_invite.title')}</h1>
        <Notice kind="warn">{t('invitation.invalid')}</Notice>
      </Layout>
    );
  }
  return (
    <Layout ctx={p.ctx} title={t('org.staff_invite.title')} narrow>
      <h1>{t('org.staff_invite.title')}</h1>
      <p class="lead">{t('org.staff_invite.lead', { role: t(`org.role.${p.invitation.role}` as MessageKey), organisation: p.organisation.name })}</p>
      <ErrorSummary ctx={p.ctx} errors={undefined} general={p.error} />
      {p.ctx.user?.email === p.invitation.email ? (
        <PostButton ctx={p.ctx} action={here} label={t('org.staff_invite.accept')} />
      ) : (
        <p>
          <a href={`/${locale}/login?next=${encodeURIComponent(here)}`}>{t('org.staff_invite.login', { email: p.invitation.email })}</a>
        </p>
      )}
    </Layout>
  );
}

function AdminOrganisationsPage(p: { ctx: PageCtx; organisations: Organisation[]; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('admin.orgs.title')}>
      <h1>{t('admin.orgs.title')}</h1>
      {p.notice ? <Notice kind="ok">{t(p.notice)}</Notice> : null}
      {p.organisations.length === 0 ? <p>{t('admin.orgs.none')}</p> : null}
      <ul>
        {p.organisations.map((o) => (
          <li>
            <strong>{o.name}</strong> – {t(`org.kind.${o.kind}` as MessageKey)}
            {o.sectors.length > 0 ? ` (${o.sectors.join(', ')})` : ''} – {formatDateTime(o.createdAt, locale)} –{' '}
            {o.verifiedAt ? t('org.verified') : <PostButton ctx={p.ctx} action={`/${locale}/admin/organisations/verify`} fields={{ id: o.id }} label={`${t('admin.orgs.verify')}: ${o.name}`} />}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function orgAccessRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const invitationPage = async (request: FastifyRequest, token: string, error?: string) => {
      const invitation = token ? await lookUpStaffInvitation(deps, token) : undefined;
      const organisation = invitation ? await findOrganisation(deps.db, invitation.organisationId) : undefined;
      return { ok: invitation !== undefined, page: <StaffInvitationPage ctx={pageCtx(request)} token={token} invitation={invitation} organisation={organisation} error={error} /> };
    };

    app.get('/:lang/org-invitations/:token', { config: { access: PUBLIC } }, async (request, reply) => {
      const p = TokenParam.safeParse(request.params);
      const { ok, page } = await invitationPage(request, p.success ? p.data.token : '');
      return sendPage(reply, page, ok ? 200 : 404);
    });

    app.post('/:lang/org-invitations/:token', { config: { access: USER } }, async (request, reply) => {
      const p = TokenParam.safeParse(request.params);
      const token = p.success ? p.data.token : '';
      const result = token ? await acceptStaffInvitation(deps, token, request.user!, requestMeta(request)) : ({ ok: false, error: 'invalid_invitation' } as const);
      if (!result.ok) {
        const inv = result.error === 'wrong_account' ? await lookUpStaffInvitation(deps, token) : undefined;
        const { ok, page } = await invitationPage(request, token, inv ? request.t('invitation.wrong_account', { email: inv.email }) : undefined);
        return sendPage(reply, page, ok ? 403 : 404);
      }
      return reply.redirect(`/${request.locale}/orgs/${result.organisationId}`, 303);
    });

    app.get('/:lang/admin/organisations', { config: { access: PLATFORM_ADMIN } }, async (request, reply) =>
      sendPage(reply, <AdminOrganisationsPage ctx={pageCtx(request)} organisations={await listOrganisations(deps.db)} notice={noticeFrom(request, { verified: 'admin.orgs.done' })} />),
    );

    app.post('/:lang/admin/organisations/verify', { config: { access: PLATFORM_ADMIN } }, async (request, reply) => {
      const form = z.object({ id: z.uuid() }).safeParse(request.body);
      const done = form.success && (await verifyOrganisation(deps, request.user!, form.data.id, requestMeta(request)));
      if (!done) return sendPage(reply, <AdminOrganisationsPage ctx={pageCtx(request)} organisations={await listOrganisations(deps.db)} />, 400);
      return reply.redirect(`/${request.locale}/admin/organisations?done=verified`, 303);
    });
  };
}
