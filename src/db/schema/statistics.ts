/** Figures: pre-aggregated statistics (migration 015) and open-data releases (migration 016). */

/** One counted company, as of the last statistics refresh (015). Scores are those of its latest finished assessment. */
export interface StatsCompaniesTable {
  company_id: string;
  nace_section: string;
  nace_division: string;
  size_band: string;
  region: string;
  synthetic: number;
  joined_at: string; // the company's created_at
  first_assessed_at: string | null; // its first finished assessment
  assessment_id: string | null;
  assessed_at: string | null;
  score_overall: number | null;
  score_govern: number | null;
  score_identify: number | null;
  score_protect: number | null;
  score_detect: number | null;
  score_respond: number | null;
  score_recover: number | null;
}

export interface StatsCellsTable {
  quarter: string;
  measure: string;
  nace_section: string;
  size_band: string;
  region: string;
  value: number;
  contributors: number;
}

export interface StatsPeerGroupsTable {
  nace_section: string;
  size_band: string;
  companies: number;
  quartiles: string; // JSON PeerQuartiles
}

export interface StatsRefreshTable {
  id: number;
  refreshed_at: string | null;
  quarter: string | null;
  companies: number;
  next_run_at: string | null;
}

/** A published open-data release, stored whole with its noise (migration 016). */
export interface OpenDataReleasesTable {
  release: string;
  quarter: string;
  epsilon: string; // exact decimal text, e.g. '1' or '0.5'
  method: string;
  sensitivity: number;
  row_count: number;
  body: string; // the JSON document served at /api/v1/open-data/{release}.json
  created_at: string;
}
