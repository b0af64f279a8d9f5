/** A company's incidents: saving a report for the company, the list, and the GDPR Art. 33(5) breach register. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../core/company-profile.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { formatDeadline } from '../../../core/incidents/format.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { createCompanyIncident } from '../../../app/incidents.ts';
import { listCompanyIncidents } from '../../../db/repositories/incident.repository.ts';
import { translator, type MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess } from '../../access.ts';
import { categoryLabel } from '../../presenters/incidents.ts';
import { sendPage } from '../../render.ts';
import { csvDocument } from '../../csv.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx } from '../ui/page-context.ts';
import { answered, awareAtAnswerProblem, factsFrom } from './incident-wizard.tsx';
import { sendIncidentLimited } from './incident-limit.tsx';

export function companyIncidentRoutes(deps: AppDeps, content: IncidentContent) {
  return async function (app: FastifyInstance): Promise<void> {
    app.post('/:lang/companies/:companyId/incidents', { config: { access: companyAccess('report') } }, async (request, reply) => {
      const answers = answered((request.body ?? {}) as Record<string, unknown>);
      const facts = awareAtAnswerProblem(answers, deps.clock.now()) ? undefined : factsFrom(answers);
      if (!facts) return reply.redirect(`/${request.locale}/incident/report`, 303);
      const created = await createCompanyIncident(deps, {
        facts,
        lang: request.company!.language,
        companyId: request.company!.id,
        user: request.user,
      });
      if (!created.ok) {
        // Nothing was stored. The page says when the company can report again (OWASP ASVS 4.0.3 §11.1.4).
        return sendIncidentLimited(deps, request, reply, {
          seconds: created.retryAfterSeconds,
          message: 'limit.incident.company_reports',
          back: `/${request.locale}/companies/${request.company!.id}/incidents`,
          backLabel: 'limit.incident.back_to_list',
        });
      }
      return reply.redirect(`/${request.locale}/companies/${request.company!.id}/incidents/${created.id}?done=created`, 303);
    });

    app.get('/:lang/companies/:companyId/incidents', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const list = await listCompanyIncidents(deps.db, request.company!.id);
      const base = `/${ctx.locale}/companies/${request.company!.id}`;
      return sendPage(
        reply,
        <Layout ctx={ctx} title={ctx.t('incident.list_title')}>
          <h1>{request.company!.name}</h1>
          <CompanyNav ctx={ctx} company={request.company!} role={request.companyRole!} current="incidents" />
          <h2>{ctx.t('incident.list_title')}</h2>
          <p>
            <a class="button" href={`/${ctx.locale}/incident/report?company=${request.company!.id}`}>
              {ctx.t('incident.report_new')}
            </a>{' '}
            {can(request.companyRole, 'assess') ? <a href={`${base}/breach-register`}>{ctx.t('incident.register_title')}</a> : null}
          </p>
          {list.length === 0 ? <p>{ctx.t('incident.none')}</p> : null}
          <ul>
            {list.map((r) => (
              <li>
                <a href={`${base}/incidents/${r.id}`}>{categoryLabel(content, r.facts.category, ctx.locale)}</a> —{' '}
                {formatDeadline(r.awareAt, ctx.locale)} · {ctx.t(`incident.status.${r.status}` as MessageKey)}
              </li>
            ))}
          </ul>
        </Layout>,
      );
    });

    /** GDPR Art. 33(5) register: every incident with personal data, notified or not. */
    async function register(request: FastifyRequest) {
      const list = (await listCompanyIncidents(deps.db, request.company!.id)).filter((r) => r.facts.personalData !== 'no');
      return list.map((r) => {
        const dpa = r.ticks.find((x) => x.kind === 'obligation' && x.itemId === 'gdpr_dpa_notification');
        const needed = r.triage.obligations.some((o) => o.id === 'gdpr_dpa_notification');
        return { r, dpa, needed };
      });
    }

    app.get('/:lang/companies/:companyId/breach-register', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const rows = await register(request);
      const t = ctx.t;
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('incident.register_title')}>
          <h1>{request.company!.name}</h1>
          <CompanyNav ctx={ctx} company={request.company!} role={request.companyRole!} current="incidents" />
          <h2>{t('incident.register_title')}</h2>
          <p>{t('incident.register_intro')}</p>
          <p>
            <a href={`/${ctx.locale}/companies/${request.company!.id}/breach-register.csv`}>{t('incident.register_csv')}</a>
          </p>
          <div class="table-scroll">
            <table class="stack" data-testid="breach-register">
              <thead>
                <tr>
                  <th scope="col">{t('incident.reg.aware')}</th>
                  <th scope="col">{t('incident.reg.what')}</th>
                  <th scope="col">{t('incident.detail.dataTypes')}</th>
                  <th scope="col">{t('incident.detail.peopleAffected')}</th>
                  <th scope="col">{t('incident.detail.measures')}</th>
                  <th scope="col">{t('incident.reg.notified')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ r, dpa, needed }) => (
                  <tr>
                    <td data-label={t('incident.reg.aware')}>{formatDeadline(r.awareAt, ctx.locale)}</td>
                    <td data-label={t('incident.reg.what')}>{categoryLabel(content, r.facts.category, ctx.locale)}</td>
                    <td data-label={t('incident.detail.dataTypes')}>{r.details.dataTypes || '—'}</td>
                    <td data-label={t('incident.detail.peopleAffected')}>{r.details.peopleAffected || '—'}</td>
                    <td data-label={t('incident.detail.measures')}>{r.details.measures || '—'}</td>
                    <td data-label={t('incident.reg.notified')}>
                      {dpa ? formatDeadline(dpa.doneAt, ctx.locale) : needed ? t('incident.reg.not_yet') : t('incident.reg.not_needed')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Layout>,
      );
    });

    app.get('/:lang/companies/:companyId/breach-register.csv', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const lang = request.company!.language;
      const t = translator(lang);
      const rows = await register(request);
      const header = [
        t('incident.reg.aware'),
        t('incident.reg.what'),
        'RSIT',
        t('incident.detail.dataTypes'),
        t('incident.detail.peopleAffected'),
        t('incident.detail.consequences'),
        t('incident.detail.measures'),
        t('incident.reg.notified'),
      ];
      const lines = rows.map(({ r, dpa, needed }) => [
        r.awareAt,
        categoryLabel(content, r.facts.category, lang),
        r.triage.rsit.map((x) => `${x.class}/${x.type}`).join(' '),
        r.details.dataTypes,
        r.details.peopleAffected,
        r.details.consequences,
        r.details.measures,
        dpa ? dpa.doneAt : needed ? t('incident.reg.not_yet') : t('incident.reg.not_needed'),
      ]);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="breach-register.csv"')
        .send(csvDocument(header, lines));
    });
  };
}
