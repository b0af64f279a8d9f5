/**
 * Publishing an open-data release: load the aggregates of a quarter, build the release in the core (suppression,
 * then noise), store it once. Shared by the CLI (`schild stats release`) and any future worker job.
 */
import type { AggregateCell } from '../core/stats/cells.ts';
import type { RandomInt } from '../core/stats/discrete-laplace.ts';
import { buildOpenDataRelease, previousQuarter, releaseInputProblem, type OpenDataRelease } from '../core/stats/open-data.ts';
import { insertRelease, releaseExists } from '../db/repositories/open-data.repository.ts';
import type { AppDeps, Result } from './deps.ts';

/** Where the aggregates come from: src/db/repositories/stats.repository.ts#listAggregateCells (issue 11, H8). */
export type CellSource = (quarter: string) => Promise<AggregateCell[]>;

/** The public JSON document of a release (docs/open-data.schema.json). */
export function releaseDocument(r: OpenDataRelease): { release: string; epsilon: number; method: string; rows: OpenDataRelease['rows'] } {
  return { release: r.release, epsilon: r.epsilon, method: r.method, rows: r.rows };
}

export async function publishOpenDataRelease(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  source: CellSource,
  opts: { quarter?: string; epsilon?: string; random: RandomInt },
): Promise<Result<{ release: string; rows: number; hidden: number; epsilon: number }, 'bad_quarter' | 'bad_epsilon' | 'release_exists'>> {
  const quarter = opts.quarter ?? previousQuarter(deps.clock.now());
  const epsilon = opts.epsilon ?? '1';
  // Check before building: a second release of the same quarter would spend the privacy budget again.
  const problem = releaseInputProblem(quarter, epsilon);
  if (problem) return { ok: false, error: problem };
  if (await releaseExists(deps.db, quarter)) return { ok: false, error: 'release_exists' };
  const built = buildOpenDataRelease({ quarter, epsilon, cells: await source(quarter), random: opts.random });
  if ('problem' in built) return { ok: false, error: built.problem };
  const stored = await insertRelease(deps.db, {
    release: built.release,
    quarter: built.quarter,
    epsilon,
    method: built.method,
    sensitivity: built.sensitivity,
    rowCount: built.rows.length,
    body: JSON.stringify(releaseDocument(built)),
    createdAt: deps.clock.now().toISOString(),
  });
  if (stored === 'exists') return { ok: false, error: 'release_exists' };
  return { ok: true, release: built.release, rows: built.rows.length, hidden: built.rows.filter((r) => r.value === null).length, epsilon: built.epsilon };
}
