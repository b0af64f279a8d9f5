/**
 * The training track of an IT provider's staff: /:lang/orgs/:orgId/track (the lessons, the viewer's and the
 * organisation's status) and /:lang/orgs/:orgId/track/:lessonId (the lesson and its quiz; POST scores it). Any
 * staff role may read and take the quiz, as it is personal. Other kinds of organisation have no track: 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { hasProviderTrack, submitTrackQuiz, trackOverview } from '../../../app/provider-track.ts';
import { findProviderLesson, parseQuizAnswers, type ProviderLesson } from '../../../core/providers/track-content.ts';
import { listTrackPassesOfUser } from '../../../db/repositories/provider-track.repository.ts';
import { org } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { requestMeta } from '../ui/request.ts';
import { LessonPage, ResultPage, TrackPage } from './track.views.tsx';

const LessonParams = z.object({ lessonId: z.string().min(1).max(60) });

export function providerTrackRoutes(deps: AppDeps, lessons: readonly ProviderLesson[]) {
  return async function (app: FastifyInstance): Promise<void> {
    /** The organisation of the URL when it has a track, and the lesson of the URL when one is asked for. */
    function target(request: FastifyRequest): { lesson: ProviderLesson | undefined } | null {
      if (!hasProviderTrack(request.organisation!)) return null;
      const p = LessonParams.safeParse(request.params);
      return { lesson: p.success ? findProviderLesson(lessons, p.data.lessonId) : undefined };
    }

    async function myScore(request: FastifyRequest, lessonId: string): Promise<number | null> {
      const mine = await listTrackPassesOfUser(deps.db, request.organisation!.id, request.user!.id);
      return mine.find((m) => m.lessonId === lessonId)?.score ?? null;
    }

    app.get('/:lang/orgs/:orgId/track', { config: { access: org('view') } }, async (request, reply) => {
      if (!target(request)) return reply.callNotFound();
      const overview = await trackOverview(deps, request.organisation!, request.user!.id, lessons);
      return sendPage(reply, <TrackPage ctx={pageCtx(request)} org={request.organisation!} overview={overview} />);
    });

    app.get('/:lang/orgs/:orgId/track/:lessonId', { config: { access: org('view') } }, async (request, reply) => {
      const lesson = target(request)?.lesson;
      if (!lesson) return reply.callNotFound();
      return sendPage(reply, <LessonPage ctx={pageCtx(request)} org={request.organisation!} lesson={lesson} myScore={await myScore(request, lesson.id)} />);
    });

    app.post('/:lang/orgs/:orgId/track/:lessonId', { config: { access: org('view') } }, async (request, reply: FastifyReply) => {
      const lesson = target(request)?.lesson;
      if (!lesson) return reply.callNotFound();
      const parsed = parseQuizAnswers(lesson, request.body);
      if (!parsed.ok) {
        // Every question needs exactly one answer; the page comes back with the given answers kept, nothing stored.
        const body = (request.body ?? {}) as Record<string, unknown>;
        const values = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => /^q\d$/.test(e[0]) && typeof e[1] === 'string'));
        const errors = Object.fromEntries(parsed.missing.map((i) => [`q${i}`, request.t('ptrack.quiz.missing')]));
        const page = <LessonPage ctx={pageCtx(request)} org={request.organisation!} lesson={lesson} myScore={await myScore(request, lesson.id)} errors={errors} values={values} />;
        return sendPage(reply, page, 400);
      }
      const { result, stored } = await submitTrackQuiz(deps, request.organisation!, request.user!, lesson, parsed.given, requestMeta(request));
      return sendPage(reply, <ResultPage ctx={pageCtx(request)} org={request.organisation!} lesson={lesson} result={result} stored={stored} />);
    });
  };
}
