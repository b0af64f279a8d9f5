/** Micro-training: learners, lesson progress and nudges sent (migration 012). */

export interface TrainingLearnersTable {
  id: string;
  company_id: string;
  person_id: string;
  token_hash: string; // sha256 of the magic-link token
  unsubscribe_hash: string; // sha256 of the unsubscribe token
  invited_at: string;
  joined_at: string | null;
  revoked_at: string | null;
  unsubscribed_at: string | null;
}

export interface TrainingProgressTable {
  learner_id: string;
  lesson_id: string;
  started_at: string;
  completed_at: string | null;
  perfect: number;
}

export interface TrainingNudgesTable {
  learner_id: string;
  kind: string; // 'tip' | 'reminder'
  key: string; // month YYYY-MM for a tip, lesson id for a reminder
  created_at: string;
}
