/**
 * A company's report address: the address with forwarding instructions, the owner's consent switch for passing real
 * phishing on to Safeonweb, and the reports (verdict, reasons, date; counts per month). Owners and admins only: the
 * reports say what staff found suspicious. Who reported is kept only to answer them and is not shown here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { listReports, reportSettings, setForwardConsent, type MailReport, type ReportSettings } from '../../../app/mail-reports.ts';
import { can } from '../../../core/company-profile.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { formatDateTime, Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';

const NOTICES: Record<string, MessageKey> = { consent_on: 'mailrep.notice.consent_on', consent_off: 'mailrep.notice.consent_off' };

function MailReportsPage(p: { ctx: PageCtx; request: FastifyRequest; settings: ReportSettings; reports: MailReport[]; months: { month: string; verdict: string; count: number }[]; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  const company = p.request.company!;
  const role = p.request.companyRole!;
  const base = `/${locale}/companies/${company.id}/mail-reports`;
  const owner = can(role, 'security_settings');
  return (
    <Layout ctx={p.ctx} title={t('mailrep.title')}>
      <h1>{company.name}</h1>
      <CompanyNav ctx={p.ctx} company={company} role={role} current="mail-reports" />
      <h2>{t('mailrep.title')}</h2>
      <p>{t('mailrep.lead')}</p>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <section class="card">
        <h3>{t('mailrep.address_label')}</h3>
        <p>
          <code class="secret" data-testid="report-address">{p.settings.address}</code>
        </p>
        <p>{t('mailrep.address_hint')}</p>
      </section>
      <section class="card">
        <h3>{t('mailrep.how.title')}</h3>
        <p>{t('mailrep.how.best')}</p>
        <ul>
          <li>{t('mailrep.how.phone')}</li>
          <li>{t('mailrep.how.outlook')}</li>
          <li>{t('mailrep.how.webmail')}</li>
          <li>{t('mailrep.how.apple')}</li>
        </ul>
      </section>
      <section class="card">
        <h3>{t('mailrep.consent.title')}</h3>
        <p>{t('mailrep.consent.explain')}</p>
        <p data-testid="consent-state">{t(p.settings.forwardConsent ? 'mailrep.consent.is_on' : 'mailrep.consent.is_off')}</p>
        {owner ? (
          <PostButton ctx={p.ctx} action={`${base}/consent`} fields={{ consent: p.settings.forwardConsent ? '0' : '1' }} label={t(p.settings.forwardConsent ? 'mailrep.consent.turn_off' : 'mailrep.consent.turn_on')} kind="secondary" />
        ) : (
          <p>{t('mailrep.consent.owner_only')}</p>
        )}
      </section>
      <h3>{t('mailrep.list.title')}</h3>
      {p.reports.length === 0 ? <p>{t('mailrep.list.none')}</p> : null}
      {p.months.length > 0 ? (
        <div class="table-scroll">
          <table class="stack" data-testid="mail-report-months">
            <caption>{t('mailrep.months.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mailrep.col.month')}</th>
                <th scope="col">{t('mailrep.col.verdict')}</th>
                <th scope="col">{t('mailrep.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {p.months.map((m) => (
                <tr>
                  <td data-label={t('mailrep.col.month')}>{m.month}</td>
                  <td data-label={t('mailrep.col.verdict')}>{t(`mailrep.verdict.${m.verdict}` as MessageKey)}</td>
                  <td data-label={t('mailrep.col.count')}>{m.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {p.reports.length > 0 ? (
        <div class="table-scroll">
          <table class="stack" data-testid="mail-reports">
            <caption>{t('mailrep.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mailrep.col.date')}</th>
                <th scope="col">{t('mailrep.col.verdict')}</th>
                <th scope="col">{t('mailrep.col.sender')}</th>
                <th scope="col">{t('mailrep.col.subject')}</th>
                <th scope="col">{t('mailrep.col.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {p.reports.map((r) => (
                <tr data-verdict={r.verdict}>
                  <td data-label={t('mailrep.col.date')}>{formatDateTime(r.receivedAt, locale)}</td>
                  <td data-label={t('mailrep.col.verdict')}>
                    {t(`mailrep.verdict.${r.verdict}` as MessageKey)}
                    {r.forwarded ? ` (${t('mailrep.forwarded')})` : ''}
                  </td>
                  <td data-label={t('mailrep.col.sender')}>{r.senderDomain ?? '—'}</td>
                  <td data-label={t('mailrep.col.subject')}>{r.subject ?? '—'}</td>
                  <td data-label={t('mailrep.col.reasons')}>
                    <ul>
                      {r.reasons.map((reason) => (
                        <li>{t(`mailrep.reason.${reason}` as MessageKey)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Layout>
  );
}

export function mailReportRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/companies/:companyId/mail-reports', { config: { access: companyAccess('edit_profile') } }, async (request, reply) => {
      const companyId = request.company!.id;
      const [settings, { reports, months }] = await Promise.all([reportSettings(deps, companyId), listReports(deps, companyId)]);
      return sendPage(reply, <MailReportsPage ctx={pageCtx(request)} request={request} settings={settings} reports={reports} months={months} notice={noticeFrom(request, NOTICES)} />);
    });

    app.post('/:lang/companies/:companyId/mail-reports/consent', { config: { access: companyAccess('security_settings') } }, async (request, reply) => {
      const input = z.object({ consent: z.enum(['0', '1']) }).safeParse(request.body);
      const base = `/${request.locale}/companies/${request.company!.id}/mail-reports`;
      // Anything but an explicit 0 or 1 changes nothing (a consent is never assumed).
      if (!input.success) return reply.redirect(base, 303);
      const consent = input.data.consent === '1';
      await setForwardConsent(deps, request.company!, request.user!, consent, requestMeta(request).ip);
      return reply.redirect(`${base}?done=${consent ? 'consent_on' : 'consent_off'}`, 303);
    });
  };
}
