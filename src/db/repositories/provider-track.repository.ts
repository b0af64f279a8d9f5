/** Provider training track progress (migration 025, provider_track_progress): one row per staff member and lesson passed. */
import { trackCompleted } from '../../core/providers/track.ts';
import type { Conn } from './types.ts';

export interface TrackPass {
  userId: string;
  lessonId: string;
  score: number;
  passedAt: string;
}

/**
 * Records a pass and keeps the best score: a first pass inserts the row; a later, higher score replaces score and
 * passed_at (the moment the best score was reached); a lower or equal score changes nothing. Returns whether the
 * row was inserted or improved. Two statements valid on SQLite and PostgreSQL; run it inside a transaction.
 */
export async function recordTrackPass(db: Conn, r: { organisationId: string; userId: string; lessonId: string; score: number; now: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('provider_track_progress')
    .values({ organisation_id: r.organisationId, user_id: r.userId, lesson_id: r.lessonId, score: r.score, passed_at: r.now })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id', 'lesson_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  const updated = await db
    .updateTable('provider_track_progress')
    .set({ score: r.score, passed_at: r.now })
    .where('organisation_id', '=', r.organisationId)
    .where('user_id', '=', r.userId)
    .where('lesson_id', '=', r.lessonId)
    .where('score', '<', r.score)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** The passes of one person in one organisation. */
export async function listTrackPassesOfUser(db: Conn, organisationId: string, userId: string): Promise<TrackPass[]> {
  const rows = await db
    .selectFrom('provider_track_progress')
    .select(['user_id', 'lesson_id', 'score', 'passed_at'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, lessonId: r.lesson_id, score: Number(r.score), passedAt: r.passed_at }));
}

/**
 * The passes of the organisation's current staff only: someone who left the organisation no longer counts towards
 * its track (the competence left with them). Rows of former staff stay, so a returning person keeps their passes.
 */
export async function listTrackPassesOfStaff(db: Conn, organisationId: string): Promise<TrackPass[]> {
  const rows = await db
    .selectFrom('provider_track_progress as p')
    .innerJoin('organisation_staff as s', (j) => j.onRef('s.organisation_id', '=', 'p.organisation_id').onRef('s.user_id', '=', 'p.user_id'))
    .select(['p.user_id', 'p.lesson_id', 'p.score', 'p.passed_at'])
    .where('p.organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, lessonId: r.lesson_id, score: Number(r.score), passedAt: r.passed_at }));
}

/** Whether one current staff member has passed every lesson of the track (what the directory shows). */
export async function organisationTrackCompleted(db: Conn, organisationId: string): Promise<boolean> {
  const byUser = new Map<string, string[]>();
  for (const p of await listTrackPassesOfStaff(db, organisationId)) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p.lessonId]);
  return [...byUser.values()].some((ids) => trackCompleted(ids));
}
