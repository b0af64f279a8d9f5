/** Public analyst dashboards: cells at NACE-division grain with margins the refresh's hidden flag; a missing cell is empty (migration 020). */
export interface StatsDashboardCellsTable {
  nace_section: string; // 'A'..'U' or 'all'
  nace_division: string; // '01'..'99' or 'all'
  size_band: string; // a size band or 'all'
  region: string; // a region or 'all'
  quarter: string;
  measure: string;
  value: number;
  contributors: number;
  hidden: number; // 1 = never shown (fewer than 10 companies, or hidden to protect such a cell)
}
