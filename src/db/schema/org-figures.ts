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
