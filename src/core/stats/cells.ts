export const SIZE_BANDS = ['0', '1-9', '10-49', '50-249'] as const;      // employees; 0 = self-employed alone
export const REGIONS = ['flanders', 'wallonia', 'brussels', 'unknown'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export type Region = (typeof REGIONS)[number];
/** One aggregate: how many companies (contributors) stand behind `value` for one combination of dimensions. */
export interface AggregateCell {
  naceSection: string;   // 'A'..'U'
  sizeBand: SizeBand;
  region: Region;
  quarter: string;       // '2026-Q4'
  measure: string;       // e.g. 'companies', 'assessed', 'control:<id>:yes', 'incident:rsit:<class>', 'incident:category:<c>'
  value: number;         // a count
  contributors: number;  // distinct companies counted (for small-cell rules)
}
export const MIN_CELL_COMPANIES = 10;
