/**
 * The company's side: the join page an invitation leads to (who the organisation is, what it will see, the
 * decision), and /companies/:companyId/organisations with the company's choices per organisation.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, type Company, type Role } from '../../../core/company-profile.ts';
import type { Membership as UserMembership } from '../../../core/account.ts';
import { announcementIn } from '../../../core/organisations/organisation.ts';
import { changeMembership, joinOrganisation, lookUpJoinLink, type MemberChoice } from '../../../app/organisation-members.ts';
import { offersForCompany } from '../../../app/organisation-offers.ts';
import { loadContent } from '../../../adapters/content.ts';
import type { CompanyOffer } from '../../../db/repositories/offer.repository.ts';
import { CompanyOffers } from './offer-views.tsx';
import type { AppDeps } from '../../../app/deps.ts';
import { listMembershipsOfUser } from '../../../db/repositories/company.repository.ts';
import { listMembershipsOfCompany, type Membership, type Organisation } from '../../../db/repositories/organisation.repository.ts';
import { listAnnouncements, type Announcement } from '../../../db/repositories/organisation-announcement.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company, PUBLIC, USER } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Choice, Csrf, ErrorSummary, formatDateTime, Notice, PostButton } from '../ui/components.tsx';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';

const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

function JoinPage(p: { ctx: PageCtx; token: string; organisation: Organisation | undefined; companies: UserMembership[]; error?: string | undefined }) {
  const { t, locale } = p.ctx;
  const o = p.organisation;
  if (!o) {
    return (
      <Layout ctx={p.ctx} title={t('join.title')} narrow>
        <h1>{t('join.title')}</h1>
        <Notice kind="warn">{t('join.invalid')}</Notice>
      </Layout>
    );
  }
  const here = `/${locale}/join/${p.token}`;
  const owned = p.companies.filter((m) => m.role === 'owner');
  return (
    <Layout ctx={p.ctx} title={t('join.title')} narrow>
      <h1>{t('join.heading', { organisation: o.name })}</h1>
      <p>
        <span class="tag">{t(`org.kind.${o.kind}` as MessageKey)}</span> <span class="tag">{o.verifiedAt ? t('org.verified') : t('org.unverified')}</span>
      </p>
      <h2>{t('join.sees.heading')}</h2>
      <ul>
        <li>{t('join.sees.name')}</li>
        <li>{t('join.sees.figures')}</li>
        <li>{t('join.sees.answers')}</li>
      </ul>
      <ErrorSummary ctx={p.ctx} errors={undefined} general={p.error} />
      {!p.ctx.user ? (
        <p>
          <a href={`/${locale}/login?next=${encodeURIComponent(here)}`}>{t('join.login')}</a>
        </p>
      ) : owned.length === 0 ? (
        <p>
          {t('join.no_company')} <a href={`/${locale}/companies/new`}>{t('account.new_company')}</a>
        </p>
      ) : (
        <form method="post" action={here}>
          <Csrf ctx={p.ctx} />
          <fieldset class="field">
            <legend>{t('join.company')}</legend>
            <div class="choices">
              {owned.map((m, i) => (
                <Choice type="radio" name="companyId" value={m.companyId} label={m.companyName} checked={i === 0} />
              ))}
            </div>
          </fieldset>
          <div class="field">
            <Choice type="checkbox" name="counts" value="yes" label={t('join.counts')} hint={t('join.counts.hint')} checked />
          </div>
          <button type="submit">{t('join.accept')}</button> <a href={`/${locale}/account`}>{t('join.decline')}</a>
        </form>
      )}
    </Layout>
  );
}

function CompanyOrganisationsPage(p: { ctx: PageCtx; company: Company; role: Role; memberships: Membership[]; announcements: Announcement[]; offers: CompanyOffer[]; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  const action = `/${locale}/companies/${p.company.id}/organisations`;
  const owner = can(p.role, 'manage_organisations');
  return (
    <Layout ctx={p.ctx} title={`${t('corg.title')} · ${p.company.name}`}>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="organisations" />
      <h1>{t('corg.title')}</h1>
      <p class="lead">{t('corg.lead')}</p>
      {p.notice ? <Notice kind="ok">{t(p.notice)}</Notice> : null}
      {p.memberships.length === 0 ? <p>{t('corg.none')}</p> : null}
      {!owner && p.memberships.length > 0 ? <p class="hint">{t('corg.owner_only')}</p> : null}
      {p.memberships.map((m) => {
        const fields = (choice: string) => ({ organisationId: m.organisation.id, choice });
        return (
          <section class="card" aria-labelledby={`org-${m.organisation.id}`}>
            <h2 id={`org-${m.organisation.id}`}>{m.organisation.name}</h2>
            <p>
              <span class="tag">{t(`org.kind.${m.organisation.kind}` as MessageKey)}</span> <span class="tag">{m.organisation.verifiedAt ? t('org.verified') : t('org.unverified')}</span>
            </p>
            <p>{t(m.countsInFigures ? 'corg.figures.on' : 'corg.figures.off')}</p>
            {owner ? <PostButton ctx={p.ctx} action={action} fields={fields(m.countsInFigures ? 'figures_off' : 'figures_on')} label={t(m.countsInFigures ? 'corg.figures.stop' : 'corg.figures.start')} kind="secondary" /> : null}
            <p>{t(m.answersShared ? 'corg.answers.on' : 'corg.answers.off')}</p>
            {owner ? <PostButton ctx={p.ctx} action={action} fields={fields(m.answersShared ? 'answers_off' : 'answers_on')} label={t(m.answersShared ? 'corg.answers.revoke' : 'corg.answers.grant')} kind="secondary" /> : null}
            <p>{t(m.announcementMail ? 'corg.mail.on' : 'corg.mail.off')}</p>
            {owner ? <PostButton ctx={p.ctx} action={action} fields={fields(m.announcementMail ? 'mail_off' : 'mail_on')} label={t(m.announcementMail ? 'corg.mail.stop' : 'corg.mail.start')} kind="secondary" /> : null}
            {owner ? (
              <p>
                <PostButton ctx={p.ctx} action={action} fields={fields('leave')} label={t('corg.leave')} kind="danger" />
              </p>
            ) : null}
          </section>
        );
      })}
      <CompanyOffers
        ctx={p.ctx}
        companyId={p.company.id}
        offers={p.offers}
        canAnswer={can(p.role, 'answer_offers')}
        lessonTitle={(id) => loadContent().lessons.find((l) => l.id === id)?.i18n[locale].title ?? id}
        templateTitle={(id) => loadContent().phishing.templates.get(id)?.i18n[locale].subject ?? id}
      />
      {p.announcements.length > 0 ? <h2>{t('corg.announcements')}</h2> : null}
      {p.announcements.map((a) => {
        const text = announcementIn(a.texts, locale);
        return text ? (
          <article class="card" lang={text.locale}>
            <h3>{text.title}</h3>
            <p>{text.body}</p>
            <p class="hint">
              {a.organisationName} · {formatDateTime(a.createdAt, locale)}
            </p>
          </article>
        ) : null;
      })}
    </Layout>
  );
}

const CHOICES: Record<string, MemberChoice> = {
  figures_on: { kind: 'figures', value: true },
  figures_off: { kind: 'figures', value: false },
  answers_on: { kind: 'answers', value: true },
  answers_off: { kind: 'answers', value: false },
  mail_on: { kind: 'announcement_mail', value: true },
  mail_off: { kind: 'announcement_mail', value: false },
  leave: { kind: 'leave' },
};
const ChoiceForm = z.object({ organisationId: z.uuid(), choice: z.enum(Object.keys(CHOICES) as [string, ...string[]]) });
const JoinForm = z.object({ companyId: z.uuid(), counts: z.literal('yes').optional() });

export function membershipRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const joinPage = async (request: FastifyRequest, token: string, error?: string) => {
      const found = token ? await lookUpJoinLink(deps, token) : undefined;
      const user = request.session?.stage === 'full' ? request.user : undefined;
      const companies = user ? await listMembershipsOfUser(deps.db, user.id) : [];
      return { found, page: <JoinPage ctx={pageCtx(request)} token={token} organisation={found?.organisation} companies={companies} error={error} /> };
    };

    app.get('/:lang/join/:token', { config: { access: PUBLIC } }, async (request, reply) => {
      const p = TokenParam.safeParse(request.params);
      const { found, page } = await joinPage(request, p.success ? p.data.token : '');
      return sendPage(reply, page, found ? 200 : 404);
    });

    app.post('/:lang/join/:token', { config: { access: USER } }, async (request, reply) => {
      const p = TokenParam.safeParse(request.params);
      const token = p.success ? p.data.token : '';
      const form = JoinForm.safeParse(request.body);
      if (!p.success || !form.success) {
        const { found, page } = await joinPage(request, token, request.t('form.error.choose'));
        return sendPage(reply, page, found ? 400 : 404);
      }
      const result = await joinOrganisation(deps, token, request.user!, { companyId: form.data.companyId, countsInFigures: form.data.counts === 'yes' }, requestMeta(request));
      if (!result.ok) {
        const keys: Record<typeof result.error, MessageKey> = { already_member: 'join.already', not_owner: 'join.not_owner', invalid_link: 'join.invalid', mfa_required: 'join.mfa_required' };
        const { found, page } = await joinPage(request, token, request.t(keys[result.error]));
        return sendPage(reply, page, found ? (result.error === 'already_member' ? 409 : 403) : 404);
      }
      return reply.redirect(`/${request.locale}/companies/${form.data.companyId}/organisations?done=joined`, 303);
    });

    app.get('/:lang/companies/:companyId/organisations', { config: { access: company('view') } }, async (request, reply) => {
      const c = request.company!;
      const memberships = await listMembershipsOfCompany(deps.db, c.id);
      const announcements = await listAnnouncements(deps.db, { companyId: c.id });
      const offers = await offersForCompany(deps, c.id);
      return sendPage(reply, <CompanyOrganisationsPage ctx={pageCtx(request)} company={c} role={request.companyRole!} memberships={memberships} announcements={announcements} offers={offers} notice={noticeFrom(request, { joined: 'corg.joined', saved: 'corg.saved' })} />);
    });

    app.post('/:lang/companies/:companyId/organisations', { config: { access: company('manage_organisations') } }, async (request, reply) => {
      const form = ChoiceForm.safeParse(request.body);
      const c = request.company!;
      if (form.success) {
        const done = await changeMembership(deps, c.id, form.data.organisationId, request.user!, CHOICES[form.data.choice]!, requestMeta(request));
        if (done) return reply.redirect(`/${request.locale}/companies/${c.id}/organisations?done=saved`, 303);
      }
      const memberships = await listMembershipsOfCompany(deps.db, c.id);
      const announcements = await listAnnouncements(deps.db, { companyId: c.id });
      const offers = await offersForCompany(deps, c.id);
      return sendPage(reply, <CompanyOrganisationsPage ctx={pageCtx(request)} company={c} role={request.companyRole!} memberships={memberships} announcements={announcements} offers={offers} />, 400);
    });
  };
}
