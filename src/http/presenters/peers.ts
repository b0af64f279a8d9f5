/** "Compare with similar companies" as JSON: `null`, or the group with its median (and quartiles as extra fields). */
import { z } from 'zod';
import { FUNCTIONS, type CsfFunction } from '../../core/assessment/catalog.ts';
import { MIN_CELL_COMPANIES, SIZE_BANDS } from '../../core/stats/cells.ts';
import type { PeerGroup, Quartiles } from '../../core/stats/peers.ts';

const Value = z.number().min(0).max(100).nullable();
const ByFunction = z.object(Object.fromEntries(FUNCTIONS.map((f) => [f, Value])) as Record<CsfFunction, typeof Value>);
const Figures = z.object({ overall: Value, byFunction: ByFunction });

export const PeersSchema = z
  .object({
    sector: z.string().describe('NACE-BEL section letter of the group'),
    sizeBand: z.enum(SIZE_BANDS),
    companies: z.number().int().min(MIN_CELL_COMPANIES).describe('companies in the group with a finished assessment (never fewer than 10)'),
    median: Figures,
    p25: Figures,
    p75: Figures,
  })
  .nullable()
  .meta({ id: 'Peers', description: 'Scores of similar companies (same NACE section and size band); null when fewer than 10 companies stand behind them.' });

export type PeersJson = z.infer<typeof PeersSchema>;

function pick(group: PeerGroup, key: keyof Omit<Quartiles, 'companies'>) {
  return {
    overall: group.quartiles.overall?.[key] ?? null,
    byFunction: Object.fromEntries(FUNCTIONS.map((f) => [f, group.quartiles.byFunction[f]?.[key] ?? null])) as Record<CsfFunction, number | null>,
  };
}

export function presentPeers(group: PeerGroup | null): PeersJson {
  if (!group) return null;
  return { sector: group.naceSection, sizeBand: group.sizeBand, companies: group.companies, median: pick(group, 'median'), p25: pick(group, 'p25'), p75: pick(group, 'p75') };
}
