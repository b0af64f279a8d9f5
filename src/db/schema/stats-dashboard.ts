/** Public analyst dashboards: cells at NACE-division grain with margins only publishable ones: a missing cell is hidden or empty (migration 020). */
export interface StatsDashboardCellsTable {
  nace_section: string; // 'A'..'U' or 'all'
  nace_division: string; // '01'..'99' or 'all'
  size_band: string; // a size band or 'all'
  region: string; // a region or 'all'
  quarter: string;
  measure: string;
  value: number;
  contributors: number;
}
