/**
 * `npm run bench:stats`: the figures at scale (issue 11). Per engine, in one run:
 *
 *   1. `seedSynthetic` writes N synthetic companies (seeded: same data every run) with their assessments, answers and
 *      incidents; timed.
 *   2. `refreshFigures` rebuilds the pre-aggregated tables (what the worker job and `schild stats refresh` do); timed.
 *   3. Dashboard-style reads, each timed per call (warm-up thrown away, then BENCH_STATS_QUERIES calls):
 *      - the peers query of "compare with similar companies" (`findPeerGroup`, one group per call, cycling through
 *        every NACE section × size band);
 *      - one aggregate cell query: every cell of one measure in the current quarter (what one dashboard chart reads);
 *      - one public dashboard request's reads (one NACE section: its stored cells and its size × region grid);
 *      - `listAggregateCells(db, quarter)`: the whole quarter, as the open-data release reads it;
 *      - dashboard requests through the whole web stack (`app.inject`: routing, access, validation, the read, the
 *        figures layer with its suppression, rendering): GET /api/v1/statistics and the page /en/statistics, each
 *        cycling through the NACE sections, and GET /api/v1/statistics/measures;
 *      and beside them, in the same run, a raw `SELECT COUNT(*)` over `companies`, over `assessment_answers`, over
 *      `stats_cells` and over `stats_dashboard_cells`.
 *
 * Engines: SQLite (a temporary file) and PostgreSQL (a throw-away server started like the test suite's, on
 * 127.0.0.1/a socket only). Knobs: BENCH_STATS_SQLITE (companies, 100000), BENCH_STATS_PG (companies, 100000; 0 skips),
 * BENCH_STATS_QUERIES (200), BENCH_NO_README=1 to leave bench/README.md alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { sql } from 'kysely';
import { refreshFigures } from '../../src/app/statistics.ts';
import { seedSynthetic } from '../../src/app/synthetic.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { SIZE_BANDS } from '../../src/core/stats/cells.ts';
import { quarterOf } from '../../src/core/stats/dimensions.ts';
import { SECTION_WEIGHTS } from '../../src/core/stats/synthetic.ts';
import { findPeerGroup, listAggregateCells } from '../../src/db/repositories/stats.repository.ts';
import { listCompanyGrid, listSelectionCells } from '../../src/db/repositories/stats-dashboard.repository.ts';
import { bootstrap } from '../../src/entrypoints/bootstrap.ts';
import { buildApp } from '../../src/http/app.ts';
import { startPostgres, createDatabase } from '../../test/support/postgres.ts';
import { fmt, intEnv, machine, writeReadmeSection } from '../http/run.ts';

const SQLITE_N = Number(process.env.BENCH_STATS_SQLITE ?? 100_000);
const PG_N = Number(process.env.BENCH_STATS_PG ?? 100_000);
const QUERIES = intEnv('BENCH_STATS_QUERIES', 200);
const WARMUP = 20;

interface Timing {
  p50: number;
  p95: number;
}

async function timed(fn: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // Nearest rank.
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

interface EngineResult {
  engine: string;
  companies: number;
  rows: { answers: number; incidents: number; cells: number };
  seedSeconds: number;
  refreshSeconds: number;
  reads: [string, Timing][];
}

async function runEngine(engine: 'sqlite' | 'postgres', companies: number, database: Config['database'], dataDir: string): Promise<EngineResult> {
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00', LOG_LEVEL: 'silent', SYNTHETIC_DATA: '1' }), database, inProcessWorker: false };
  const runtime = await bootstrap({ config, log: pino({ level: 'silent' }) });
  const { deps } = runtime;
  let closeApp: () => Promise<unknown> = async () => undefined;
  try {
    console.log(`[${engine}] seeding ${companies} synthetic companies…`);
    let t = performance.now();
    let last = 0;
    await seedSynthetic(deps, runtime.content, {
      companies,
      seed: 2026,
      asOf: new Date('2026-12-01T00:00:00Z'),
      onProgress: (done) => {
        if (done - last >= companies / 10 || done === companies) {
          last = done;
          console.log(`[${engine}]   ${done}/${companies} (${fmt((performance.now() - t) / 1000, 1)} s)`);
        }
      },
    });
    const seedSeconds = (performance.now() - t) / 1000;
    console.log(`[${engine}] refreshing…`);
    t = performance.now();
    const outcome = await refreshFigures(deps, runtime.content.nace);
    const refreshSeconds = (performance.now() - t) / 1000;
    if (!outcome || outcome.companies !== companies) throw new Error(`refresh counted ${outcome?.companies} companies, expected ${companies}`);
    const quarter = quarterOf(deps.clock.now().toISOString());
    const groups = Object.keys(SECTION_WEIGHTS).flatMap((s) => SIZE_BANDS.map((b) => [s, b] as const));
    const count = (table: 'companies' | 'assessment_answers' | 'stats_cells' | 'stats_dashboard_cells') => sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(deps.db);
    const n = async (table: 'assessment_answers' | 'incidents' | 'stats_cells') => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(deps.db)).rows[0]!.n);
    const rows = { answers: await n('assessment_answers'), incidents: await n('incidents'), cells: await n('stats_cells') };
    console.log(`[${engine}] timing reads…`);
    const app = await buildApp(deps, { nace: runtime.content.nace, assessment: runtime.content.assessment, incidents: runtime.content.incidents, scanMessages: runtime.content.scanMessages });
    closeApp = () => app.close();
    const sections = Object.keys(SECTION_WEIGHTS);
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    const reads: [string, Timing][] = [
      ['peers query (one NACE section × size band)', await timed((i) => findPeerGroup(deps.db, groups[i % groups.length]![0], groups[i % groups.length]![1]))],
      ['one aggregate cell query (a measure in the quarter)', await timed(() => deps.db.selectFrom('stats_cells').selectAll().where('quarter', '=', quarter).where('measure', '=', 'assessed').execute())],
      // What one public dashboard request reads (src/app/statistics-dashboard.ts): a selection's cells and its grid.
      ['public dashboard (one NACE section: selection cells + size × region grid)', await timed(async (i) => {
        const k = { naceSection: groups[i % groups.length]![0], naceDivision: null, sizeBand: null, region: null };
        return Promise.all([listSelectionCells(deps.db, k), listCompanyGrid(deps.db, quarter, k)]);
      })],
      ['`listAggregateCells(db, quarter)` (whole quarter)', await timed(() => listAggregateCells(deps.db, quarter))],
      ['GET /api/v1/statistics?naceSection=… (dashboard JSON)', await timed((i) => get(`/api/v1/statistics?naceSection=${sections[i % sections.length]}`))],
      ['GET /en/statistics?naceSection=… (dashboard page)', await timed((i) => get(`/en/statistics?naceSection=${sections[i % sections.length]}`))],
      ['GET /api/v1/statistics (all of Belgium)', await timed(() => get('/api/v1/statistics'))],
      ['GET /api/v1/statistics/measures (effectiveness)', await timed(() => get('/api/v1/statistics/measures'))],
      ['raw `COUNT(*)` over `companies`', await timed(() => count('companies'))],
      ['raw `COUNT(*)` over `assessment_answers`', await timed(() => count('assessment_answers'))],
      ['raw `COUNT(*)` over `stats_cells`', await timed(() => count('stats_cells'))],
      ['raw `COUNT(*)` over `stats_dashboard_cells`', await timed(() => count('stats_dashboard_cells'))],
    ];
    return { engine, companies, rows, seedSeconds, refreshSeconds, reads };
  } finally {
    await closeApp();
    await runtime.close();
  }
}

function report(results: EngineResult[]): string {
  const out: string[] = [`Run on ${new Date().toISOString().slice(0, 10)}: ${machine()}. ${QUERIES} timed calls per read after ${WARMUP} thrown away; times in ms (nearest rank).`, ''];
  for (const r of results) {
    out.push(`**${r.engine}**: ${r.companies.toLocaleString('en')} companies, ${r.rows.answers.toLocaleString('en')} answers, ${r.rows.incidents.toLocaleString('en')} incidents → ${r.rows.cells.toLocaleString('en')} cells. Seed ${fmt(r.seedSeconds, 1)} s; refresh ${fmt(r.refreshSeconds, 1)} s.`, '');
    const base = r.reads.find(([k]) => k.includes('`companies`'))![1];
    out.push('| Read | p50 | p95 | p95 vs raw COUNT(*) over companies |', '| --- | --- | --- | --- |');
    for (const [k, v] of r.reads) out.push(`| ${k} | ${fmt(v.p50, 2)} | ${fmt(v.p95, 2)} | ${fmt(v.p95 / base.p95, 3)} |`);
    out.push('');
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const results: EngineResult[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-stats-'));
  try {
    if (SQLITE_N > 0) results.push(await runEngine('sqlite', SQLITE_N, { kind: 'sqlite', file: path.join(dir, 'bench.db') }, dir));
    if (PG_N > 0) {
      const pg = await startPostgres();
      try {
        const url = await createDatabase(pg.url, 'bench_stats');
        results.push(await runEngine('postgres', PG_N, { kind: 'postgres', url }, dir));
      } finally {
        await pg.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const text = report(results);
  console.log(`\n${text}`);
  if (process.env.BENCH_NO_README !== '1') await writeReadmeSection('stats-results', text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
