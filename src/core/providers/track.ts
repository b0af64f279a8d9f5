/**
 * The training track for IT providers (issue 12): technical lessons on what Schild asks of them. A staff member
 * completes the track by passing the quiz of every lesson; an organisation shows "track completed" in the directory
 * once at least one of its staff has. Lesson content lives in content/training/provider-track/<id>.json.
 */
export const PROVIDER_TRACK_LESSON_IDS = [
  'm365-hardening',
  'workspace-hardening',
  'ransomware-proof-backups',
  'two-step-rollout',
  'incident-first-response',
] as const;
export type ProviderTrackLessonId = (typeof PROVIDER_TRACK_LESSON_IDS)[number];

/** Share of quiz questions a provider must get right to pass a lesson (these are professionals: 80 %). */
export const PROVIDER_TRACK_PASS_PERCENT = 80;

export function isProviderTrackLessonId(v: unknown): v is ProviderTrackLessonId {
  return typeof v === 'string' && (PROVIDER_TRACK_LESSON_IDS as readonly string[]).includes(v);
}

/** Completed when every lesson of the track has a passing row. */
export function trackCompleted(passedLessonIds: Iterable<string>): boolean {
  const passed = new Set(passedLessonIds);
  return PROVIDER_TRACK_LESSON_IDS.every((id) => passed.has(id));
}
