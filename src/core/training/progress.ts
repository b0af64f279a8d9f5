/**
 * Gamification that never shames (docs/training.md): points, badges, a forgiving weekly streak, the monthly
 * challenge and team progress. Pure functions over a person's completed lessons; no ranking of individuals exists.
 */
import { LESSON_IDS, PHISHING_LESSONS } from './lessons.ts';

export const POINTS_PER_LESSON = 10;
export const POINTS_PERFECT_QUIZ = 5;
/** Team figures are shown only from this many learners on, so no one's progress can be worked out (small-cell rule). */
export const MIN_GROUP = 5;

export interface Completion {
  lessonId: string;
  completedAt: string; // ISO
  perfect: boolean;
}

export function points(done: readonly Completion[]): number {
  return done.reduce((sum, c) => sum + POINTS_PER_LESSON + (c.perfect ? POINTS_PERFECT_QUIZ : 0), 0);
}

/** Monday 00:00 UTC of the week holding `d`, as a week number since 1970-01-05 (a Monday). */
export function weekIndex(d: Date): number {
  const MONDAY_EPOCH = Date.UTC(1970, 0, 5);
  return Math.floor((d.getTime() - MONDAY_EPOCH) / (7 * 86_400_000));
}

/**
 * Weeks in a row with at least one finished lesson. A single week without a lesson does not break the streak (it
 * just does not count): a holiday or a busy week should not wipe out months of effort. Two empty weeks in a row end
 * it. The current week still being empty does not end it either.
 */
export function streak(done: readonly Completion[], now: Date): number {
  const weeks = new Set(done.map((c) => weekIndex(new Date(c.completedAt))));
  let w = weekIndex(now);
  let count = 0;
  let gap = 0;
  while (w >= 0 && gap < 2) {
    if (weeks.has(w)) {
      count++;
      gap = 0;
    } else gap++;
    w--;
  }
  return count;
}

/** The month's lesson: the same for everyone in a month, rotating through the programme (lessons in order). */
export function monthlyChallenge(lessonIds: readonly string[], now: Date): string {
  if (lessonIds.length === 0) throw new Error('no lessons');
  const months = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return lessonIds[months % lessonIds.length]!;
}

export function monthKey(now: Date): string {
  return now.toISOString().slice(0, 7);
}

export const BADGES = ['first-lesson', 'three-weeks', 'phishing-expert', 'all-lessons', 'monthly-challenge'] as const;
export type Badge = (typeof BADGES)[number];

/**
 * Badges are earned for doing, never lost, and never compare people:
 * first lesson; three weeks in a row; the phishing lessons; all twelve; this month's challenge.
 */
export function badges(done: readonly Completion[], now: Date, challengeId: string): Badge[] {
  const ids = new Set(done.map((c) => c.lessonId));
  const out: Badge[] = [];
  if (ids.size >= 1) out.push('first-lesson');
  if (bestStreak(done) >= 3) out.push('three-weeks');
  if (PHISHING_LESSONS.every((id) => ids.has(id))) out.push('phishing-expert');
  if (LESSON_IDS.every((id) => ids.has(id))) out.push('all-lessons');
  if (done.some((c) => c.lessonId === challengeId && monthKey(new Date(c.completedAt)) === monthKey(now))) out.push('monthly-challenge');
  return out;
}

/** The longest streak ever reached (same forgiving rule), so "three weeks in a row" stays once earned. */
export function bestStreak(done: readonly Completion[]): number {
  const weeks = [...new Set(done.map((c) => weekIndex(new Date(c.completedAt))))].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  let prev: number | undefined;
  for (const w of weeks) {
    run = prev !== undefined && w - prev <= 2 ? run + 1 : 1;
    best = Math.max(best, run);
    prev = w;
  }
  return best;
}

export interface TeamProgress {
  learners: number;
  /** null below MIN_GROUP learners: then no team figure is shown at all. */
  challengeShare: number | null;
  lessonsDone: number | null;
}

/** The team's progress as shares and totals only; never a name or a person's score. */
export function teamProgress(learners: number, didChallenge: number, lessonsDone: number): TeamProgress {
  if (learners < MIN_GROUP) return { learners, challengeShare: null, lessonsDone: null };
  return { learners, challengeShare: Math.round((100 * didChallenge) / learners), lessonsDone };
}
