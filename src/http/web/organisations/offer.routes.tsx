/**
 * Campaign offers: the organisation's page (/orgs/:orgId/offers: create, withdraw, aggregated figures) and the
 * company's answer (/companies/:companyId/offers). Accepting leads to the company's training or phishing page,
 * which read `?offer=` through src/app/organisation-offers.ts. Rules: docs/organisations.md, section "Offers".
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OFFER_ANSWERS, OFFER_LIMITS, type OfferProblem } from '../../../core/organisations/offer.ts';
import { loadContent } from '../../../adapters/content.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { answerOffer, createOffer, offersOfOrganisation, todayIn, withdrawOfferOf } from '../../../app/organisation-offers.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company, org } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { OffersPage, type OffersPageProps } from './offer-views.tsx';

const NOTICES = { created: 'offer.created', withdrawn: 'offer.withdrawn_notice' } as const;
const IdForm = z.object({ id: z.uuid() });
const AnswerForm = z.object({ offerId: z.uuid(), answer: z.enum(OFFER_ANSWERS) });

/** Form values to show again after a refusal: strings (bounded) and the ticked lessons, nothing else. */
function keptValues(body: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v.slice(0, OFFER_LIMITS.body);
    else if (k === 'lessons' && Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').slice(0, 20);
  }
  return out;
}

export function offerRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const page = async (request: FastifyRequest, extra: Partial<OffersPageProps> = {}) => {
      const locale = request.locale;
      const content = loadContent();
      return (
        <OffersPage
          ctx={pageCtx(request)}
          org={request.organisation!}
          role={request.orgRole!}
          items={await offersOfOrganisation(deps, request.organisation!.id)}
          lessons={content.lessons.map((l) => ({ id: l.id, title: l.i18n[locale].title }))}
          templates={[...content.phishing.templates.values()].map((tpl) => ({ id: tpl.id, title: tpl.i18n[locale].subject, hint: request.t('phishing.difficulty', { level: tpl.difficulty }) }))}
          today={todayIn(deps)}
          notice={noticeFrom(request, NOTICES)}
          {...extra}
        />
      );
    };

    app.get('/:lang/orgs/:orgId/offers', { config: { access: org('view') } }, async (request, reply) => sendPage(reply, await page(request)));

    app.post('/:lang/orgs/:orgId/offers', { config: { access: org('announce') } }, async (request, reply) => {
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      const values = keptValues(body);
      const result = await createOffer(
        deps,
        request.organisation!,
        request.user!,
        { kind: body.kind, texts: body, lessons: body.lessons, templateId: body.templateId, startsOn: body.startsOn, endsOn: body.endsOn },
        requestMeta(request),
      );
      if (!result.ok && result.error === 'invalid') {
        const text = (problem: OfferProblem) => request.t(`offer.problem.${problem}` as MessageKey, { days: OFFER_LIMITS.maxWindowDays });
        const errors = Object.fromEntries(Object.entries(result.problems).map(([field, problem]) => [field, text(problem)]));
        return sendPage(reply, await page(request, { errors, values }), 400);
      }
      if (!result.ok) return sendPage(reply, await page(request, { general: request.t('org.rate_limited'), values }), 429);
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/offers?done=created`, 303);
    });

    app.post('/:lang/orgs/:orgId/offers/withdraw', { config: { access: org('announce') } }, async (request, reply) => {
      const form = IdForm.safeParse(request.body);
      if (form.success) await withdrawOfferOf(deps, request.organisation!.id, request.user!, form.data.id, requestMeta(request));
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/offers?done=withdrawn`, 303);
    });

    app.post('/:lang/companies/:companyId/offers', { config: { access: company('answer_offers') } }, async (request, reply) => {
      const c = request.company!;
      const form = AnswerForm.safeParse(request.body);
      const result = form.success ? await answerOffer(deps, c.id, request.user!, form.data.offerId, form.data.answer, requestMeta(request)) : undefined;
      if (!result?.ok) {
        const ctx = pageCtx(request);
        const back = `/${request.locale}/companies/${c.id}/organisations`;
        return sendPage(
          reply,
          <Layout ctx={ctx} title={request.t('coffer.heading')} narrow>
            <h1>{request.t('coffer.heading')}</h1>
            <Notice kind="warn">{request.t(result ? 'coffer.gone' : 'form.error.choose')}</Notice>
            <p>
              <a href={back}>{request.t('corg.title')}</a>
            </p>
          </Layout>,
          result?.error === 'not_found' ? 404 : 400,
        );
      }
      const base = `/${request.locale}/companies/${c.id}`;
      if (result.offer.answer === 'declined') return reply.redirect(`${base}/organisations?done=saved#offer-${result.offer.id}`, 303);
      return reply.redirect(result.offer.kind === 'training_challenge' ? `${base}/training?offer=${result.offer.id}` : `${base}/phishing?offer=${result.offer.id}`, 303);
    });
  };
}
