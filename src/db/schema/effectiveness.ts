/** Effectiveness of measures (migration 021): counts per control, rebuilt by the statistics refresh. */
export interface StatsEffectivenessTable {
  control_id: string;
  n_with: number; // companies that answered "yes"
  events_with: number; // of them, with at least one counted incident in the year after
  n_without: number; // companies that answered "no" or "partly"
  events_without: number;
}
