/** The public wizard (one question per screen, plain GET forms), its result, and saving a report anonymously. */
import type { FastifyInstance } from 'fastify';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { consume, HOUR, limitKeyForIp } from '../../../app/rate-limit.ts';
import { createIncident } from '../../../app/incidents.ts';
import { findCompany, listMembershipsOfUser } from '../../../db/repositories/company.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PUBLIC } from '../../access.ts';
import { AppError } from '../../errors.ts';
import { sendPage } from '../../render.ts';
import { colon } from '../ui/components.tsx';
import { pageCtx } from '../ui/page-context.ts';
import {
  answered,
  AWARE_PROBLEM_MESSAGE,
  AWARE_STEP,
  awareAtAnswerProblem,
  backHref,
  backStep,
  previousStep,
  factsFrom,
  nextStep,
  profileAnswers,
  StepPage,
} from './incident-wizard.tsx';
import { TriagePage } from './incident-views.tsx';

export function reportRoutes(deps: AppDeps, content: IncidentContent) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/incident', { config: { access: PUBLIC } }, async (request, reply) =>
      reply.redirect(`/${request.locale}/incident/report`, 303),
    );

    app.get('/:lang/incident/report', { config: { access: PUBLIC } }, async (request, reply) => {
      const raw = { ...(request.query as Record<string, unknown>) };
      const q = answered(raw);
      const ctx = pageCtx(request);
      const now = deps.clock.now();
      const memberships = request.user && request.session?.stage === 'full' ? await listMembershipsOfUser(deps.db, request.user.id) : [];
      // The company the report is for (named, or the only one): its profile answers what it already knows.
      const forCompany = memberships.find((m) => m.companyId === raw.company) ?? (memberships.length === 1 ? memberships[0] : undefined);
      const company = forCompany ? await findCompany(deps.db, forCompany.companyId) : undefined;
      const prefilled = company ? profileAnswers(company) : {};
      for (const [k, v] of Object.entries(prefilled)) q[k] ??= v;
      const carry: Record<string, string> = company ? { company: company.id } : {};
      // Questions the profile answered are not asked, so the back link skips them too.
      const fixed = Object.keys(prefilled);
      /** Shows one question of the wizard, with an error when the answer given could not be used. */
      const ask = (step: Parameters<typeof StepPage>[0]['step'], error?: string) =>
        sendPage(reply, <StepPage ctx={ctx} content={content} q={q} carry={carry} fixed={fixed} step={step} now={now} error={error} />, error ? 400 : 200);
      const problem = awareAtAnswerProblem(q, now);
      if (problem) {
        // A date that does not exist, in the future or long ago starts no clock: ask again, saying why.
        delete q.awareAt;
        return ask(AWARE_STEP, request.t(AWARE_PROBLEM_MESSAGE[problem]));
      }
      const backTo = backStep(raw, q);
      if (backTo && !fixed.includes(backTo.name)) return ask(backTo);
      const step = nextStep(q);
      if (step) {
        const tried = step.name === 'awareAt' ? raw.awareAtCombined !== undefined : raw[step.name] !== undefined;
        return ask(step, tried ? request.t('form.error.choose') : undefined);
      }
      const facts = factsFrom(q);
      if (!facts) {
        delete q.awareAt;
        return ask(AWARE_STEP, request.t('form.error.invalid'));
      }
      const fromProfile = Object.keys(prefilled).length
        ? [
            ...(prefilled.nis2 ? [`NIS2${colon(ctx.locale)} ${ctx.t(`incident.nis2.${prefilled.nis2}` as MessageKey)}`] : []),
            ...(prefilled.customerCardData ? [`${ctx.t('incident.q.customerCardData')} ${ctx.t('incident.q.customerCardData.no')}`] : []),
          ].join('; ')
        : undefined;
      const companies = memberships.map((m) => ({ id: m.companyId, name: m.companyName }));
      return sendPage(
        reply,
        <TriagePage
          ctx={ctx}
          content={content}
          q={q}
          facts={facts}
          now={now}
          companies={companies}
          fromProfile={fromProfile}
          back={backHref(ctx.locale, { ...q, ...carry }, previousStep(q, undefined, fixed))}
        />,
      );
    });

    app.post('/:lang/incident/save', { config: { access: PUBLIC } }, async (request, reply) => {
      const answers = answered((request.body ?? {}) as Record<string, unknown>);
      const facts = awareAtAnswerProblem(answers, deps.clock.now()) ? undefined : factsFrom(answers);
      if (!facts) return reply.redirect(`/${request.locale}/incident/report`, 303);
      // Anonymous reports cost nothing to send: bound them per address.
      const limited = await consume(deps, [{ key: `incident-anon:${limitKeyForIp(request.ip)}`, max: 20, windowMs: 24 * HOUR }]);
      if (!limited.allowed) throw new AppError('rate_limited', { retryAfterSeconds: limited.retryAfterSeconds });
      const { followToken } = await createIncident(deps, { facts, lang: request.locale, companyId: null, user: null });
      return reply.redirect(`/${request.locale}/incidents/follow/${followToken}?done=created`, 303);
    });
  };
}
