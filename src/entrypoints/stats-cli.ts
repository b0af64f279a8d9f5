/** `schild stats release [--quarter 2026-Q4] [--epsilon 1]`: builds and stores the open-data release of a quarter. */
import { parseArgs } from 'node:util';
import { cryptoRandomInt } from '../adapters/random.ts';
import type { AppDeps } from '../app/deps.ts';
import { publishOpenDataRelease, type CellSource } from '../app/open-data.ts';
import { MAX_EPSILON } from '../core/stats/open-data.ts';
import { listAggregateCells } from '../db/repositories/stats.repository.ts';
import type { Runtime } from './bootstrap.ts';

const USAGE = `Usage: schild stats release [--quarter 2026-Q4] [--epsilon 1]
  Builds the open-data release of a quarter (default: the last quarter that has ended) from the statistics
  aggregates, with differential-privacy budget ε (default 1, at most ${MAX_EPSILON}), and stores it for good.
  A quarter is published once: a second release would spend the privacy budget again.`;

/** The aggregates: listAggregateCells of the pre-aggregated statistics tables (src/db/repositories/stats.repository.ts). */
export async function aggregateCellSource(deps: Pick<AppDeps, 'db'>): Promise<CellSource | null> {
  return (quarter) => listAggregateCells(deps.db, quarter);
}

export interface StatsCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: StatsCliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/**
 * Runs the command on an open runtime. `source` replaces the aggregates (tests use made-up cells); without it the
 * statistics repository is used.
 */
export async function runStatsCli(args: string[], opts: { runtime?: Runtime; source?: CellSource; io?: StatsCliIo } = {}): Promise<number> {
  const io = opts.io ?? consoleIo;
  const [sub, ...rest] = args;
  if (sub !== 'release') {
    io.err(USAGE);
    return 2;
  }
  let values: { quarter?: string | undefined; epsilon?: string | undefined };
  try {
    values = parseArgs({ args: rest, options: { quarter: { type: 'string' }, epsilon: { type: 'string' } } }).values;
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const runtime = opts.runtime ?? (await (await import('./bootstrap.ts')).bootstrap());
  try {
    const source = opts.source ?? (await aggregateCellSource(runtime.deps));
    if (!source) {
      io.err('The statistics aggregates are not available in this version (src/db/repositories/stats.repository.ts is missing).');
      return 1;
    }
    const result = await publishOpenDataRelease(runtime.deps, source, {
      ...(values.quarter !== undefined ? { quarter: values.quarter } : {}),
      ...(values.epsilon !== undefined ? { epsilon: values.epsilon } : {}),
      random: cryptoRandomInt,
    });
    if (!result.ok) {
      const message = {
        bad_quarter: `"${values.quarter}" is not a quarter; write it like 2026-Q4.`,
        bad_epsilon: `"${values.epsilon}" is not a valid ε; give a number above 0 and at most ${MAX_EPSILON}, e.g. 1 or 0.5.`,
        release_exists: 'This quarter has been published already. A release never changes: publishing it again would spend the privacy budget twice.',
      }[result.error];
      io.err(message);
      return result.error === 'release_exists' ? 1 : 2;
    }
    io.out(`Open-data release ${result.release} is published (ε = ${result.epsilon}): ${result.rows} rows, ${result.hidden} hidden by the small-cell rules.`);
    io.out(`  /api/v1/open-data/${result.release}.json and .csv`);
    return 0;
  } finally {
    if (!opts.runtime) await runtime.close();
  }
}
