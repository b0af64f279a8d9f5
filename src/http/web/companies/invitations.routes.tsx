/**
 * The page an invitation mail links to, and accepting it. Someone without an account signs up right there, with the
 * invited address filled in; the confirmation link brings them back here (`next=`), and accepting lands them in
 * the company's home. Someone who signed up another way finds the invitation on the account page.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { acceptInvitation, acceptInvitationById, lookUpInvitation } from '../../../app/companies.ts';
import { findCompany } from '../../../db/repositories/company.repository.ts';
import type { Invitation } from '../../../db/repositories/invitation.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PUBLIC, USER } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Csrf, ErrorSummary, Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { requestMeta } from '../ui/request.ts';
import { SignupForm } from '../ui/signup-form.tsx';
import { RoleMeaning } from './roles.tsx';

function InvitationPage(p: { ctx: PageCtx; token: string; invitation: Invitation | undefined; companyName: string; error?: string | undefined }) {
  const { t, locale } = p.ctx;
  const inv = p.invitation;
  const here = `/${locale}/invitations/${p.token}`;
  if (!inv) {
    return (
      <Layout ctx={p.ctx} title={t('invitation.title')} narrow>
        <h1>{t('invitation.title')}</h1>
        <Notice kind="warn">{t('invitation.invalid')}</Notice>
      </Layout>
    );
  }
  const user = p.ctx.user;
  return (
    <Layout ctx={p.ctx} title={t('invitation.title')} narrow>
      <h1>{t('invitation.heading', { company: p.companyName })}</h1>
      <p class="lead">{t('invitation.lead', { company: p.companyName, role: t(`role.${inv.role}` as MessageKey) })}</p>
      <p>
        <RoleMeaning ctx={p.ctx} role={inv.role} />
      </p>
      <ErrorSummary ctx={p.ctx} errors={undefined} general={p.error} />
      {user ? (
        user.email === inv.email ? (
          <PostButton ctx={p.ctx} action={here} label={t('invitation.accept')} />
        ) : (
          <form method="post" action={`/${locale}/logout`}>
            <Csrf ctx={p.ctx} />
            <p>{t('invitation.wrong_account', { email: inv.email })}</p>
            <button type="submit" class="secondary">
              {t('nav.logout')}
            </button>
          </form>
        )
      ) : (
        <>
          <h2>{t('invitation.new_here')}</h2>
          <p>{t('invitation.signup_steps')}</p>
          <SignupForm ctx={p.ctx} values={{ email: inv.email }} next={here} />
          <h2>{t('invitation.have_account')}</h2>
          <p>
            <a href={`/${locale}/login?next=${encodeURIComponent(here)}`}>{t('invitation.login_instead', { email: inv.email })}</a>
          </p>
        </>
      )}
    </Layout>
  );
}

const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

export function invitationRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const companyName = async (inv: Invitation | undefined) => (inv ? ((await findCompany(deps.db, inv.companyId))?.name ?? '') : '');

    // Declared before "/:lang/invitations/:token"; Fastify prefers the static path anyway.
    app.post('/:lang/invitations/accept', { config: { access: USER } }, async (request, reply) => {
      const form = z.object({ id: z.uuid() }).safeParse(request.body);
      const result = form.success ? await acceptInvitationById(deps, form.data.id, request.user!, requestMeta(request)) : undefined;
      if (!result?.ok) return reply.redirect(`/${request.locale}/account?done=invitation_gone`, 303);
      return reply.redirect(`/${request.locale}/companies/${result.companyId}?done=joined`, 303);
    });

    app.get('/:lang/invitations/:token', { config: { access: PUBLIC } }, async (request, reply) => {
      const p = TokenParam.safeParse(request.params);
      const inv = p.success ? await lookUpInvitation(deps, p.data.token) : undefined;
      return sendPage(reply, <InvitationPage ctx={pageCtx(request)} token={p.success ? p.data.token : ''} invitation={inv} companyName={await companyName(inv)} />, inv ? 200 : 404);
    });

    app.post('/:lang/invitations/:token', { config: { access: USER } }, async (request, reply) => {
      const p = TokenParam.safeParse(request.params);
      const ctx = pageCtx(request);
      if (!p.success) return sendPage(reply, <InvitationPage ctx={ctx} token="" invitation={undefined} companyName="" />, 404);
      const result = await acceptInvitation(deps, p.data.token, request.user!, requestMeta(request));
      if (!result.ok) {
        const inv = await lookUpInvitation(deps, p.data.token);
        const message = result.error === 'wrong_account' ? request.t('invitation.wrong_account', { email: inv?.email ?? '' }) : undefined;
        return sendPage(reply, <InvitationPage ctx={ctx} token={p.data.token} invitation={inv} companyName={await companyName(inv)} error={message} />, inv ? 403 : 404);
      }
      return reply.redirect(`/${ctx.locale}/companies/${result.companyId}?done=joined`, 303);
    });
  };
}
