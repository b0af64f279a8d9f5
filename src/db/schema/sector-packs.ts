/** Sector packs of federations and the answers to their questions (migration 018). */

export interface SectorPacksTable {
  id: string;
  organisation_id: string;
  version: number;
  status: string; // 'draft' | 'submitted' | 'returned' | 'published'
  content: string; // JSON PackContent
  review_note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export interface AssessmentPackAnswersTable {
  assessment_id: string;
  organisation_id: string;
  pack_version: number;
  question_id: string;
  answer: string; // 'yes' | 'partly' | 'no' | 'unknown'
  updated_by: string | null;
  updated_at: string;
}

export interface SectorPackFiguresTable {
  organisation_id: string;
  pack_version: number;
  question_id: string;
  companies: number; // counting members that answered the question in their latest assessment
  yes_count: number;
  refreshed_at: string;
}
