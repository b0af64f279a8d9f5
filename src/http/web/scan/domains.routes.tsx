/** A company's domains: add, verify ownership, see the monitoring history, scan now, remove. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../core/company-profile.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { addDomain, domainHistory, listDomains, removeDomain, requestMonitorScan, verifyDomain, VERIFY_FILE_PATH, VERIFY_TXT_NAME, type CompanyDomain } from '../../../app/domains.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { Csrf, ErrorSummary, formatDateTime, Notice, PostButton, TextField } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';

const NOTICES: Record<string, MessageKey> = { added: 'domains.notice.added', verified: 'domains.notice.verified', removed: 'domains.notice.removed', scanning: 'domains.notice.scanning' };

type History = Awaited<ReturnType<typeof domainHistory>>;

function DomainsPage(p: { ctx: PageCtx; request: FastifyRequest; domains: { d: CompanyDomain; history: History }[]; error?: string | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  const company = p.request.company!;
  const role = p.request.companyRole!;
  const base = `/${locale}/companies/${company.id}/domains`;
  const edit = can(role, 'edit_profile');
  return (
    <Layout ctx={p.ctx} title={t('domains.title')}>
      <h1>{company.name}</h1>
      <CompanyNav ctx={p.ctx} company={company} role={role} current="domains" />
      <h2>{t('domains.title')}</h2>
      <p>{t('domains.lead')}</p>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={p.error ? { domain: p.error } : undefined} />
      {p.domains.length === 0 ? <p>{t('domains.none')}</p> : null}
      {p.domains.map(({ d, history }) => (
        <section class="card" data-domain={d.domain}>
          <h3>{d.domain}</h3>
          {d.verified_at ? (
            <p>
              <span class="tag" data-testid="verified">{t('domains.verified')}</span> {t('domains.monitored')}
            </p>
          ) : (
            <>
              <p>
                <span class="tag">{t('domains.not_verified')}</span> {t('domains.verify_how')}
              </p>
              <ol class="steps">
                <li>
                  {t('domains.verify_dns')}
                  <br />
                  <code class="secret">{`${VERIFY_TXT_NAME}.${d.domain}  TXT  "schild-verification=${d.verify_token}"`}</code>
                </li>
                <li>
                  {t('domains.verify_file')}
                  <br />
                  <code class="secret">{`https://${d.domain}${VERIFY_FILE_PATH}`}</code> → <code class="secret">{`schild-verification=${d.verify_token}`}</code>
                </li>
              </ol>
              {edit ? <PostButton ctx={p.ctx} action={`${base}/${d.id}/verify`} label={t('domains.verify_now')} /> : null}
            </>
          )}
          {history.length > 0 ? (
            <div class="table-scroll">
              <table class="stack" data-testid="domain-history">
                <caption>{t('domains.history')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('assess.date')}</th>
                    <th scope="col">{t('scan.grade')}</th>
                    <th scope="col">{t('domains.report')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) => (
                    <tr>
                      <td data-label={t('assess.date')}>{formatDateTime(h.finished_at ?? h.created_at, locale)}</td>
                      <td data-label={t('scan.grade')}>{h.grade ?? '—'}</td>
                      <td data-label={t('domains.report')}>
                        <a href={`/${locale}/scan/${h.id}`}>{t('domains.report')}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {edit ? (
            <div class="actions">
              {d.verified_at ? <PostButton ctx={p.ctx} action={`${base}/${d.id}/scan`} label={t('domains.scan_now')} kind="secondary" /> : null}
              <PostButton ctx={p.ctx} action={`${base}/${d.id}/remove`} label={t('domains.remove')} kind="secondary" />
            </div>
          ) : null}
        </section>
      ))}
      {edit ? (
        <form method="post" action={base} novalidate>
          <Csrf ctx={p.ctx} />
          <h3>{t('domains.add')}</h3>
          <TextField name="domain" label={t('scan.domain')} hint={t('scan.domain_hint')} error={p.error} maxLength={253} required />
          <button type="submit">{t('domains.add_button')}</button>
        </form>
      ) : null}
    </Layout>
  );
}

export function domainRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    async function page(request: FastifyRequest, error?: string) {
      const domains = await listDomains(deps, request.company!.id);
      const withHistory = await Promise.all(domains.map(async (d) => ({ d, history: await domainHistory(deps, request.company!.id, d.domain) })));
      return <DomainsPage ctx={pageCtx(request)} request={request} domains={withHistory} error={error} notice={noticeFrom(request, NOTICES)} />;
    }
    const base = (request: FastifyRequest) => `/${request.locale}/companies/${request.company!.id}/domains`;
    /** 429 with the page and a translated message saying how long to wait; nothing was checked or scanned. */
    async function rateLimited(request: FastifyRequest, reply: FastifyReply, seconds: number) {
      reply.header('retry-after', String(seconds));
      return sendPage(reply, await page(request, request.t('domains.error.rate_limited', { minutes: Math.max(1, Math.ceil(seconds / 60)) })), 429);
    }
    const Id = z.object({ domainId: z.uuid() });

    app.get('/:lang/companies/:companyId/domains', { config: { access: companyAccess('view') } }, async (request, reply) => sendPage(reply, await page(request)));

    app.post('/:lang/companies/:companyId/domains', { config: { access: companyAccess('edit_profile') } }, async (request, reply) => {
      const input = z.object({ domain: z.string().max(253) }).safeParse(request.body);
      const r = await addDomain(deps, request.company!, request.user!, input.success ? input.data.domain : '', request.ip);
      if (!r.ok) return sendPage(reply, await page(request, request.t(r.error === 'duplicate' ? 'domains.error.duplicate' : 'scan.error.domain')), 400);
      return reply.redirect(`${base(request)}?done=added`, 303);
    });

    app.post('/:lang/companies/:companyId/domains/:domainId/verify', { config: { access: companyAccess('edit_profile') } }, async (request, reply) => {
      const id = Id.safeParse(request.params);
      if (!id.success) return reply.callNotFound();
      const r = await verifyDomain(deps, request.company!, request.user!, id.data.domainId, requestMeta(request).ip);
      if (!r.ok) {
        if (r.error === 'not_found') return reply.callNotFound();
        if (r.error === 'rate_limited') return rateLimited(request, reply, r.retryAfterSeconds);
        return sendPage(reply, await page(request, request.t('domains.error.not_verified')), 400);
      }
      return reply.redirect(`${base(request)}?done=verified`, 303);
    });

    app.post('/:lang/companies/:companyId/domains/:domainId/scan', { config: { access: companyAccess('edit_profile') } }, async (request, reply) => {
      const id = Id.safeParse(request.params);
      if (!id.success) return reply.callNotFound();
      const r = await requestMonitorScan(deps, request.company!, request.user!, id.data.domainId);
      if (!r.ok) return r.error === 'rate_limited' ? rateLimited(request, reply, r.retryAfterSeconds) : reply.callNotFound();
      return reply.redirect(`/${request.locale}/scan/${r.scanId}`, 303);
    });

    app.post('/:lang/companies/:companyId/domains/:domainId/remove', { config: { access: companyAccess('edit_profile') } }, async (request, reply) => {
      const id = Id.safeParse(request.params);
      if (id.success) await removeDomain(deps, request.company!, id.data.domainId);
      return reply.redirect(`${base(request)}?done=removed`, 303);
    });
  };
}
