/**
 * Employee pages: /learn/<token> (the magic link from the invitation mail) sets a narrow learner cookie that opens
 * only the /:lang/learn pages; no user account or user session is involved. Unsubscribe works without it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { findByMagicToken, findByUnsubscribeToken, findLesson, joinByToken, learnerFromCookie, learnerOverview, LEARNER_SESSION_DAYS, startLesson, submitQuiz, unsubscribe } from '../../../app/training.ts';
import { isLocale } from '../../../core/locale.ts';
import { PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { cookieOptions } from '../../request-context.ts';
import { pageCtx } from '../ui/page-context.ts';
import { translator } from '../../../i18n/index.ts';
import { learnerCookieName } from '../ui/learner-cookie.ts';
import { JoinPage, LessonPage, MessagePage, OverviewPage, QuizPage, ResultPage, UnsubscribePage } from './learn.views.tsx';


const Token = z.object({ token: z.string().min(1).max(100) });
const LessonParams = z.object({ lessonId: z.string().min(1).max(60) });

export function learnRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const cookie = learnerCookieName(deps.config.secureCookies);

    function needLink(request: FastifyRequest, reply: FastifyReply, status = 401) {
      const t = request.t;
      return sendPage(reply, <MessagePage ctx={pageCtx(request)} title={t('training.learn.link_invalid')} text={t('training.learn.need_link')} />, status);
    }
    async function learner(request: FastifyRequest) {
      return learnerFromCookie(deps, request.cookies[cookie]);
    }

    // The magic link shows a welcome page with one button; the POST signs in. Link scanners in mail systems open
    // every link with GET: they must not count as "joined" nor receive the learner cookie.
    app.get('/learn/:token', { config: { access: PUBLIC } }, async (request, reply) => {
      const p = Token.safeParse(request.params);
      const found = p.success ? await findByMagicToken(deps, p.data.token) : null;
      if (!found) return needLink(request, reply, 404);
      if (isLocale(found.person.language)) {
        request.locale = found.person.language;
        request.t = translator(found.person.language);
      }
      return sendPage(reply, <JoinPage ctx={pageCtx(request)} company={found.companyName} action={`/learn/${p.data!.token}`} />);
    });

    app.post('/learn/:token', { config: { access: PUBLIC } }, async (request, reply) => {
      const p = Token.safeParse(request.params);
      const joined = p.success ? await joinByToken(deps, p.data.token) : null;
      if (!joined) return needLink(request, reply, 404);
      reply.setCookie(cookie, joined.cookie, cookieOptions(deps, LEARNER_SESSION_DAYS * 86_400));
      const lang = isLocale(joined.person.language) ? joined.person.language : request.locale;
      return reply.redirect(`/${lang}/learn`, 303);
    });

    /** The learner of the cookie and the lesson of the URL: 'no_link' without a valid learner, undefined for an unknown lesson. */
    async function learnerLesson(request: FastifyRequest) {
      const l = await learner(request);
      if (!l) return 'no_link' as const;
      const p = LessonParams.safeParse(request.params);
      const lesson = p.success ? findLesson(p.data.lessonId) : undefined;
      return lesson ? { l, lesson } : undefined;
    }

    app.get('/:lang/learn', { config: { access: PUBLIC } }, async (request, reply) => {
      const l = await learner(request);
      if (!l) return needLink(request, reply);
      return sendPage(reply, <OverviewPage ctx={pageCtx(request)} o={await learnerOverview(deps, l.learner)} />);
    });

    app.get('/:lang/learn/lessons/:lessonId', { config: { access: PUBLIC } }, async (request, reply) => {
      const found = await learnerLesson(request);
      if (found === 'no_link') return needLink(request, reply);
      if (!found) return reply.callNotFound();
      const { l, lesson } = found;
      await startLesson(deps, l.learner, lesson.id);
      return sendPage(reply, <LessonPage ctx={pageCtx(request)} lesson={lesson} />);
    });

    app.get('/:lang/learn/lessons/:lessonId/quiz', { config: { access: PUBLIC } }, async (request, reply) => {
      const found = await learnerLesson(request);
      if (found === 'no_link') return needLink(request, reply);
      if (!found) return reply.callNotFound();
      const { l, lesson } = found;
      await startLesson(deps, l.learner, lesson.id);
      return sendPage(reply, <QuizPage ctx={pageCtx(request)} lesson={lesson} />);
    });

    app.post('/:lang/learn/lessons/:lessonId/quiz', { config: { access: PUBLIC } }, async (request, reply) => {
      const found = await learnerLesson(request);
      if (found === 'no_link') return needLink(request, reply);
      if (!found) return reply.callNotFound();
      const { l, lesson } = found;
      // Answers are checked here, never in the page; anything that is not a choice number counts as no answer.
      const body = (request.body ?? {}) as Record<string, unknown>;
      const given = lesson.i18n.en.quiz.map((_, i) => {
        const v = body[`q${i}`];
        return typeof v === 'string' && /^[0-2]$/.test(v) ? Number(v) : null;
      });
      const { result, newBadges, pointsGained } = await submitQuiz(deps, l.learner, lesson, given);
      return sendPage(reply, <ResultPage ctx={pageCtx(request)} lesson={lesson} result={result} newBadges={newBadges} pointsGained={pointsGained} />);
    });

    // Unsubscribe: the link in every nudge. GET only shows a confirmation form (mail scanners follow links); the
    // POST unsubscribes. The one-click variant of RFC 8058 is the API route /api/v1/training/unsubscribe/:token.
    app.get('/learn/unsubscribe/:token', { config: { access: PUBLIC } }, async (request, reply) => {
      const p = Token.safeParse(request.params);
      const found = p.success ? await findByUnsubscribeToken(deps, p.data.token) : null;
      if (!found) return needLink(request, reply, 404);
      const lang = isLocale(found.person.language) ? found.person.language : request.locale;
      return reply.redirect(`/${lang}/learn/unsubscribe/${p.data!.token}`, 303);
    });

    app.get('/:lang/learn/unsubscribe/:token', { config: { access: PUBLIC } }, async (request, reply) => {
      const p = Token.safeParse(request.params);
      const found = p.success ? await findByUnsubscribeToken(deps, p.data.token) : null;
      if (!found) return needLink(request, reply, 404);
      return sendPage(reply, <UnsubscribePage ctx={pageCtx(request)} action={`/${request.locale}/learn/unsubscribe/${p.data!.token}`} done={!!found.learner.unsubscribedAt} />);
    });

    app.post('/:lang/learn/unsubscribe/:token', { config: { access: PUBLIC } }, async (request, reply) => {
      const p = Token.safeParse(request.params);
      if (!p.success || !(await unsubscribe(deps, p.data.token))) return needLink(request, reply, 404);
      return sendPage(reply, <UnsubscribePage ctx={pageCtx(request)} action="" done />);
    });
  };
}
