/**
 * What the sector risk report reads: the public pre-aggregated cells and the counted companies' scores, for a set of
 * NACE sections. Never the live tables (docs/statistics.md, "Sector risk report").
 */
import { sql } from 'kysely';
import { FUNCTIONS } from '../../core/assessment/catalog.ts';
import type { Histogram } from '../../core/stats/peers.ts';
import type { QuarterCell } from '../../core/stats/sector-report.ts';
import type { Conn } from './types.ts';

/** Incident cells of the given quarters, summed over size band and region for the sections. */
export async function incidentCells(db: Conn, sections: readonly string[], quarters: readonly string[]): Promise<QuarterCell[]> {
  if (sections.length === 0 || quarters.length === 0) return [];
  const rows = await db
    .selectFrom('stats_cells')
    .select(['quarter', 'measure', (eb) => eb.fn.sum<number>('value').as('value'), (eb) => eb.fn.sum<number>('contributors').as('contributors')])
    .where('nace_section', 'in', [...sections])
    .where('quarter', 'in', [...quarters])
    .where((eb) => eb.or([eb('measure', '=', 'incidents'), eb('measure', 'like', 'incident:%')]))
    .groupBy(['quarter', 'measure'])
    .execute();
  return rows.map((r) => ({ quarter: r.quarter, measure: r.measure, value: Number(r.value), contributors: Number(r.contributors) }));
}

/** Answers per control in one quarter's snapshot of the latest assessments: control id → answer → companies. */
export async function controlAnswers(db: Conn, sections: readonly string[], quarter: string): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (sections.length === 0) return out;
  const rows = await db
    .selectFrom('stats_cells')
    .select(['measure', (eb) => eb.fn.sum<number>('contributors').as('n')])
    .where('nace_section', 'in', [...sections])
    .where('quarter', '=', quarter)
    .where('measure', 'like', 'control:%')
    .groupBy('measure')
    .execute();
  for (const r of rows) {
    const [, controlId, answer] = r.measure.split(':');
    if (!controlId || !answer) continue;
    const a = out.get(controlId) ?? {};
    a[answer] = Number(r.n);
    out.set(controlId, a);
  }
  return out;
}

/** Score histograms (overall and per CSF function) of the counted, assessed companies of the sections. */
export async function scoreHistograms(db: Conn, sections: readonly string[]): Promise<Map<string, Histogram>> {
  const out = new Map<string, Histogram>();
  if (sections.length === 0) return out;
  for (const k of ['overall', ...FUNCTIONS]) {
    const col = sql.ref(`score_${k}`);
    const rows = await sql<{ score: number; n: number }>`
      select ${col} as score, count(*) as n from stats_companies
      where assessment_id is not null and ${col} is not null and nace_section in (${sql.join([...sections])})
      group by ${col}`.execute(db);
    out.set(k, new Map(rows.rows.map((r) => [Number(r.score), Number(r.n)])));
  }
  return out;
}
