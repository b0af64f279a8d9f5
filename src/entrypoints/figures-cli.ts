/** `schild seed-synthetic` and `schild stats refresh` (the open-data release is in stats-cli.ts). */
import { parseArgs } from 'node:util';
import { refreshFigures } from '../app/statistics.ts';
import { seedSynthetic } from '../app/synthetic.ts';
import { bootstrap } from './bootstrap.ts';

const SEED_USAGE = 'Usage: schild seed-synthetic --companies N [--seed S]   (N from 1 to 2,000,000; S a whole number, default 1)';

export async function runSeedSynthetic(args: string[]): Promise<number> {
  let values: { companies?: string; seed?: string };
  try {
    ({ values } = parseArgs({ args, options: { companies: { type: 'string' }, seed: { type: 'string', default: '1' } } }));
  } catch {
    console.error(SEED_USAGE);
    return 2;
  }
  const companies = Number(values.companies);
  const seed = Number(values.seed);
  if (!Number.isInteger(companies) || companies < 1 || companies > 2_000_000 || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    console.error(SEED_USAGE);
    return 2;
  }
  // Made-up companies must never reach a production database (docs/operations.md).
  if (process.env.NODE_ENV === 'production') {
    console.error('seed-synthetic makes made-up companies for tests and demos and is refused in production.');
    return 2;
  }
  const runtime = await bootstrap();
  try {
    const started = Date.now();
    const result = await seedSynthetic(runtime.deps, runtime.content, {
      companies,
      seed,
      onProgress: (done, total) => process.stderr.write(`[${done}/${total}] synthetic companies written (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
    });
    if (!result.ok) {
      console.error('This deployment does not allow synthetic data. Set SYNTHETIC_DATA=1 on a demo or test deployment (never in production).');
      return 2;
    }
    console.log(`${result.companies} synthetic companies written in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed}). Run "schild stats refresh" to count them.`);
    return 0;
  } finally {
    await runtime.close();
  }
}

export async function runStats(args: string[]): Promise<number> {
  if (args[0] !== 'refresh') {
    console.error('Usage: schild stats refresh');
    return 2;
  }
  const runtime = await bootstrap();
  try {
    const started = Date.now();
    const outcome = await refreshFigures(runtime.deps, runtime.content.nace);
    if (!outcome) {
      console.error('Another refresh is running; try again when it has finished.');
      return 1;
    }
    console.log(`Statistics refreshed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcome.companies} companies counted, ${outcome.cells} cells, ${outcome.peerGroups} peer groups.`);
    return 0;
  } finally {
    await runtime.close();
  }
}
