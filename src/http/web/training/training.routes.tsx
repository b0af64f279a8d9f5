/** The owner's training page: coverage (counts, a chart with its table, per person only as a code from 5 people), invitations. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { inviteLearners, revokeLearnerOf, trainingCoverage } from '../../../app/training.ts';
import { acceptedChallenges } from '../../../app/organisation-offers.ts';
import type { CompanyOffer } from '../../../db/repositories/offer.repository.ts';
import { loadContent } from '../../../adapters/content.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { BarChart } from '../ui/charts.tsx';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Choice, Csrf, ErrorSummary, Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { TrainingChallenges } from '../ui/offers.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom } from '../ui/request.ts';

const NOTICES: Record<string, MessageKey> = { sent: 'training.owner.sent', revoked: 'training.owner.revoked' };
type Data = Awaited<ReturnType<typeof trainingCoverage>>;

function TrainingPage(p: { ctx: PageCtx; request: FastifyRequest; data: Data; challenges: CompanyOffer[]; error?: string | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  const company = p.request.company!;
  const base = `/${locale}/companies/${company.id}/training`;
  const c = p.data.coverage;
  const titles = new Map<string, string>(loadContent().lessons.map((l) => [l.id, l.i18n[locale].title]));
  const pct = (n: number) => (c.invited > 0 ? Math.round((100 * n) / c.invited) : 0);
  return (
    <Layout ctx={p.ctx} title={t('training.owner.title')}>
      <h1>{company.name}</h1>
      <CompanyNav ctx={p.ctx} company={company} role={p.request.companyRole!} current="training" />
      <h2>{t('training.owner.title')}</h2>
      <p>{t('training.owner.lead')}</p>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      {/* Challenges the company accepted from its organisations; the one named by ?offer= (the accept button) first. */}
      <TrainingChallenges ctx={p.ctx} offers={p.challenges} lessonTitle={(id) => titles.get(id) ?? id} first={String((p.request.query as Record<string, unknown>).offer ?? '')} />
      <ErrorSummary ctx={p.ctx} errors={p.error ? { people: p.error } : undefined} />
      <dl class="stats" data-testid="coverage">
        <div>
          <dt>{t('training.owner.people')}</dt>
          <dd data-testid="people">{c.people}</dd>
        </div>
        <div>
          <dt>{t('training.owner.invited')}</dt>
          <dd data-testid="invited">{c.invited}</dd>
        </div>
        <div>
          <dt>{t('training.owner.active')}</dt>
          <dd data-testid="active">{c.active}</dd>
        </div>
      </dl>
      {c.people === 0 ? <p>{t('training.owner.no_people')}</p> : null}
      {c.invited > 0 ? (
        <BarChart
          id="per-lesson"
          title={t('training.owner.per_lesson')}
          tableCaption={t('training.owner.per_lesson')}
          valueHeading={t('training.owner.done')}
          rows={c.perLesson.map((l) => ({ label: titles.get(l.lessonId) ?? l.lessonId, value: pct(l.done), valueText: `${l.done} / ${c.invited}` }))}
        />
      ) : null}
      {c.invited > 0 ? (
        c.perPerson ? (
          <div class="table-scroll">
            <table data-testid="per-person">
              <caption>{t('training.owner.per_person')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.owner.code')}</th>
                  <th scope="col">{t('training.owner.lessons_count')}</th>
                </tr>
              </thead>
              <tbody>
                {c.perPerson.map((r) => (
                  <tr>
                    <td>{r.pseudonym}</td>
                    <td>{r.lessons}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="hint" data-testid="per-person-hidden">
            {t('training.owner.per_person_hidden')}
          </p>
        )
      ) : null}
      {p.data.people.length > 0 ? (
        <form method="post" action={`${base}/invitations`} novalidate>
          <Csrf ctx={p.ctx} />
          <fieldset class={p.error ? 'field has-error' : 'field'} id="f-people">
            <legend>{t('training.owner.invite_title')}</legend>
            <p class="hint">{t('training.owner.invite_hint')}</p>
            {p.error ? <p class="error">{p.error}</p> : null}
            <div class="choices">
              {/* Per named person only whether a link was sent (needed to choose whom to send to), never whether it was opened. */}
            {p.data.people.map((s) => (
                <Choice
                  type="checkbox"
                  name="people"
                  value={s.person.id}
                  label={s.person.displayName ? `${s.person.displayName} (${s.person.email})` : s.person.email}
                  hint={s.invited ? t('training.owner.status_invited') : t('training.owner.status_none')}
                />
              ))}
            </div>
          </fieldset>
          <button type="submit">{t('training.owner.invite_button')}</button>
        </form>
      ) : null}
      {p.data.people
        .filter((s) => s.invited)
        .map((s) => (
          <p>
            {s.person.email} <PostButton ctx={p.ctx} action={`${base}/revoke`} fields={{ person: s.person.id }} label={t('training.owner.revoke')} kind="secondary" />
          </p>
        ))}
    </Layout>
  );
}

export function trainingRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const page = async (request: FastifyRequest, error?: string) => (
      <TrainingPage ctx={pageCtx(request)} request={request} data={await trainingCoverage(deps, request.company!.id)} challenges={await acceptedChallenges(deps, request.company!.id)} error={error} notice={noticeFrom(request, NOTICES)} />
    );
    const base = (request: FastifyRequest) => `/${request.locale}/companies/${request.company!.id}/training`;

    app.get('/:lang/companies/:companyId/training', { config: { access: companyAccess('manage_members') } }, async (request, reply) => sendPage(reply, await page(request)));

    app.post('/:lang/companies/:companyId/training/invitations', { config: { access: companyAccess('manage_members') } }, async (request, reply) => {
      const raw = (request.body as Record<string, unknown> | undefined)?.people;
      const ids = z.array(z.uuid()).max(500).safeParse(raw === undefined ? [] : [raw].flat());
      const r = await inviteLearners(deps, request.company!, ids.success ? ids.data : []);
      if (!r.ok) {
        if (r.error === 'rate_limited' && 'retryAfterSeconds' in r) {
          reply.header('retry-after', String(r.retryAfterSeconds));
          return sendPage(reply, await page(request, request.t('training.owner.error.rate_limited', { minutes: Math.max(1, Math.ceil(r.retryAfterSeconds / 60)) })), 429);
        }
        return sendPage(reply, await page(request, request.t('training.owner.error.none_selected')), 400);
      }
      return reply.redirect(`${base(request)}?done=sent`, 303);
    });

    app.post('/:lang/companies/:companyId/training/revoke', { config: { access: companyAccess('manage_members') } }, async (request, reply) => {
      const id = z.object({ person: z.uuid() }).safeParse(request.body);
      if (!id.success || !(await revokeLearnerOf(deps, request.company!.id, id.data.person))) return sendPage(reply, await page(request, request.t('training.owner.error.none_selected')), 400);
      return reply.redirect(`${base(request)}?done=revoked`, 303);
    });
  };
}
