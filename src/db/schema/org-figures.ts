/** An organisation's pre-aggregated figures (migration 022). */

export interface StatsOrgCellsTable {
  organisation_id: string;
  quarter: string;
  measure: string; // e.g. 'members', 'counting', 'assessed', 'control:<id>:<answer>', 'gap:<id>', 'incident:rsit:<class>'
  value: number;
  contributors: number; // distinct companies behind the value
}

export interface StatsOrgScoresTable {
  organisation_id: string;
  kind: string; // 'overall' | CSF function
  score: number;
  companies: number;
}

export interface StatsOrgRefreshTable {
  organisation_id: string;
  refreshed_at: string;
  quarter: string;
}

/** Migration 024: the contributions behind an organisation's published snapshot, per measure family. */
export interface StatsOrgContributionsTable {
  organisation_id: string;
  family: string; // 'answers' | 'incidents'; 'next:<family>' only inside a running refresh
  company_id: string;
  token: string; // what the company contributed: its assessment and when it last changed, or its counted incidents
}

/** Migration 024: when each family's shown snapshot was published, and how many companies changed since. */
export interface StatsOrgPublishedTable {
  organisation_id: string;
  family: string;
  published_at: string;
  quarter: string;
  pending: number;
}
