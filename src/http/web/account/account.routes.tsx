/** The signed-in user's own pages: dashboard (companies and invitations waiting) and sessions. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeUserAgent, type Membership, type Session } from '../../../core/account.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { endAllApiTokens } from '../../../app/api-tokens.ts';
import { audit } from '../../../app/audit.ts';
import { readQuickScanDraft } from '../../../app/assessments.ts';
import { QUICK_SCAN_COOKIE } from '../ui/quick-scan-cookie.ts';
import { listMembershipsOfUser } from '../../../db/repositories/company.repository.ts';
import { listLiveSessions, revokeAllSessions, revokeSession } from '../../../db/repositories/session.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { USER } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Csrf, formatDateTime, Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { KeepTokens, KeepTokensField } from './keep-tokens.tsx';
import { pendingInvitationsFor } from '../../../app/companies.ts';
import type { PendingInvitation } from '../../../db/repositories/invitation.repository.ts';
import { listOrganisationsOfUser, type UserOrganisation } from '../../../db/repositories/organisation.repository.ts';
import { OrganisationSwitcher } from '../organisations/org-switcher.tsx';

const NOTICES: Record<string, MessageKey> = {
  mfa_disabled: 'notice.mfa_disabled',
  sessions_revoked: 'notice.sessions_revoked',
  session_revoked: 'notice.session_revoked',
  token_revoked: 'notice.token_revoked',
  recovery_used: 'notice.recovery_used',
  password_changed: 'notice.password_changed',
  company_created: 'notice.company_created',
  joined: 'notice.joined',
  invitation_gone: 'notice.invitation_gone',
};


/**
 * Invitations waiting for this address come first: a colleague who signed up without the link lands here and must
 * see the company that invited them, not only "add a company".
 */
function PendingInvitations(p: { ctx: PageCtx; invitations: PendingInvitation[] }) {
  const { t, locale } = p.ctx;
  if (p.invitations.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" data-testid="pending-invitations">
      <h2 id="pending-heading">{t('account.invitations')}</h2>
      <ul class="cards">
        {p.invitations.map((i) => (
          <li class="card">
            <h3>{i.companyName}</h3>
            <p>{t('account.invitation_role', { role: t(`role.${i.role}` as MessageKey) })}</p>
            <PostButton ctx={p.ctx} action={`/${locale}/invitations/accept`} fields={{ id: i.id }} label={t('invitation.accept')} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function AccountPage(p: { ctx: PageCtx; memberships: Membership[]; invitations: PendingInvitation[]; organisations: UserOrganisation[]; notice?: MessageKey | undefined; hasDraft?: boolean }) {
  const { t, locale, user } = p.ctx;
  const waiting = p.invitations.length > 0;
  return (
    <Layout ctx={p.ctx} title={t('account.title')}>
      <h1>{t('account.hello', { name: user?.displayName ?? '' })}</h1>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <PendingInvitations ctx={p.ctx} invitations={p.invitations} />
      {p.hasDraft ? (
        <Notice kind="info">
          {t('qs.draft_waiting')} <a href={`/${locale}/companies/new?from=quick-scan`}>{t('qs.draft_use')}</a>
        </Notice>
      ) : null}
      {!user?.totpEnabled ? (
        <Notice kind="warn">
          {t('account.mfa_nudge')} <a href={`/${locale}/account/security`}>{t('account.mfa_nudge_link')}</a>
        </Notice>
      ) : null}
      <h2>{t('account.companies')}</h2>
      {p.memberships.length === 0 ? <p>{t(waiting ? 'account.no_companies_yet' : 'account.no_companies')}</p> : null}
      <ul class="cards">
        {p.memberships.map((m) => (
          <li class="card">
            <h3>
              <a href={`/${locale}/companies/${m.companyId}`}>{m.companyName}</a>
            </h3>
            <p>
              {t('company.your_role')}: {t(`role.${m.role}` as MessageKey)}
            </p>
          </li>
        ))}
      </ul>
      <p>
        <a class={waiting ? 'button secondary' : 'button'} href={`/${locale}/companies/new`}>
          {t('account.new_company')}
        </a>
      </p>
      <OrganisationSwitcher ctx={p.ctx} organisations={p.organisations} />
      <h2>{t('account.settings')}</h2>
      <ul>
        <li>
          <a href={`/${locale}/account/security`}>{t('security.title')}</a>
        </li>
        <li>
          <a href={`/${locale}/account/sessions`}>{t('sessions.title')}</a>
        </li>
        <li>
          <a href={`/${locale}/account/tokens`}>{t('tokens.title')}</a>
        </li>
      </ul>
    </Layout>
  );
}

function SessionsPage(p: { ctx: PageCtx; sessions: Session[]; currentId: string; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('sessions.title')}>
      <h1>{t('sessions.title')}</h1>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <p>{t('sessions.explain')}</p>
      <div class="table-scroll">
        <table class="stack" data-testid="sessions">
          <caption class="hint">{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col">{t('sessions.address')}</th>
              <th scope="col">{t('sessions.started')}</th>
              <th scope="col">{t('sessions.last_seen')}</th>
              <th scope="col">{t('sessions.action')}</th>
            </tr>
          </thead>
          <tbody>
            {p.sessions.map((s) => (
              <tr>
                <td data-label={t('sessions.device')}>
                  {describeUserAgent(s.userAgent)}
                  {s.id === p.currentId ? <strong> ({t('sessions.this_one')})</strong> : null}
                </td>
                <td data-label={t('sessions.address')}>{s.ip}</td>
                <td data-label={t('sessions.started')}>{formatDateTime(s.createdAt, locale)}</td>
                <td data-label={t('sessions.last_seen')}>{formatDateTime(s.lastSeenAt, locale)}</td>
                <td data-label={t('sessions.action')}>{s.id === p.currentId ? '—' : <PostButton ctx={p.ctx} action={`/${locale}/account/sessions/revoke`} fields={{ id: s.id }} label={t('sessions.revoke')} kind="secondary" />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={`/${locale}/account/sessions/revoke-all`}>
        <Csrf ctx={p.ctx} />
        <KeepTokens ctx={p.ctx} />
        <button type="submit" class="danger">
          {t('sessions.revoke_all')}
        </button>
      </form>
    </Layout>
  );
}


export function accountRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    // Sent again while the user's view version stands (decision 0012): everything below is covered by it.
    app.get('/:lang/account', { config: { access: USER, sessionCache: true } }, async (request, reply) => {
      const memberships = await listMembershipsOfUser(deps.db, request.user!.id);
      const hasDraft = (await readQuickScanDraft(deps, request.cookies[QUICK_SCAN_COOKIE])) !== undefined;
      const invitations = await pendingInvitationsFor(deps, request.user!);
      const organisations = await listOrganisationsOfUser(deps.db, request.user!.id);
      return sendPage(reply, <AccountPage ctx={pageCtx(request)} memberships={memberships} invitations={invitations} organisations={organisations} notice={noticeFrom(request, NOTICES)} hasDraft={hasDraft} />);
    });

    app.get('/:lang/account/sessions', { config: { access: USER } }, async (request, reply) => {
      const sessions = await listLiveSessions(deps.db, request.user!.id, deps.clock.now().toISOString());
      return sendPage(reply, <SessionsPage ctx={pageCtx(request)} sessions={sessions} currentId={request.session!.id} notice={noticeFrom(request, NOTICES)} />);
    });

    app.post('/:lang/account/sessions/revoke', { config: { access: USER } }, async (request, reply) => {
      const form = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }).safeParse(request.body);
      if (form.success) await revokeSession(deps.db, request.user!.id, form.data.id, deps.clock.now().toISOString());
      return reply.redirect(`/${request.locale}/account/sessions?done=session_revoked`, 303);
    });

    app.post('/:lang/account/sessions/revoke-all', { config: { access: USER } }, async (request, reply) => {
      const n = await revokeAllSessions(deps.db, request.user!.id, deps.clock.now().toISOString(), request.session!.id);
      await audit(deps, deps.db, { type: 'user.sessions_revoked', userId: request.user!.id, ip: request.ip, detail: { count: n, reason: 'user_request' } });
      const keep = KeepTokensField.safeParse((request.body as Record<string, unknown> | undefined)?.keepTokens);
      if (!(keep.success && keep.data)) await endAllApiTokens(deps, request.user!.id, 'user_request', requestMeta(request));
      return reply.redirect(`/${request.locale}/account/sessions?done=sessions_revoked`, 303);
    });

  };
}
