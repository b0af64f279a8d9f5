/**
 * The training track for IT providers (issue 12): a staff member of an it_provider organisation reads a lesson,
 * answers its quiz and passes at PROVIDER_TRACK_PASS_PERCENT or more. The quiz is personal: every staff role may
 * take it. A pass is stored (best score kept) and audit-logged; the organisation completes the track once one of
 * its current staff has passed every lesson (docs/providers.md).
 */
import type { Organisation } from '../db/repositories/organisation.repository.ts';
import type { User } from '../core/account.ts';
import { listTrackPassesOfStaff, recordTrackPass, type TrackPass } from '../db/repositories/provider-track.repository.ts';
import { scoreTrackQuiz, type ProviderLesson, type TrackQuizResult } from '../core/providers/track-content.ts';
import { PROVIDER_TRACK_LESSON_IDS, trackCompleted } from '../core/providers/track.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps } from './deps.ts';
import { transact } from '../db/transaction.ts';

export interface TrackLessonStatus {
  lesson: ProviderLesson;
  /** The viewer's best passing score, or null when the viewer has not passed it. */
  myScore: number | null;
  /** How many current staff members passed it. */
  passedBy: number;
}

export interface TrackOverview {
  lessons: TrackLessonStatus[];
  myPassed: number;
  myCompleted: boolean;
  /** Completed when one current staff member passed all lessons. */
  organisationCompleted: boolean;
  /** The most lessons any one current staff member has passed. */
  bestProgress: number;
}

/** Only it_provider organisations have the track; for any other kind the pages answer "not found". */
export function hasProviderTrack(org: Organisation): boolean {
  return org.kind === 'it_provider';
}

export function overviewFrom(lessons: readonly ProviderLesson[], passes: readonly TrackPass[], userId: string): TrackOverview {
  const byUser = new Map<string, Set<string>>();
  for (const p of passes) byUser.set(p.userId, (byUser.get(p.userId) ?? new Set()).add(p.lessonId));
  const mine = new Map(passes.filter((p) => p.userId === userId).map((p) => [p.lessonId, p.score]));
  const rows = lessons.map((lesson) => ({
    lesson,
    myScore: mine.get(lesson.id) ?? null,
    passedBy: [...byUser.values()].filter((s) => s.has(lesson.id)).length,
  }));
  const known = new Set<string>(PROVIDER_TRACK_LESSON_IDS);
  const counts = [...byUser.values()].map((s) => [...s].filter((id) => known.has(id)).length);
  return {
    lessons: rows,
    myPassed: rows.filter((r) => r.myScore !== null).length,
    myCompleted: trackCompleted(mine.keys()),
    organisationCompleted: [...byUser.values()].some((s) => trackCompleted(s)),
    bestProgress: Math.max(0, ...counts),
  };
}

export async function trackOverview(deps: AppDeps, org: Organisation, userId: string, lessons: readonly ProviderLesson[]): Promise<TrackOverview> {
  return overviewFrom(lessons, await listTrackPassesOfStaff(deps.db, org.id), userId);
}

export interface SubmittedQuiz {
  result: TrackQuizResult;
  /** True when this attempt was stored: a first pass, or a better score than the one kept. */
  stored: boolean;
}

/** Scores a complete set of answers; a pass is audit-logged and stored (best score kept) in one transaction. */
export async function submitTrackQuiz(deps: AppDeps, org: Organisation, user: User, lesson: ProviderLesson, given: readonly number[], meta: RequestMeta): Promise<SubmittedQuiz> {
  const result = scoreTrackQuiz(lesson, given);
  if (!result.passed) return { result, stored: false };
  const now = deps.clock.now().toISOString();
  const stored = await transact(deps.db, async (trx) => {
    const changed = await recordTrackPass(trx, { organisationId: org.id, userId: user.id, lessonId: lesson.id, score: result.percent, now });
    // Every pass is logged; `stored` says whether it became the kept (best) score.
    await audit(deps, trx, { type: 'provider_track.lesson_passed', organisationId: org.id, userId: user.id, ip: meta.ip, detail: { lessonId: lesson.id, score: result.percent, stored: changed } });
    return changed;
  });
  return { result, stored };
}
